package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * A server that stops answering, hangs up, breaks the protocol or refuses a basic command:
 * SERVER_TIMEOUT, CONNECTION_CLOSED, PROTOCOL_VIOLATION (arg {@code kind}, the violation), COMMAND_REJECTED.
 * Arg {@code step} is a {@link dev.smtpdoctor.probe.Step} name. Cases that are really a security mode
 * mismatch (silence at the greeting on an implicit-TLS port) are left to {@link SecurityModeRule}.
 */
final class ServerBehaviourRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (m.modeMismatch(r)) {
                continue;
            }
            String host = r.endpoint().host();
            String port = String.valueOf(r.endpoint().port());
            Severity severity = m.severity(r, Severity.ERROR, Severity.WARNING);
            switch (r.outcome()) {
                case ProbeOutcome.TimedOut t -> out.add(Finding.of(FindingCode.SERVER_TIMEOUT, severity,
                        args("host", host, "port", port, "step", t.step().name())));
                case ProbeOutcome.ConnectionClosed c -> out.add(Finding.of(FindingCode.CONNECTION_CLOSED, severity,
                        args("host", host, "port", port, "step", c.step().name())));
                case ProbeOutcome.ProtocolViolation v -> out.add(Finding.of(FindingCode.PROTOCOL_VIOLATION, severity,
                        args("host", host, "port", port, "step", v.step().name(), "kind", v.kind().name(),
                                "evidence", RuleSupport.abbreviate(v.evidence(), 120))));
                case ProbeOutcome.CommandRejected c -> {
                    boolean tlsDemand = r.endpoint().security() == Security.NONE && AuthRequiresTlsRule.asksForTls(c.reply());
                    if (!tlsDemand) {
                        out.add(Finding.of(FindingCode.COMMAND_REJECTED, severity,
                                args("host", host, "port", port, "step", c.step().name(),
                                        "reply", RuleSupport.oneLine(c.reply()))));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }
}
