package dev.smtpdoctor.smtp;

/**
 * A way a server's reply departs from RFC 5321 §4.2 that the parser tolerated. Recorded on the reply
 * so a diagnosis can mention it; none of these stop the conversation by themselves.
 */
public enum Deviation {
    /** A line ended in LF without CR (RFC 5321 §2.3.8 requires CRLF). */
    BARE_LF,
    /** A continuation line carried a different reply code than the first line (§4.2.1). */
    CODE_MISMATCH,
    /** The character after the code was neither space nor hyphen. */
    BAD_SEPARATOR,
    /** A line was longer than the reader's limit and was cut (§4.5.3.1.5 allows 512 octets). */
    LINE_TRUNCATED,
    /** A NUL byte or other control character appeared in the text. */
    CONTROL_CHARACTER,
    /** The bytes were not valid UTF-8 (they were decoded with replacement characters). */
    INVALID_UTF8,
    /** The connection ended before the final line of a reply was complete (its CRLF, or the line itself). */
    MISSING_FINAL_LINE
}
