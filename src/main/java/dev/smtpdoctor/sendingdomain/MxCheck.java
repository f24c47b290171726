package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Finds where mail for a domain goes (RFC 5321 §5.1): the MX hosts in preference order, each resolved
 * (a few at a time); a null MX (RFC 7505: one record, exchange "."); or, without MX records, the domain's
 * own address (implicit MX).
 *
 * <p>Bounded against a hostile or broken zone: only the {@value #MAX_HOSTS} most preferred hosts are
 * resolved (the result says how many were left out), at most {@value #MAX_CONCURRENT_LOOKUPS} at once.
 */
public final class MxCheck {

    /** MX hosts resolved per domain, by preference (the same figure as SPF's limit on {@code mx}, RFC 7208 §4.6.4). */
    public static final int MAX_HOSTS = 10;
    /** Address lookups running at once for one domain's MX hosts. */
    public static final int MAX_CONCURRENT_LOOKUPS = 4;

    private final Dns dns;

    public MxCheck(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    public MxResult check(String domain) {
        String d = HostName.normalise(domain);
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
        List<MxRecord> examined = real.subList(0, Math.min(MAX_HOSTS, real.size()));
        Semaphore slots = new Semaphore(MAX_CONCURRENT_LOOKUPS);
        List<CompletableFuture<MxResult.Host>> lookups = examined.stream()
                .map(r -> CompletableFuture.supplyAsync(() -> bounded(slots, r),
                        x -> Thread.ofVirtual().name("mx").start(x)))
                .toList();
        List<MxResult.Host> hosts = lookups.stream().map(CompletableFuture::join).toList();
        boolean any = hosts.stream().anyMatch(h -> !h.addresses().isEmpty());
        return new MxResult(any ? MxResult.Status.USABLE : MxResult.Status.HOSTS_UNRESOLVABLE, domain, hosts,
                Optional.empty(), real.size() - examined.size());
    }

    /** One host's lookup once a slot is free; an interrupted wait reports the host as timed out. */
    private MxResult.Host bounded(Semaphore slots, MxRecord r) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MxResult.Host(r.preference(), r.exchange(), List.of(), "timeout");
        }
        try {
            return host(r.preference(), r.exchange());
        } finally {
            slots.release();
        }
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
