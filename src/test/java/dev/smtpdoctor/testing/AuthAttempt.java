package dev.smtpdoctor.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AUTH exchange as {@link FakeSmtpServer} received it, decoded, so a test can assert exactly which
 * credentials arrived.
 *
 * @param mechanism       PLAIN, LOGIN or CRAM-MD5, as the client named it (upper-cased)
 * @param authorizationId PLAIN's authorization identity (RFC 4616), empty for the other mechanisms
 * @param username        the authentication identity
 * @param password        the password as sent; empty for CRAM-MD5, which never sends it (RFC 2195)
 * @param cramChallenge   the challenge the server sent, for CRAM-MD5
 * @param cramDigest      the hex HMAC-MD5 the client answered, for CRAM-MD5
 */
public record AuthAttempt(String mechanism, String authorizationId, String username, Optional<String> password,
                          Optional<String> cramChallenge, Optional<String> cramDigest) {

    /** True when the client proved knowledge of {@code candidate}: sent it, or the right CRAM-MD5 digest. */
    public boolean proves(String candidate) {
        if (password.isPresent()) {
            return password.get().equals(candidate);
        }
        if (cramChallenge.isEmpty() || cramDigest.isEmpty()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(candidate.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            byte[] expected = mac.doFinal(cramChallenge.get().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(expected).equals(cramDigest.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }
}
