package dev.smtpdoctor.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/** Narrows an address answer to one family, keeping what the answer says about the name. */
final class AddressFamily {

    private AddressFamily() {
    }

    /** Found with no address of the family left becomes NODATA: the name exists, the type does not. */
    static DnsResult<InetAddress> filter(DnsResult<InetAddress> r, String name, boolean ipv6) {
        if (!(r instanceof DnsResult.Found<InetAddress> f)) {
            return r;
        }
        List<InetAddress> kept = f.records().stream().filter(a -> (a instanceof Inet6Address) == ipv6).toList();
        return kept.isEmpty() ? new DnsResult.NoData<>(name) : new DnsResult.Found<>(kept, f.cnameChain());
    }
}
