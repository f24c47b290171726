package dev.smtpdoctor.dns;

import dev.smtpdoctor.text.UntrustedText;
import java.net.InetAddress;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link Dns} whose answers hold only printable text: every TXT string, every name in an MX, SRV or PTR
 * record, every alias of a CNAME chain and every name and response code of a failure passes through
 * {@link UntrustedText#clean}. DNS is text from outside like a server's reply: a TXT record (SPF, DMARC,
 * DKIM) can carry any byte, and so can a name in a fake or local zone.
 *
 * <p>Every {@code Dns} the product asks goes through {@link #of} where it enters ({@code DomainChecks},
 * the domain checks' constructors, {@code Discovery}); wrapping twice is a no-op. Thread-safe as the
 * wrapped one.
 */
public final class SanitisedDns implements Dns {

    private final Dns dns;

    private SanitisedDns(Dns dns) {
        this.dns = dns;
    }

    /** {@code dns} with clean answers; {@code dns} itself when it already is one. */
    public static Dns of(Dns dns) {
        return dns instanceof SanitisedDns ? dns : new SanitisedDns(dns);
    }

    @Override
    public DnsResult<InetAddress> addresses(String name) {
        return clean(dns.addresses(name), UnaryOperator.identity());
    }

    @Override
    public DnsResult<InetAddress> ipv4(String name) {
        return clean(dns.ipv4(name), UnaryOperator.identity());
    }

    @Override
    public DnsResult<InetAddress> ipv6(String name) {
        return clean(dns.ipv6(name), UnaryOperator.identity());
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return clean(dns.mx(name), r -> new MxRecord(r.preference(), UntrustedText.clean(r.exchange())));
    }

    @Override
    public DnsResult<SrvRecord> srv(String name) {
        return clean(dns.srv(name), r -> new SrvRecord(r.priority(), r.weight(), r.port(),
                UntrustedText.clean(r.target())));
    }

    @Override
    public DnsResult<String> txt(String name) {
        return clean(dns.txt(name), UntrustedText::clean);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return clean(dns.ptr(address), UntrustedText::clean);
    }

    @Override
    public String toString() {
        return dns.toString();
    }

    private static <T> DnsResult<T> clean(DnsResult<T> r, UnaryOperator<T> record) {
        return switch (r) {
            case DnsResult.Found<T> f -> new DnsResult.Found<>(f.records().stream().map(record).toList(),
                    cleanAll(f.cnameChain()));
            case DnsResult.NoSuchDomain<T> n -> new DnsResult.NoSuchDomain<>(UntrustedText.clean(n.name()));
            case DnsResult.NoData<T> n -> new DnsResult.NoData<>(UntrustedText.clean(n.name()));
            case DnsResult.ServerFailure<T> f -> new DnsResult.ServerFailure<>(UntrustedText.clean(f.name()),
                    UntrustedText.clean(f.rcode()));
            case DnsResult.TimedOut<T> t -> new DnsResult.TimedOut<>(UntrustedText.clean(t.name()));
        };
    }

    private static List<String> cleanAll(List<String> names) {
        return names.stream().map(UntrustedText::clean).toList();
    }
}
