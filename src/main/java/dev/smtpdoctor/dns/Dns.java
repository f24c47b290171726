package dev.smtpdoctor.dns;

import java.net.InetAddress;

/**
 * The DNS questions smtp-doctor asks beyond plain address lookups: for discovery (SRV, MX) and the
 * sending-domain checks (TXT for SPF/DMARC/DKIM, PTR). Implementations: dnsjava against the system's
 * resolvers or {@code --dns-server}; tests run a real DNS server on loopback. Thread-safe; never throws
 * for what the network or a server does: failures are {@link DnsResult} values.
 * Names are absolute or relative to the root; a trailing dot is optional.
 */
public interface Dns {

    /** A and AAAA records together, IPv4 first. */
    DnsResult<InetAddress> addresses(String name);

    /**
     * A records only (SPF's {@code a}, {@code mx} and {@code exists} ask for one family, RFC 7208 §5).
     * The default filters {@link #addresses}; implementations may ask for A alone.
     */
    default DnsResult<InetAddress> ipv4(String name) {
        return AddressFamily.filter(addresses(name), name, false);
    }

    /** AAAA records only; see {@link #ipv4}. */
    default DnsResult<InetAddress> ipv6(String name) {
        return AddressFamily.filter(addresses(name), name, true);
    }

    DnsResult<MxRecord> mx(String name);

    DnsResult<SrvRecord> srv(String name);

    /** TXT records, each with its character-strings joined (RFC 7208 §3.3). */
    DnsResult<String> txt(String name);

    DnsResult<String> ptr(InetAddress address);
}
