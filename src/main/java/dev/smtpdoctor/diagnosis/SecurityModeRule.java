package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * SECURITY_MODE_MISMATCH: "SSL" on a port that speaks plain SMTP first (a STARTTLS port), or "TLS" on an
 * implicit-TLS port (the greeting never comes because the server waits for a TLS handshake). Gmail then
 * fails after a wait with "couldn't reach server" (reference §1.3, E5). Arg {@code hint}:
 * {@code ssl-on-starttls-port} or {@code tls-on-ssl-port}; {@code plaintext-on-465} when the port acting
 * as a STARTTLS port is 465 itself, where the usual advice ("SSL belongs with 465") would contradict itself.
 */
final class SecurityModeRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (!m.modeMismatch(r)) {
                continue;
            }
            boolean sslChosen = r.endpoint().security() == Security.SSL;
            out.add(Finding.of(FindingCode.SECURITY_MODE_MISMATCH, m.severity(r, Severity.ERROR, Severity.INFO),
                    Field.SECURITY, args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                            "chosen", r.endpoint().security().id(), "expected", sslChosen ? "tls" : "ssl",
                            "hint", !sslChosen ? "tls-on-ssl-port"
                                    : r.endpoint().port() == 465 ? "plaintext-on-465" : "ssl-on-starttls-port")));
        }
        return out;
    }
}
