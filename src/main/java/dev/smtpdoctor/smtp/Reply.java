package dev.smtpdoctor.smtp;

import java.util.List;
import java.util.Optional;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code and the text of each line, with the enhanced
 * status code (RFC 3463) when the server gave one, and every deviation the parser tolerated.
 *
 * @param code       the reply code of the first line, 100..599
 * @param enhanced   the enhanced status code of the first line, if present
 * @param lines      the text after the code and separator, one entry per line, never empty
 * @param deviations what was wrong with the reply but tolerated, in order of appearance, without repeats
 */
public record Reply(int code, Optional<EnhancedStatus> enhanced, List<String> lines, List<Deviation> deviations) {

    public Reply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        deviations = List.copyOf(deviations);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** Convenience for tests and scripted servers: a single-line reply without deviations. */
    public static Reply of(int code, String text) {
        return new Reply(code, EnhancedStatus.parseLeading(text), List.of(text), List.of());
    }

    public boolean isPositiveCompletion() {
        return code / 100 == 2;
    }

    public boolean isPositiveIntermediate() {
        return code / 100 == 3;
    }

    public boolean isTransientFailure() {
        return code / 100 == 4;
    }

    public boolean isPermanentFailure() {
        return code / 100 == 5;
    }

    /** The first line's text, which is what servers put their human explanation in. */
    public String firstLine() {
        return lines.get(0);
    }

    /** The reply as it would appear on the wire, lines joined with newlines, for transcripts. */
    public String toWireText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toWireText();
    }
}
