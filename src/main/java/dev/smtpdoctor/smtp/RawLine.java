package dev.smtpdoctor.smtp;

/**
 * One line as it came off the wire, decoded and made safe to print.
 *
 * @param text        the line without its terminator, through {@link dev.smtpdoctor.text.UntrustedText#clean}:
 *                    control, bidi and zero-width characters replaced by U+FFFD so a hostile server cannot
 *                    drive the user's terminal or reorder what it shows
 * @param bareLf      ended in LF without CR
 * @param truncated   longer than the reader's limit; the rest was read and dropped
 * @param unterminated the connection ended before the line's terminator
 * @param controlCharacters control or invisible characters (NUL, ESC, U+009B, U+202E, U+200B...) were replaced
 * @param invalidUtf8 bytes that are not UTF-8 were replaced
 */
public record RawLine(String text, boolean bareLf, boolean truncated, boolean unterminated,
                      boolean controlCharacters, boolean invalidUtf8) {

    /** A clean CRLF-terminated line, for tests and parsers fed from strings. */
    public static RawLine of(String text) {
        return new RawLine(text, false, false, false, false, false);
    }
}
