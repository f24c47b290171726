package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * SENDER_NOT_OWNED: after a successful login, {@code MAIL FROM:<address>} or {@code RCPT TO} the same address was
 * refused permanently — 553, 550, or any 5xx whose words name the sender ({@link SenderRefusal}: OpenSMTPD's
 * {@code 530 Sender rejected}, Microsoft's {@code 554 5.2.252 SendAsDenied}): this account may not send as this
 * address. Gmail's dialog may accept the settings,
 * but every message would bounce.
 */
final class SenderRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : o.probes()) {
            ProbeResult r = p.result();
            if (!(m.isSubject(r) || p.credentialsAllowed())
                    || !(r.outcome() instanceof ProbeOutcome.SenderRejected s)
                    || r.auth().status() != AuthResult.Status.ACCEPTED) {
                continue;
            }
            if (!SenderRefusal.refusesSender(s.reply())) {
                continue;
            }
            out.add(Finding.of(FindingCode.SENDER_NOT_OWNED, Severity.ERROR, Field.ADDRESS,
                    args("host", r.endpoint().host(), "address", r.sender().address().orElse(o.settings().address()),
                            "username", RuleSupport.username(o), "reply", RuleSupport.oneLine(s.reply()))));
        }
        return out;
    }
}
