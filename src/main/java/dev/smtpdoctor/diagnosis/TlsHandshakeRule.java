package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TLS_HANDSHAKE_FAILED: the handshake failed for another reason than plain text on an implicit-TLS port
 * (that is a security mode mismatch): no common protocol or cipher, a reset, a broken server. Plain text
 * after a 220 to STARTTLS is no mode mismatch but a broken STARTTLS: arg {@code hint}
 * {@code plaintext-after-starttls}. Certificate problems seen before the failure are reported by
 * {@link CertificateRule} as well. A server that speaks only TLS 1.0/1.1 (the normal path offers 1.3/1.2; a
 * credential-free diagnostic handshake on a second connection named the version): TLS_PROTOCOL_OBSOLETE with arg
 * {@code protocol} and {@code hint} {@code only-obsolete}, instead of the JDK's {@code protocol_version} text.
 */
final class TlsHandshakeRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (r.outcome() instanceof ProbeOutcome.TlsFailed t && t.obsoleteProtocol().isPresent()) {
                // Only TLS 1.0/1.1, learnt by a credential-free diagnostic handshake: name the version.
                out.add(Finding.of(FindingCode.TLS_PROTOCOL_OBSOLETE, m.severity(r, Severity.ERROR, Severity.WARNING),
                        Field.SECURITY, args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                                "protocol", t.obsoleteProtocol().get(), "hint", "only-obsolete")));
            } else if (r.outcome() instanceof ProbeOutcome.TlsFailed t && !CheckView.sslOnPlainPort(r)) {
                Map<String, String> args = args("host", r.endpoint().host(),
                        "port", String.valueOf(r.endpoint().port()), "reason", RuleSupport.abbreviate(t.reason(), 200));
                if (t.plaintextReply()) {
                    args.put("hint", "plaintext-after-starttls");
                }
                out.add(Finding.of(FindingCode.TLS_HANDSHAKE_FAILED, m.severity(r, Severity.ERROR, Severity.WARNING),
                        Field.SECURITY, args));
            }
        }
        return out;
    }
}
