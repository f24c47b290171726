package dev.smtpdoctor.probe.sasl;

import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import java.io.IOException;

/**
 * What a {@link SaslMechanism} may do on the conversation: the probe's session provides it. Every line sent
 * through it uses the probe's one AUTH attempt — the AUTH command itself counts, even when the server refuses
 * it before any credential is sent. Replies come back as listeners saw them: masked, so they can serve as
 * evidence; the raw challenge is available only through {@link #challenge()}.
 */
public interface SaslChannel {

    /**
     * Sends a line that holds no secret (the AUTH command, {@code *} to cancel) as it is, and reads the reply.
     * The attempt is used from the first byte.
     */
    Reply command(String line) throws IOException, MalformedReplyException;

    /**
     * Sends {@code line}, which carries credentials; listeners and transcripts see {@code shown} instead. The
     * channel keeps no reference to {@code line} once it returns or throws; the caller wipes it.
     */
    Reply secret(byte[] line, String shown) throws IOException, MalformedReplyException;

    /** The first line of the last reply as the server sent it, unmasked: a challenge to decode, never to show. */
    String challenge();
}
