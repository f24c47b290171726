package dev.smtpdoctor.domain;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds where mail for a domain goes (RFC 5321 §5.1): the MX hosts in preference order, each resolved
 * (in parallel); a null MX (RFC 7505: one record, exchange "."); or, without MX records, the domain's
 * own address (implicit MX).
 */
public final class MxCheck {

    private final Dns dns;

    public MxCheck(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    public MxResult check(String domain) {
        String d = DomainNames.normalise(domain);
        DnsResult<MxRecord> mx = dns.mx(d);
        return switch (mx) {
            case DnsResult.Found<MxRecord> f -> found(d, f.records());
            case DnsResult.NoData<MxRecord> n -> implicit(d);
            case DnsResult.NoSuchDomain<MxRecord> n -> new MxResult(MxResult.Status.MISSING, d, List.of(),
                    Optional.of(DomainDns.kind(mx)));
            case DnsResult.ServerFailure<MxRecord> f -> new MxResult(MxResult.Status.DNS_FAILURE, d, List.of(),
                    Optional.of(DomainDns.kind(mx)));
            case DnsResult.TimedOut<MxRecord> t -> new MxResult(MxResult.Status.DNS_FAILURE, d, List.of(),
                    Optional.of(DomainDns.kind(mx)));
        };
    }

    private MxResult found(String domain, List<MxRecord> records) {
        List<MxRecord> real = records.stream().filter(r -> !r.isNullMx())
                .sorted(Comparator.comparingInt(MxRecord::preference)).toList();
        if (real.isEmpty()) {
            return new MxResult(MxResult.Status.NULL_MX, domain, List.of(), Optional.empty());
        }
        List<CompletableFuture<MxResult.Host>> lookups = real.stream()
                .map(r -> CompletableFuture.supplyAsync(() -> host(r.preference(), r.exchange()),
                        x -> Thread.ofVirtual().name("mx").start(x)))
                .toList();
        List<MxResult.Host> hosts = lookups.stream().map(CompletableFuture::join).toList();
        boolean any = hosts.stream().anyMatch(h -> !h.addresses().isEmpty());
        return new MxResult(any ? MxResult.Status.USABLE : MxResult.Status.HOSTS_UNRESOLVABLE, domain, hosts,
                Optional.empty());
    }

    private MxResult implicit(String domain) {
        MxResult.Host self = host(0, domain);
        if (self.addresses().isEmpty()) {
            return new MxResult(MxResult.Status.MISSING, domain, List.of(), Optional.of("nodata"));
        }
        return new MxResult(MxResult.Status.IMPLICIT, domain, List.of(self), Optional.empty());
    }

    private MxResult.Host host(int preference, String name) {
        DnsResult<InetAddress> a = dns.addresses(name);
        return new MxResult.Host(preference, name, a.records(), DomainDns.kind(a));
    }
}
