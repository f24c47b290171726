package dev.smtpdoctor.diagnosis;

import static dev.smtpdoctor.diagnosis.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS_HANDSHAKE_FAILED: the handshake failed for another reason than plain text on the port (that is a
 * security mode mismatch): no common protocol or cipher, a reset, a broken server. Certificate problems
 * seen before the failure are reported by {@link CertificateRule} as well.
 */
final class TlsHandshakeRule implements Rule {

    @Override
    public List<Finding> apply(Observations o) {
        Matrix m = Matrix.of(o);
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (r.outcome() instanceof ProbeOutcome.TlsFailed t && !t.plaintextReply()) {
                out.add(Finding.of(FindingCode.TLS_HANDSHAKE_FAILED, m.severity(r, Severity.ERROR, Severity.WARNING),
                        Field.SECURITY, args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                                "reason", Rules.abbreviate(t.reason(), 200))));
            }
        }
        return out;
    }
}
