package dev.smtpdoctor.sendingdomain;

import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The findings drawn from the sending-domain checks. Pure. Severities: a domain that cannot receive
 * mail is an ERROR (Gmail's confirmation code never arrives); what threatens delivery of mail sent
 * this way is a WARNING; the rest is INFO. SPF, DKIM and DMARC concern no field of Gmail's dialog.
 */
final class DomainFindings {

    private DomainFindings() {
    }

    static List<Finding> of(DomainRequest request, MxResult mx, SpfRecordLookup record, Optional<SpfResult> spf,
                            DkimResult dkim, DmarcResult dmarc, Optional<ReverseDnsResult> reverse,
                            GmailSenderRules gmail) {
        List<Finding> out = new ArrayList<>();
        mx(mx, out);
        spf(request, record, spf, out);
        dkim(dkim, gmail, out);
        dmarc(dmarc, gmail, out);
        reverse.ifPresent(r -> reverse(r, request.serverHost().orElse(""), out));
        return out;
    }

    private static void mx(MxResult mx, List<Finding> out) {
        String d = mx.domain();
        switch (mx.status()) {
            case USABLE -> {
            }
            case IMPLICIT -> out.add(Finding.of(FindingCode.MX_IMPLICIT, Severity.INFO, Field.ADDRESS,
                    args("domain", d)));
            case NULL_MX -> out.add(Finding.of(FindingCode.MX_NULL, Severity.ERROR, Field.ADDRESS, args("domain", d)));
            case HOSTS_UNRESOLVABLE -> out.add(Finding.of(FindingCode.MX_HOSTS_UNRESOLVABLE, Severity.ERROR,
                    Field.ADDRESS, args("domain", d, "hosts",
                            String.join(", ", mx.hosts().stream().map(MxResult.Host::exchange).toList())
                                    + (mx.notExamined() > 0 ? ", … (+" + mx.notExamined() + ")" : ""))));
            case MISSING -> out.add(Finding.of(FindingCode.MX_MISSING, Severity.ERROR, Field.ADDRESS,
                    args("domain", d, "kind", mx.dnsKind().orElse("nodata"))));
            case DNS_FAILURE -> out.add(dnsFailed(d, "MX", mx.dnsKind().orElse("servfail")));
        }
    }

    private static void spf(DomainRequest request, SpfRecordLookup record, Optional<SpfResult> spf, List<Finding> out) {
        String d = record.domain();
        if (spf.isEmpty()) {
            switch (record.status()) {
                case FOUND -> {
                }
                case NONE -> out.add(Finding.of(FindingCode.SPF_MISSING, Severity.WARNING, args("domain", d)));
                case MULTIPLE, INVALID -> out.add(permerror(d, record.problem().orElse(SpfProblem.SYNTAX),
                        record.detail().orElse("")));
                case DNS_FAILURE -> out.add(dnsFailed(d, "TXT", record.detail().orElse("servfail")));
            }
            return;
        }
        SpfResult r = spf.get();
        String ip = request.serverAddress().map(InetAddress::getHostAddress).orElse("");
        String host = request.serverHost().orElse(ip);
        switch (r.verdict()) {
            case NONE -> out.add(Finding.of(FindingCode.SPF_MISSING, Severity.WARNING, args("domain", d)));
            case PASS -> out.add(Finding.of(FindingCode.SPF_AUTHORISES_SERVER, Severity.INFO,
                    args("domain", d, "address", ip, "host", host, "mechanism", r.decidedBy().orElse(""))));
            case FAIL, SOFTFAIL, NEUTRAL -> out.add(Finding.of(FindingCode.SPF_DOES_NOT_AUTHORISE_SERVER,
                    Severity.WARNING, args("domain", d, "address", ip, "host", host, "result", r.verdict().id(),
                            "record", r.record().orElse(""))));
            case PERMERROR -> {
                SpfProblem p = r.problem().orElse(SpfProblem.SYNTAX);
                if (p == SpfProblem.TOO_MANY_LOOKUPS) {
                    out.add(Finding.of(FindingCode.SPF_TOO_MANY_LOOKUPS, Severity.WARNING,
                            args("domain", d, "limit", String.valueOf(SpfEvaluator.MAX_LOOKUPS),
                                    "term", r.problemDetail().orElse(""))));
                } else {
                    out.add(permerror(d, p, r.problemDetail().orElse("")));
                }
            }
            case TEMPERROR -> out.add(dnsFailed(r.problemDetail().orElse(d), "SPF", "temperror"));
        }
    }

    private static void dkim(DkimResult dkim, GmailSenderRules gmail, List<Finding> out) {
        if (dkim.confirmed()) {
            out.add(Finding.of(FindingCode.DKIM_CONFIRMED, Severity.INFO,
                    args("domain", dkim.domain(), "selectors", String.join(", ", dkim.confirmedSelectors()))));
            return;
        }
        // A lookup that failed here (SERVFAIL, timeout, no resolver) learnt nothing: "not found" is said only of
        // the selectors that were answered (NXDOMAIN, NODATA, or TXT records that are no key).
        List<String> answered = new java.util.ArrayList<>();
        List<String> failed = new java.util.ArrayList<>();
        for (DkimResult.Selector sel : dkim.selectors()) {
            (sel.status() == DkimResult.Status.DNS_FAILURE ? failed : answered)
                    .add(sel.status() == DkimResult.Status.DNS_FAILURE ? sel.name() : sel.selector());
        }
        if (!failed.isEmpty()) {
            // One finding for all of them: kind "lookup-failed" (SERVFAIL, time-out, no resolver: not NXDOMAIN).
            out.add(dnsFailed(String.join(", ", failed), "TXT", "lookup-failed"));
        }
        if (answered.isEmpty() && !dkim.selectors().isEmpty()) {
            return;
        }
        String selectors = String.join(", ", answered);
        // Without a passing SPF either, nothing shows that Gmail's rule for all senders is met.
        Severity s = gmail.spfPasses() ? Severity.INFO : Severity.WARNING;
        out.add(Finding.of(FindingCode.DKIM_NOT_CONFIRMED, s, args("domain", dkim.domain(), "selectors", selectors,
                "spf", gmail.spfPasses() ? "pass" : "not-pass")));
    }

    private static void dmarc(DmarcResult dmarc, GmailSenderRules gmail, List<Finding> out) {
        String d = dmarc.domain();
        switch (dmarc.status()) {
            case NONE -> out.add(Finding.of(FindingCode.DMARC_MISSING, Severity.INFO, args("domain", d)));
            case MULTIPLE -> out.add(Finding.of(FindingCode.DMARC_INVALID, Severity.WARNING,
                    args("domain", d, "name", dmarc.queried(), "reason", "multiple")));
            case INVALID -> out.add(Finding.of(FindingCode.DMARC_INVALID, Severity.WARNING,
                    args("domain", d, "name", dmarc.queried(), "reason", "no-policy")));
            case DNS_FAILURE -> out.add(dnsFailed(dmarc.queried(), "TXT", dmarc.dnsKind().orElse("servfail")));
            case FOUND -> {
                DmarcRecord.Policy p = dmarc.effectivePolicy().orElse(DmarcRecord.Policy.NONE);
                int pct = dmarc.record().map(DmarcRecord::pct).orElse(100);
                if (p == DmarcRecord.Policy.NONE) {
                    out.add(Finding.of(FindingCode.DMARC_POLICY_NONE, Severity.INFO,
                            args("domain", d, "name", dmarc.queried())));
                } else if (!gmail.allSendersMet() && pct > 0) {
                    out.add(Finding.of(FindingCode.DMARC_ENFORCED_WITHOUT_AUTH, Severity.WARNING,
                            args("domain", d, "policy", p.id(), "name", dmarc.queried())));
                }
            }
        }
    }

    private static void reverse(ReverseDnsResult r, String host, List<Finding> out) {
        String ip = r.address().getHostAddress();
        String h = host.isEmpty() ? ip : host;
        switch (r.status()) {
            case FORWARD_CONFIRMED -> {
            }
            case MISSING -> out.add(Finding.of(FindingCode.PTR_MISSING, Severity.WARNING,
                    args("address", ip, "host", h)));
            case NOT_FORWARD_CONFIRMED -> out.add(Finding.of(FindingCode.PTR_NOT_FORWARD_CONFIRMED, Severity.WARNING,
                    args("address", ip, "host", h, "names", String.join(", ", r.names()))));
            case DNS_FAILURE -> out.add(dnsFailed(ip, "PTR", r.dnsKind().orElse("servfail")));
        }
    }

    private static Finding permerror(String domain, SpfProblem p, String detail) {
        return Finding.of(FindingCode.SPF_PERMERROR, Severity.WARNING,
                args("domain", domain, "reason", p.id(), "detail", detail));
    }

    private static Finding dnsFailed(String name, String type, String kind) {
        return Finding.of(FindingCode.DOMAIN_DNS_FAILED, Severity.WARNING, args("name", name, "type", type,
                "kind", kind));
    }
}
