package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the server would take a password without encryption, learned without a credential: on an unencrypted
 * connection that announces AUTH, {@code AUTH PLAIN} (or LOGIN) with no initial response, and a 334 challenge
 * cancelled at once with {@code *} (RFC 4954 §4). 538 or 530 means the server wants TLS first (Exim's "538
 * Encryption required"); 334 means it would read a password sent in the clear. No secret leaves the machine and
 * the probe's gate is not asked for the login attempt: this is not one. At most one per server and check
 * ({@link AuthGate#mayCheckAuthInClear}); never on a connection that will carry the login itself in the clear.
 */
final class ClearAuthCheck {

    private ClearAuthCheck() {
    }

    /** The reply to the credential-free AUTH, when it was sent and answered. */
    static Optional<Reply> run(Wire wire, Capabilities ehlo, ProbeRequest request, Endpoint endpoint, String address,
                               ProbeListener listener, Deadline deadline) {
        if (endpoint.security() != Security.NONE || !ehlo.authAdvertised()
                || request.credentials().isPresent() && request.allowPlaintextAuth()) {
            return Optional.empty();
        }
        Set<String> offered = ehlo.authMechanisms();
        String mechanism = offered.contains("PLAIN") ? "PLAIN" : offered.contains("LOGIN") ? "LOGIN" : null;
        if (mechanism == null || !request.authGate().mayCheckAuthInClear(endpoint, address)) {
            return Optional.empty();
        }
        listener.note(endpoint, "AUTH " + mechanism + " without any credential, cancelled with *: would the server"
                + " take a password unencrypted? (not the login attempt; nothing secret is sent)");
        Reply r;
        try {
            r = wire.command("AUTH " + mechanism, deadline);
        } catch (IOException | MalformedReplyException e) {
            return Optional.empty(); // the next step meets the same connection and says what happened
        }
        if (r.code() == 334) {
            try {
                wire.command("*", deadline); // RFC 4954 §4: the server answers 501 and the exchange is over
            } catch (IOException | MalformedReplyException e) {
                // The 334 is what was to be learnt; the next step meets the connection as it is.
            }
        }
        return Optional.of(r);
    }
}
