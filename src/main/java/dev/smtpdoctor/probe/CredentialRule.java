package dev.smtpdoctor.probe;

import dev.smtpdoctor.probe.sasl.SaslMechanism;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.Optional;

/**
 * Whether a probe may send the credentials on its connection, and with which mechanism (docs/security.md,
 * promises 2 and 3): never without TLS unless the request allows it, never to a certificate Gmail would refuse,
 * only with a mechanism the server announced and we speak. Whose turn it is (one attempt per server) is the
 * {@link AuthGate}'s to say, after this. Pure.
 */
final class CredentialRule {

    /** Either the mechanism to use, or why there is no attempt here (and a note for the transcript, if any). */
    record Decision(Optional<SaslMechanism> mechanism, AuthResult.Status withheld, Optional<String> note) {
        static Decision use(SaslMechanism m) {
            return new Decision(Optional.of(m), null, Optional.empty());
        }

        static Decision not(AuthResult.Status status, String note) {
            return new Decision(Optional.empty(), status, Optional.ofNullable(note));
        }
    }

    private CredentialRule() {
    }

    /** @param tls the handshake, or null on an unencrypted connection; @param caps the last EHLO's capabilities */
    static Decision decide(boolean allowPlaintext, TlsObservation tls, Capabilities caps) {
        if (tls == null && !allowPlaintext) {
            return Decision.not(AuthResult.Status.WITHHELD_PLAINTEXT,
                    "credentials withheld: the connection is not encrypted");
        }
        if (tls != null && !tls.verified()) {
            return Decision.not(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE,
                    "credentials withheld: the certificate would not be accepted");
        }
        if (!caps.authAdvertised()) {
            return Decision.not(AuthResult.Status.NOT_OFFERED, null);
        }
        return caps.preferredAuthMechanism().flatMap(SaslMechanism::named).map(Decision::use)
                .orElse(Decision.not(AuthResult.Status.NO_SUPPORTED_MECHANISM, null));
    }
}
