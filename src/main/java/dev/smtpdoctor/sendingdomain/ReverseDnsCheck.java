package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.dns.DnsResult;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** PTR of an address and the forward confirmation of its names (at most 10 names are checked). */
public final class ReverseDnsCheck {

    static final int MAX_NAMES = 10;

    private final Dns dns;

    public ReverseDnsCheck(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    public ReverseDnsResult check(InetAddress address) {
        DnsResult<String> ptr = dns.ptr(address);
        if (DomainDns.failed(ptr)) {
            return new ReverseDnsResult(ReverseDnsResult.Status.DNS_FAILURE, address, List.of(), Optional.empty(),
                    Optional.of(DomainDns.kind(ptr)));
        }
        List<String> names = ptr.records();
        if (names.isEmpty()) {
            return new ReverseDnsResult(ReverseDnsResult.Status.MISSING, address, List.of(), Optional.empty(),
                    Optional.of(DomainDns.kind(ptr)));
        }
        for (String name : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
            DnsResult<InetAddress> forward = address instanceof Inet6Address ? dns.ipv6(name) : dns.ipv4(name);
            if (forward.records().contains(address)) {
                return new ReverseDnsResult(ReverseDnsResult.Status.FORWARD_CONFIRMED, address, names,
                        Optional.of(name), Optional.empty());
            }
        }
        return new ReverseDnsResult(ReverseDnsResult.Status.NOT_FORWARD_CONFIRMED, address, names, Optional.empty(),
                Optional.empty());
    }
}
