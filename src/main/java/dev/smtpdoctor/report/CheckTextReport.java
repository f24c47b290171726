package dev.smtpdoctor.report;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.discovery.Discovered;
import dev.smtpdoctor.discovery.Proposal;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.text.UntrustedText;
import java.util.List;

/**
 * A whole check as text, in the order a worried user reads it: the answer (what to type into Gmail),
 * then why (the findings), then Gmail's view of each of its choices, then the matrix as a compact
 * table, and the transcripts on request. Pure: a diagnosis in, a string out.
 */
public final class CheckTextReport {

    private final Messages m;
    private final DiagnosisText text;
    private final ProbeTextReport probeText;

    public CheckTextReport(Messages messages) {
        this.m = messages;
        this.text = new DiagnosisText(messages);
        this.probeText = new ProbeTextReport(messages);
    }

    /** How much of the check the text report shows. */
    public enum Detail {
        /** The answer at a glance: one screen, 80 columns. */
        SHORT,
        /** The answer, then every finding, Gmail's verdict per option, what was found and tried, the sending domain. */
        DETAILS,
        /** The details and the conversation with each server. */
        VERBOSE
    }

    /**
     * The report; its text passes {@link UntrustedText#cleanLines} as a whole, the last guard should a
     * server's text have missed the filter where it entered.
     */
    public String render(Diagnosis d, Detail detail) {
        return UntrustedText.cleanLines(compose(d, detail));
    }

    private String compose(Diagnosis d, Detail detail) {
        StringBuilder sb = new StringBuilder();
        if (d.assessment().isEmpty()) {
            sb.append(m.get("check.bad-input")).append('\n');
            for (Finding f : d.lint()) {
                wrapped(sb, text.finding(f), bullet(f), "    ");
            }
            return sb.toString();
        }
        Answer answer = Answer.of(d, m);
        answer(sb, answer, detail == Detail.SHORT);
        if (detail == Detail.SHORT) {
            wrapped(sb, m.get("check.more"), "", "");
            return sb.toString();
        }
        details(sb, d, d.assessment().get());
        if (detail == Detail.VERBOSE) {
            for (CandidateProbe p : d.probes()) {
                sb.append('\n').append(probeText.render(p.result(), ProbeVerdict.of(p.result()), true));
            }
        }
        return sb.toString();
    }

    /** The answer: every line within {@link Wrap#COLUMNS}, continuation lines indented under their first. */
    private void answer(StringBuilder sb, Answer a, boolean brief) {
        wrapped(sb, a.heading(), "", "");
        sb.append('\n');
        a.verdict().ifPresent(x -> wrapped(sb, x, "", ""));
        // With values to type, the cause explains the verdict and comes before them; else it follows "nothing works".
        if (!a.fields().isEmpty()) {
            a.why().ifPresent(x -> wrapped(sb, m.get("check.why", x), "", "  "));
        }
        a.cautions().forEach(x -> wrapped(sb, x, "", ""));
        a.intro().ifPresent(x -> wrapped(sb, x, "", ""));
        if (a.fields().isEmpty()) {
            a.why().ifPresent(x -> wrapped(sb, m.get("check.why", x), "", "  "));
        }
        for (Answer.Field f : a.fields()) {
            if (f.value().isEmpty()) {
                wrapped(sb, f.label(), "  ", "  ");
            } else {
                String head = "  " + f.label() + ": ";
                wrapped(sb, f.value(), head, " ".repeat(Math.min(Text.width(head), 40)));
            }
        }
        a.notes().forEach(x -> wrapped(sb, x, "", ""));
        if (!a.risks().isEmpty()) {
            sb.append(m.get("recommendation.risks")).append('\n');
            // At a glance the two gravest; the rest with --details, which the last line points to.
            a.risks().stream().limit(brief ? RISKS_AT_A_GLANCE : a.risks().size()).forEach(x -> wrapped(sb, x, "  - ", "    "));
        }
        if (!a.asks().isEmpty()) {
            sb.append(m.get("recommendation.ask")).append('\n');
            a.asks().forEach(x -> wrapped(sb, x, "  - ", "    "));
        }
        a.next().ifPresent(x -> wrapped(sb, m.get("recommendation.next") + " " + x, "", ""));
        a.domain().ifPresent(x -> wrapped(sb, m.get("check.domain-note", x), "", ""));
    }

    /** The risks the short answer lists (the gravest); all of them are listed with --details. */
    private static final int RISKS_AT_A_GLANCE = 2;

    private static void wrapped(StringBuilder sb, String paragraph, String first, String rest) {
        for (String line : Wrap.lines(paragraph, Wrap.COLUMNS, first, rest)) {
            sb.append(line).append('\n');
        }
    }

    /** Everything behind the answer: the findings, Gmail's verdicts, discovery, the matrix, the sending domain. */
    private void details(StringBuilder sb, Diagnosis d, Assessment a) {
        if (!a.findings().isEmpty()) {
            sb.append('\n').append(m.get("check.findings")).append('\n');
            for (Finding f : a.findings()) {
                sb.append(bullet(f)).append(indentContinuation(text.finding(f))).append('\n');
            }
        }
        // Gmail's view of a name nobody typed and that does not exist would only add noise.
        boolean addressSuspect = a.recommendation().likelyCauseCode()
                .filter(c -> c == dev.smtpdoctor.model.FindingCode.ADDRESS_DOMAIN_NOT_FOUND).isPresent();
        List<GmailVerdict> verdicts = GmailChoices.shown(a.gmail(), d.settings());
        if (!verdicts.isEmpty() && !addressSuspect) {
            sb.append('\n').append(m.get("check.gmail", verdicts.get(0).host())).append('\n');
            for (GmailVerdict v : verdicts) {
                // The unsecured route never gets a tick: it "works" by sending the password in the clear.
                String mark = v.status() == GmailVerdict.Status.FAILS ? "✗ " : v.status() == GmailVerdict.Status.NOT_TESTED
                        ? "? " : v.security() == dev.smtpdoctor.model.Security.NONE ? "⚠ " : "✓ ";
                sb.append("  ").append(mark).append(text.verdict(v)).append('\n');
            }
        }
        if (!d.discovery().isEmpty()) {
            sb.append('\n').append(m.get("check.discovery")).append('\n');
            for (Discovered x : d.discovery()) {
                sb.append(discoveredRow(x)).append('\n');
            }
        }
        sb.append('\n').append(m.get("check.matrix")).append('\n');
        java.util.Set<String> unresolved = new java.util.HashSet<>();
        int rows = 0;
        for (CandidateProbe p : d.probes()) {
            if (p.result().outcome() instanceof ProbeOutcome.DnsFailed dns) {
                // One line per name that does not exist, not one per port.
                if (unresolved.add(p.result().endpoint().host())) {
                    sb.append("  ").append(Text.padRight(p.result().endpoint().host(), 56))
                            .append(m.get("check.source." + p.candidate().source().name())).append("  ")
                            .append(probeText.outcomeText(dns)).append('\n');
                }
                continue;
            }
            rows++;
            sb.append(row(p, d.probes())).append('\n');
        }
        d.domain().ifPresent(dom -> domain(sb, dom));
        sb.append(m.get("check.vantage")).append('\n');
        sb.append(m.get("check.elapsed", String.valueOf(d.totalMillis()), String.valueOf(rows),
                String.valueOf(unresolved.size()))).append('\n');
    }

    /** host, source, proposed port and security, whether the password may go there, where it came from. */
    private String discoveredRow(Discovered x) {
        Proposal p = x.candidate().proposal().orElse(null);
        String mode = p != null && p.port().isPresent()
                ? p.port().getAsInt() + p.security().map(s -> " " + m.get("security.short." + s.id())).orElse("") : "";
        String origin = p == null ? "" : "  (" + p.origin() + ")";
        return "  " + Text.padRight(x.candidate().host(), 34) + Text.padRight(m.get("check.source." + x.candidate().source()
                .name()), 20) + Text.padRight(mode, 26) + "  " + m.get("check.credentials." + x.credentials().name()) + origin;
    }

    private String row(CandidateProbe p, List<CandidateProbe> probes) {
        ProbeResult r = p.result();
        String endpoint = r.endpoint().host() + ":" + r.endpoint().port();
        String mode = m.get("security.short." + r.endpoint().security().id());
        String state;
        if (r.completed()) {
            state = r.tls().map(t -> t.verified() ? m.get("check.cell.verified") : m.get("check.cell.cert-refused"))
                    .orElse(m.get("check.cell.plain"));
            if (r.auth().status() == AuthResult.Status.DEFERRED) {
                state += sep() + deferred(r, probes);
            } else if (r.auth().status() != AuthResult.Status.NOT_REQUESTED) {
                state += sep() + m.get("check.auth." + r.auth().status().name());
            }
        } else {
            state = probeText.outcomeText(r.outcome());
            if (r.outcome() instanceof ProbeOutcome.AuthRejected) {
                state = m.get("check.auth.REJECTED") + ": " + oneLine(((ProbeOutcome.AuthRejected) r.outcome()).reply()
                        .toWireText());
            }
        }
        return "  " + Text.padRight(endpoint, 34) + Text.padRight(mode, 22) + Text.padLeft(r.totalMillis() + " ms", 8)
                + "  " + m.get("check.source." + p.candidate().source().name()) + "  " + oneLine(state);
    }

    /** A probe that left the one login attempt to another probe of the same server: say how that went. */
    private String deferred(ProbeResult r, List<CandidateProbe> probes) {
        for (CandidateProbe other : probes) {
            ProbeResult o = other.result();
            if (o != r && o.auth().attempted() && o.address().isPresent() && o.address().equals(r.address())) {
                return m.get(o.auth().status() == AuthResult.Status.ACCEPTED ? "check.auth.DEFERRED"
                        : "check.auth.DEFERRED_REFUSED", String.valueOf(o.endpoint().port()));
            }
        }
        return m.get("check.auth.NOT_REACHED");
    }

    /** The sending domain: what Gmail's sender rules need, and what was found. */
    private void domain(StringBuilder sb, dev.smtpdoctor.sendingdomain.DomainReport dom) {
        sb.append('\n').append(m.named("domain.heading", java.util.Map.of("domain", dom.domain()))).append('\n');
        for (Finding f : dom.findings()) {
            sb.append(bullet(f)).append(indentContinuation(text.finding(f))).append('\n');
        }
        sb.append("  ").append(m.named(dom.gmail().allSendersMet() ? "domain.rule.all.met" : "domain.rule.all.not-confirmed",
                java.util.Map.of())).append('\n');
        sb.append("  ").append(m.named(dom.gmail().bulkSendersMet() ? "domain.rule.bulk.met" : "domain.rule.bulk.not-met",
                java.util.Map.of())).append('\n');
        dom.serverAddress().ifPresent(a -> sb.append("  ").append(m.named("domain.spf-approximation",
                java.util.Map.of("address", a.getHostAddress()))).append('\n'));
        sb.append("  ").append(m.named("domain.gmail-rules", java.util.Map.of())).append('\n');
        sb.append('\n');
    }

    /** The connections the matrix made: its probes but those of names that do not exist (one line per name). */
    public static long connectionsTried(Diagnosis d) {
        return d.probes().stream().filter(p -> !(p.result().outcome() instanceof ProbeOutcome.DnsFailed)).count();
    }

    /** Japanese lists take the ideographic comma. */
    private String sep() {
        return m.japanese() ? "、" : ", ";
    }

    private static String bullet(Finding f) {
        return switch (f.severity()) {
            case ERROR -> "  ✗ ";
            case WARNING -> "  ! ";
            case INFO -> "  i ";
        };
    }

    private static String indentContinuation(String s) {
        return s.replace("\n", "\n    ");
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ');
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }

    /** The worst severity present, for callers that colour the heading. */
    public static Severity worst(List<Finding> findings) {
        return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(Severity.INFO);
    }
}
