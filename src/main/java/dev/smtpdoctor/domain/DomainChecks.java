package dev.smtpdoctor.domain;

import dev.smtpdoctor.diagnosis.FindingCode;
import dev.smtpdoctor.dns.Dns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The sending-domain checks (PRODUCT.md M9) behind one call: MX (can Gmail's confirmation mail
 * arrive?), SPF for the server's address, DKIM under given and inferred selectors, DMARC, and reverse
 * DNS of the server. Independent checks run in parallel; DKIM waits for MX, whose hosts suggest
 * selectors. Each question is bounded by the {@link Dns}'s own timeout.
 *
 * <pre>{@code
 * DomainReport r = new DomainChecks(DnsjavaDns.system()).check(new DomainRequest(
 *         "you@example.jp", Optional.of(serverAddress), Optional.of("sv1234.xserver.jp"), List.of()));
 * }</pre>
 *
 * Thread-safe; never throws for what DNS answers.
 */
public final class DomainChecks {

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
        this.dns = dns;
    }

    public DomainReport check(DomainRequest request) {
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

        SpfRecordLookup record = spfRecord.join();
        Optional<SpfResult> evaluation = spf.join();
        DkimResult dkimResult = dkim.join();
        DmarcResult dmarcResult = dmarc.join();
        GmailSenderRules gmail = new GmailSenderRules(
                evaluation.map(e -> e.verdict() == SpfVerdict.PASS).orElse(false),
                dkimResult.confirmed(),
                dmarcResult.status() == DmarcResult.Status.FOUND);
        MxResult mxResult = mx.join();
        Optional<ReverseDnsResult> reverse = ptr.join();
        return new DomainReport(domain, request.serverAddress(), request.serverHost(), mxResult, record, evaluation,
                dkimResult, dmarcResult, reverse, gmail,
                DomainFindings.of(request, mxResult, record, evaluation, dkimResult, dmarcResult, reverse, gmail));
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
