package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The sending-domain checks behind one call: MX (can Gmail's confirmation mail
 * arrive?), SPF for the server's address, DKIM under given and inferred selectors, DMARC, and reverse
 * DNS of the server. Independent checks run in parallel; DKIM waits for MX, whose hosts suggest
 * selectors. Each question is bounded by the {@link Dns}'s own timeout, the whole by a deadline.
 *
 * <pre>{@code
 * DomainReport r = new DomainChecks(DnsjavaDns.system()).check(new DomainRequest(
 *         "you@example.jp", Optional.of(serverAddress), Optional.of("sv1234.xserver.jp"), List.of()));
 * }</pre>
 *
 * Thread-safe; never throws for what DNS answers.
 */
public final class DomainChecks {

    /** Long enough for a few slow answers in a row; short next to the SMTP probes' own limits. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
    private static final String TIMEOUT = "timeout";

    /** Every code these checks can report. */
    public static final List<FindingCode> CODES = List.of(
            FindingCode.MX_MISSING, FindingCode.MX_NULL, FindingCode.MX_HOSTS_UNRESOLVABLE, FindingCode.MX_IMPLICIT,
            FindingCode.SPF_MISSING, FindingCode.SPF_DOES_NOT_AUTHORISE_SERVER, FindingCode.SPF_TOO_MANY_LOOKUPS,
            FindingCode.SPF_PERMERROR, FindingCode.SPF_AUTHORISES_SERVER, FindingCode.DKIM_CONFIRMED,
            FindingCode.DKIM_NOT_CONFIRMED, FindingCode.DMARC_MISSING, FindingCode.DMARC_POLICY_NONE,
            FindingCode.DMARC_INVALID, FindingCode.DMARC_ENFORCED_WITHOUT_AUTH, FindingCode.PTR_MISSING,
            FindingCode.PTR_NOT_FORWARD_CONFIRMED, FindingCode.DOMAIN_DNS_FAILED);

    private final Dns dns;

    public DomainChecks(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    /** With {@link #DEFAULT_DEADLINE}. */
    public DomainReport check(DomainRequest request) {
        return check(request, DEFAULT_DEADLINE);
    }

    /**
     * Runs every check; whatever has not finished when {@code deadline} has passed is reported as a DNS
     * timeout (the questions still running are left to end at the {@link Dns}'s own timeout), so a slow DNS server cannot hold up a diagnosis.
     */
    public DomainReport check(DomainRequest request, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String domain = request.domain();
        CompletableFuture<MxResult> mx = async(() -> new MxCheck(dns).check(domain));
        CompletableFuture<SpfRecordLookup> spfRecord = async(() -> new SpfEvaluator(dns).lookup(domain));
        CompletableFuture<Optional<SpfResult>> spf = async(() -> request.serverAddress().map(ip ->
                new SpfEvaluator(dns).check(ip, domain, request.sender(), request.serverHost().orElse("unknown"))));
        CompletableFuture<DmarcResult> dmarc = async(() -> new DmarcLookup(dns).lookup(domain));
        CompletableFuture<Optional<ReverseDnsResult>> ptr = async(() -> request.serverAddress()
                .map(ip -> new ReverseDnsCheck(dns).check(ip)));
        CompletableFuture<DkimResult> dkim = mx.thenApplyAsync(m -> new DkimCheck(dns).check(domain,
                selectors(request, m)), r -> Thread.ofVirtual().name("domain-check").start(r));

        MxResult mxResult = await(mx, end, () -> new MxResult(MxResult.Status.DNS_FAILURE, domain, List.of(),
                Optional.of(TIMEOUT)));
        SpfRecordLookup record = await(spfRecord, end, () -> new SpfRecordLookup(SpfRecordLookup.Status.DNS_FAILURE,
                domain, Optional.empty(), Optional.of(SpfProblem.DNS_FAILURE), Optional.of(TIMEOUT)));
        Optional<SpfResult> evaluation = await(spf, end, () -> request.serverAddress().map(ip -> new SpfResult(
                SpfVerdict.TEMPERROR, domain, Optional.empty(), Optional.empty(), Optional.of(SpfProblem.DNS_FAILURE),
                Optional.of(domain), 0, 0)));
        DkimResult dkimResult = await(dkim, end, () -> new DkimResult(domain, selectors(request, mxResult).entrySet()
                .stream().map(e -> new DkimResult.Selector(e.getKey(), e.getValue(), e.getKey() + "._domainkey." + domain,
                        DkimResult.Status.DNS_FAILURE)).toList()));
        DmarcResult dmarcResult = await(dmarc, end, () -> new DmarcResult(DmarcResult.Status.DNS_FAILURE, domain,
                "_dmarc." + domain, false, Optional.empty(), Optional.empty(), Optional.of(TIMEOUT)));
        Optional<ReverseDnsResult> reverse = await(ptr, end, () -> request.serverAddress().map(ip ->
                new ReverseDnsResult(ReverseDnsResult.Status.DNS_FAILURE, ip, List.of(), Optional.empty(),
                        Optional.of(TIMEOUT))));
        GmailSenderRules gmail = new GmailSenderRules(
                evaluation.map(e -> e.verdict() == SpfVerdict.PASS).orElse(false),
                dkimResult.confirmed(),
                dmarcResult.status() == DmarcResult.Status.FOUND);
        return new DomainReport(domain, request.serverAddress(), request.serverHost(), mxResult, record, evaluation,
                dkimResult, dmarcResult, reverse, gmail,
                DomainFindings.of(request, mxResult, record, evaluation, dkimResult, dmarcResult, reverse, gmail));
    }

    private static <T> T await(CompletableFuture<T> f, long endNanos, Supplier<T> onTimeout) {
        try {
            return f.get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            // Not cancelled: a CompletableFuture cannot interrupt its thread; the question ends at the Dns's timeout.
            return onTimeout.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return onTimeout.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("domain check failed", e.getCause()); // a bug, not DNS behaviour
        }
    }

    /** Given selectors first, then those the MX hosts and the server suggest, then "default". */
    static Map<String, DkimResult.Source> selectors(DomainRequest request, MxResult mx) {
        Map<String, DkimResult.Source> out = new LinkedHashMap<>();
        for (String s : request.dkimSelectors()) {
            String n = DkimSelectors.normalise(s);
            if (!n.isEmpty()) {
                out.putIfAbsent(n, DkimResult.Source.GIVEN);
            }
        }
        List<String> hosts = new ArrayList<>();
        mx.hosts().forEach(h -> hosts.add(h.exchange()));
        request.serverHost().ifPresent(hosts::add);
        for (String s : DkimSelectors.infer(hosts)) {
            out.putIfAbsent(s, DkimResult.Source.INFERRED);
        }
        return out;
    }

    private static <T> CompletableFuture<T> async(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, r -> Thread.ofVirtual().name("domain-check").start(r));
    }
}
