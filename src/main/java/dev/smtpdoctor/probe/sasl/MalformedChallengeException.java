package dev.smtpdoctor.probe.sasl;

/**
 * The server's challenge could not be decoded; the exchange was cancelled with {@code *} (RFC 4954 §4) and
 * nothing secret was sent. {@link #evidence()} is the challenge line as listeners saw it (masked).
 */
public final class MalformedChallengeException extends Exception {

    private final String evidence;

    public MalformedChallengeException(String evidence) {
        super(null, null, false, false);
        this.evidence = evidence;
    }

    public String evidence() {
        return evidence;
    }
}
