package dev.smtpdoctor.smtp;

/** The server sent something that cannot be read as an SMTP reply at all. */
public final class MalformedReplyException extends Exception {

    /** What was wrong, stable for diagnosis rules. */
    public enum Kind {
        /** A line did not start with a three-digit reply code 2xx..5xx. */
        NOT_A_REPLY,
        /** A multi-line reply went on past the line limit. */
        TOO_MANY_LINES,
        /** The connection ended before any reply line arrived. */
        NO_REPLY
    }

    private final Kind kind;
    private final String evidence;
    private final boolean truncated;

    /**
     * The message is the kind alone: the evidence is server text that may echo the password, and must be masked
     * by whoever shows it, so it stays out of anything that might print an exception.
     */
    public MalformedReplyException(Kind kind, String evidence, boolean truncated) {
        super(kind.toString());
        this.kind = kind;
        this.evidence = evidence;
        this.truncated = truncated;
    }

    public MalformedReplyException(Kind kind, String evidence) {
        this(kind, evidence, false);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The offending line, sanitised but whole (up to the reader's line limit), or empty. Not cut here: it may
     * echo the password, so a caller masks it first and cuts it after, or a cut could leave most of the echo.
     */
    public String evidence() {
        return evidence;
    }

    /** The line was cut at the reader's line limit: its end may be the start of an echo. */
    public boolean truncated() {
        return truncated;
    }
}
