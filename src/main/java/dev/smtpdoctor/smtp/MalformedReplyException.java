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

    public MalformedReplyException(Kind kind, String evidence) {
        super(kind + (evidence.isEmpty() ? "" : ": " + evidence));
        this.kind = kind;
        this.evidence = evidence;
    }

    public Kind kind() {
        return kind;
    }

    /** The offending line (already sanitised, at most 200 characters), or empty. */
    public String evidence() {
        return evidence;
    }
}
