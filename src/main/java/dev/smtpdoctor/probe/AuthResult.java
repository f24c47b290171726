package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.Reply;
import java.util.Optional;

/**
 * What happened to the credentials on one probe. At most one AUTH exchange is made per probe.
 *
 * @param mechanism the mechanism used, when an attempt was made
 * @param reply     the server's final reply to the attempt
 */
public record AuthResult(Status status, Optional<String> mechanism, Optional<Reply> reply) {

    public enum Status {
        /** No credentials were given. */
        NOT_REQUESTED,
        /** The probe ended before AUTH. */
        NOT_REACHED,
        /** Credentials withheld: the connection is not encrypted and plaintext AUTH was not allowed. */
        WITHHELD_PLAINTEXT,
        /** Credentials withheld: the certificate is not trusted or does not match the host. */
        WITHHELD_UNVERIFIED_CERTIFICATE,
        /** EHLO did not announce AUTH. */
        NOT_OFFERED,
        /** AUTH was announced, but with none of PLAIN, LOGIN, CRAM-MD5. */
        NO_SUPPORTED_MECHANISM,
        ACCEPTED,
        REJECTED,
        /** AUTH skipped: another probe of the same server made the single attempt allowed per run. */
        DEFERRED
    }

    public static AuthResult of(Status status) {
        return new AuthResult(status, Optional.empty(), Optional.empty());
    }

    public boolean attempted() {
        return status == Status.ACCEPTED || status == Status.REJECTED;
    }
}
