package dev.smtpdoctor.probe.sasl;

import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The SMTP AUTH mechanisms smtp-doctor speaks (RFC 4954), each one exchange over a {@link SaslChannel}:
 *
 * <ul>
 *   <li>{@link #PLAIN} (RFC 4616): one line, {@code AUTH PLAIN} with the initial response — the command itself
 *       carries the credentials and is shown as {@code AUTH PLAIN [redacted]};</li>
 *   <li>{@link #LOGIN}: {@code AUTH LOGIN}, then the username and the password in base64, each after a 334;</li>
 *   <li>{@link #CRAM_MD5} (RFC 2195): {@code AUTH CRAM-MD5}, then the username and the HMAC-MD5 of the server's
 *       challenge; a challenge that is not base64 is answered with {@code *} and nothing secret is sent.</li>
 * </ul>
 *
 * <p>Every line that carries credentials goes through {@link SaslChannel#secret} with {@link Secrets#REDACTED}
 * (or {@code AUTH PLAIN [redacted]}) as what listeners see, and its bytes are wiped as soon as it is written.
 * The exchange ends at the first reply that is not a 334: that reply is returned (235 accepted, 5xx refused),
 * so a refusal of the AUTH command itself stops it before any credential leaves. The password array is the
 * caller's and is not wiped here.
 */
public enum SaslMechanism {

    PLAIN("PLAIN") {
        @Override
        public Reply exchange(SaslChannel channel, String username, char[] password)
                throws IOException, MalformedReplyException {
            byte[] pass = Secrets.utf8(password);
            byte[] blob = Secrets.plainBlob(username, pass);
            byte[] response = Secrets.base64(blob);
            Arrays.fill(pass, (byte) 0);
            Arrays.fill(blob, (byte) 0);
            byte[] line = Secrets.concat("AUTH PLAIN ".getBytes(StandardCharsets.US_ASCII), response);
            Arrays.fill(response, (byte) 0);
            return sendWiped(channel, line, "AUTH PLAIN " + Secrets.REDACTED);
        }
    },

    LOGIN("LOGIN") {
        @Override
        public Reply exchange(SaslChannel channel, String username, char[] password)
                throws IOException, MalformedReplyException {
            Reply r = channel.command("AUTH LOGIN");
            if (r.code() != 334) {
                return r;
            }
            r = sendWiped(channel, Secrets.base64(username.getBytes(StandardCharsets.UTF_8)), Secrets.REDACTED);
            if (r.code() != 334) {
                return r;
            }
            byte[] pass = Secrets.utf8(password);
            byte[] line = Secrets.base64(pass);
            Arrays.fill(pass, (byte) 0);
            return sendWiped(channel, line, Secrets.REDACTED);
        }
    },

    CRAM_MD5("CRAM-MD5") {
        @Override
        public Reply exchange(SaslChannel channel, String username, char[] password)
                throws IOException, MalformedReplyException, MalformedChallengeException {
            Reply r = channel.command("AUTH CRAM-MD5");
            if (r.code() != 334) {
                return r;
            }
            byte[] challenge;
            try {
                challenge = Base64.getDecoder().decode(channel.challenge().strip());
            } catch (IllegalArgumentException e) {
                channel.command("*");
                throw new MalformedChallengeException(r.firstLine());
            }
            byte[] pass = Secrets.utf8(password);
            byte[] digest = Secrets.cramMd5(username, pass, challenge);
            Arrays.fill(pass, (byte) 0);
            byte[] line = Secrets.base64(digest);
            Arrays.fill(digest, (byte) 0);
            return sendWiped(channel, line, Secrets.REDACTED);
        }
    };

    private final String wireName;

    SaslMechanism(String wireName) {
        this.wireName = wireName;
    }

    /** The name in EHLO's AUTH keyword and the AUTH command ({@code CRAM-MD5}). */
    public String wireName() {
        return wireName;
    }

    /** The mechanism EHLO calls {@code name} (any case), if smtp-doctor speaks it. */
    public static Optional<SaslMechanism> named(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Runs the exchange; returns the server's final reply (235 accepted; anything else refused).
     *
     * @throws MalformedChallengeException when a challenge could not be decoded (cancelled with {@code *})
     */
    public abstract Reply exchange(SaslChannel channel, String username, char[] password)
            throws IOException, MalformedReplyException, MalformedChallengeException;

    /** Sends a line of credentials and wipes it, whether or not the write succeeded. */
    private static Reply sendWiped(SaslChannel channel, byte[] line, String shown)
            throws IOException, MalformedReplyException {
        try {
            return channel.secret(line, shown);
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }
}
