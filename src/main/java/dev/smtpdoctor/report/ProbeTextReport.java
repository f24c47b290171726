package dev.smtpdoctor.report;

import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.TranscriptEntry;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.text.UntrustedText;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.TlsObservation;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe as text in the user's language: the verdict first, then each step, the certificate, and on
 * request the transcript. Pure: a result in, a string out.
 */
public final class ProbeTextReport {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Messages m;

    public ProbeTextReport(Messages messages) {
        this.m = messages;
    }

    /** The report; as a whole through {@link UntrustedText#cleanLines}, the last guard before the terminal. */
    public String render(ProbeResult r, ProbeVerdict verdict, boolean verbose) {
        return UntrustedText.cleanLines(compose(r, verdict, verbose));
    }

    private String compose(ProbeResult r, ProbeVerdict verdict, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.get("probe.heading", r.endpoint().host(), String.valueOf(r.endpoint().port()),
                m.get("security.short." + r.endpoint().security().id()))).append('\n');
        boolean certificateRefused = verdict == ProbeVerdict.FAILED && ProbeVerdict.certificateRefused(r);
        sb.append(m.get(certificateRefused ? "probe.verdict.certificate-refused" : "probe.verdict." + verdict.code()))
                .append('\n');
        String why = outcomeText(r.outcome());
        if (!why.isEmpty()) {
            sb.append("  ").append(why).append('\n');
        }
        if (certificateRefused) {
            // The same verdict and explanation as check's: Gmail's words, and which server the certificate names.
            ProbeGmail gmail = ProbeGmail.of(r);
            DiagnosisText text = new DiagnosisText(m);
            gmail.verdict().ifPresent(v -> sb.append("  ").append(text.verdict(v)).append('\n'));
            gmail.cause().ifPresent(f -> sb.append("  ").append(text.finding(f)).append('\n'));
        }
        sb.append('\n');
        for (StepRecord s : r.steps()) {
            sb.append("  ").append(s.ok() ? "✓ " : "✗ ").append(Text.padRight(m.get("step." + s.step().name()), 18))
                    .append(Text.padLeft(s.durationMillis() + " ms", 9)).append("  ").append(oneLine(s.detail()))
                    .append('\n');
        }
        r.effectiveCapabilities().ifPresent(c -> sb.append('\n').append(capabilities(c)));
        r.tls().ifPresent(t -> sb.append('\n').append(tls(t)));
        sb.append('\n').append(auth(r.auth()));
        if (r.sender().status() != SenderResult.Status.NOT_TESTED) {
            sb.append(sender(r.sender()));
        }
        if (r.deviations()) {
            sb.append(m.get("probe.deviations")).append('\n');
        }
        if (verbose) {
            sb.append('\n').append(m.get("probe.transcript")).append('\n');
            for (TranscriptEntry e : r.transcript()) {
                String arrow = switch (e.direction()) {
                    case CLIENT -> "C:";
                    case SERVER -> "S:";
                    case INFO -> "* ";
                };
                for (String line : e.text().split("\n", -1)) {
                    sb.append(String.format("  %6d %s %s%n", e.atMillis(), arrow, line));
                }
            }
        }
        return sb.toString();
    }

    private String capabilities(Capabilities c) {
        List<String> parts = new ArrayList<>();
        c.keywords().forEach((k, v) -> parts.add(v.isEmpty() ? k : k + " " + String.join(" ", v)));
        String list = c.extended() ? String.join(", ", parts) : m.get("probe.helo-only");
        return m.get("probe.capabilities", c.domain(), list) + "\n";
    }

    private String tls(TlsObservation t) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.get("tls.session", t.protocol(), t.cipherSuite(), t.sni().orElse("-"))).append('\n');
        sb.append("  ").append(m.get("tls.chain." + t.chainVerdict().status().name())).append('\n');
        if (t.nameVerdict().matches()) {
            sb.append("  ").append(m.get("tls.name.match", t.nameVerdict().host(),
                    t.nameVerdict().matchedName().orElse(""))).append('\n');
        } else {
            sb.append("  ").append(m.get("tls.name.mismatch", t.nameVerdict().host(),
                    String.join(", ", t.nameVerdict().presentedNames()))).append('\n');
        }
        for (int i = 0; i < t.chain().size(); i++) {
            CertificateSummary c = t.chain().get(i);
            sb.append("  ").append(m.get(i == 0 ? "tls.leaf" : "tls.issuer-cert", c.subject())).append('\n');
            if (i == 0) {
                sb.append("    ").append(m.get("tls.names", c.dnsNames().isEmpty() ? "-" : String.join(", ", c.dnsNames())))
                        .append('\n');
            }
            sb.append("    ").append(m.get("tls.issued-by", c.issuer())).append('\n');
            sb.append("    ").append(m.get("tls.validity", DATE.format(c.notBefore()), DATE.format(c.notAfter())))
                    .append(i == 0 ? " " + daysLeft(t.daysLeft()) : "").append('\n');
            if (i == 0) {
                sb.append("    SHA-256 ").append(c.sha256()).append('\n');
            }
        }
        return sb.toString();
    }

    private String daysLeft(long days) {
        return days >= 0 ? m.get("tls.days-left", days) : m.get("tls.days-expired", -days);
    }

    private String auth(AuthResult a) {
        String mech = a.mechanism().orElse("");
        String reply = a.reply().map(x -> x.toWireText()).orElse("");
        return m.get("auth." + a.status().name(), mech, oneLine(reply)) + "\n";
    }

    private String sender(SenderResult s) {
        String reply = s.reply().map(x -> x.toWireText()).orElse("");
        return m.get("sender." + s.status().name(), s.address().orElse(""), oneLine(reply)) + "\n";
    }

    /** The outcome as a sentence; empty for a completed probe. */
    public String outcomeText(ProbeOutcome o) {
        return switch (o) {
            case ProbeOutcome.Completed c -> "";
            case ProbeOutcome.DnsFailed d -> m.get(d.failure().lookupIncomplete() ? "outcome.dns-here" : "outcome.dns",
                    d.host(), dnsReason(d.failure()));
            case ProbeOutcome.Refused r -> m.get("outcome.refused", r.address());
            case ProbeOutcome.ConnectTimedOut t -> m.get("outcome.connect-timeout", t.address());
            case ProbeOutcome.Unreachable u -> m.get("outcome.unreachable", u.address(), u.reason());
            case ProbeOutcome.TimedOut t -> m.get("outcome.timeout", m.get("step." + t.step().name()));
            case ProbeOutcome.ConnectionClosed c -> m.get("outcome.closed", m.get("step." + c.step().name()));
            case ProbeOutcome.GreetingRejected g -> m.get("outcome.greeting-rejected", oneLine(g.reply().toWireText()));
            case ProbeOutcome.StartTlsNotOffered s -> m.get("outcome.starttls-not-offered");
            case ProbeOutcome.StartTlsRejected s -> m.get("outcome.starttls-rejected", oneLine(s.reply().toWireText()));
            case ProbeOutcome.TlsFailed t -> t.plaintextReply() ? m.get("outcome.tls-plaintext")
                    : m.get("outcome.tls-failed", t.reason());
            case ProbeOutcome.ProtocolViolation p -> m.get("outcome.protocol." + p.kind().name(),
                    m.get("step." + p.step().name()), oneLine(p.evidence()));
            case ProbeOutcome.AuthRejected a -> m.get("outcome.auth-rejected", a.mechanism(),
                    oneLine(a.reply().toWireText()));
            case ProbeOutcome.SenderRejected s -> m.get("outcome.sender-rejected", oneLine(s.reply().toWireText()));
            case ProbeOutcome.CommandRejected c -> m.get("outcome.command-rejected", m.get("step." + c.step().name()),
                    oneLine(c.reply().toWireText()));
            case ProbeOutcome.InternalError e -> m.get("outcome.internal-error", m.get("step." + e.step().name()),
                    e.exceptionClass());
        };
    }

    /** The prober's reasons are stable English words; say them in the user's language. */
    /** {@code dns.reason.no-such-host} for {@link DnsFailure#NO_SUCH_HOST}: one key per enum constant. */
    private String dnsReason(DnsFailure failure) {
        return m.get("dns.reason." + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ');
        return t.length() <= 160 ? t : t.substring(0, 160) + "…";
    }
}
