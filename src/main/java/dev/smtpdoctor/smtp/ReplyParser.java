package dev.smtpdoctor.smtp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles reply lines into a {@link Reply} (RFC 5321 §4.2). Lenient like the servers it talks to:
 * bare LF, a code that changes between lines, a missing separator or a reply cut short by the
 * connection ending are accepted and recorded as {@link Deviation}s. Lines that carry no reply code at
 * all, and replies longer than {@code maxLines}, are refused.
 *
 * <p>Written by hand rather than taken from a mail library because the deviations are the product:
 * Angus Mail and friends either reject or silently repair what we need to report. Not thread-safe;
 * one instance reads one reply at a time and resets itself after each.
 */
public final class ReplyParser {

    public static final int DEFAULT_MAX_LINES = 100;

    private final int maxLines;
    private final List<String> texts = new ArrayList<>();
    private final Set<Deviation> deviations = EnumSet.noneOf(Deviation.class);
    private final List<Deviation> deviationOrder = new ArrayList<>();
    private int code;

    public ReplyParser() {
        this(DEFAULT_MAX_LINES);
    }

    public ReplyParser(int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        this.maxLines = maxLines;
    }

    /** Parses a whole reply given as text with LF or CRLF line ends; for tests, fuzzing and scripts. */
    public static Reply parse(String text) throws MalformedReplyException {
        ReplyParser parser = new ReplyParser();
        String[] lines = text.split("\r?\n", -1);
        int count = lines.length;
        if (count > 1 && lines[count - 1].isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            Optional<Reply> reply = parser.feed(RawLine.of(lines[i]));
            if (reply.isPresent()) {
                return reply.get();
            }
        }
        return parser.endOfInput();
    }

    /**
     * Feeds the next line.
     *
     * @return the finished reply when this was its final line, else empty
     * @throws MalformedReplyException when the line has no reply code or the reply is too long
     */
    public Optional<Reply> feed(RawLine line) throws MalformedReplyException {
        String s = line.text();
        int lineCode = leadingCode(s);
        if (lineCode < 0) {
            reset();
            // Whole: the caller masks echoes of the credentials before it cuts the line for showing.
            throw new MalformedReplyException(MalformedReplyException.Kind.NOT_A_REPLY, s, line.truncated());
        }
        if (texts.isEmpty()) {
            code = lineCode;
        } else if (lineCode != code) {
            note(Deviation.CODE_MISMATCH);
        }
        if (line.bareLf()) {
            note(Deviation.BARE_LF);
        }
        if (line.truncated()) {
            note(Deviation.LINE_TRUNCATED);
        }
        if (line.controlCharacters()) {
            note(Deviation.CONTROL_CHARACTER);
        }
        if (line.invalidUtf8()) {
            note(Deviation.INVALID_UTF8);
        }
        boolean last;
        String text;
        if (s.length() == 3) {
            last = true;
            text = "";
        } else {
            char sep = s.charAt(3);
            if (sep == '-') {
                last = false;
                text = s.substring(4);
            } else if (sep == ' ') {
                last = true;
                text = s.substring(4);
            } else {
                note(Deviation.BAD_SEPARATOR);
                last = true;
                text = s.substring(3);
            }
        }
        if (line.unterminated()) {
            // Cut off by the connection ending: even a "220 " line may have lost the rest of its text.
            note(Deviation.MISSING_FINAL_LINE);
            last = true;
        }
        texts.add(text);
        if (last) {
            return Optional.of(finish());
        }
        if (texts.size() >= maxLines) {
            reset();
            throw new MalformedReplyException(MalformedReplyException.Kind.TOO_MANY_LINES,
                    "more than " + maxLines + " lines");
        }
        return Optional.empty();
    }

    /** The input ended: returns what was collected, marked incomplete, or fails when nothing was. */
    public Reply endOfInput() throws MalformedReplyException {
        if (texts.isEmpty()) {
            throw new MalformedReplyException(MalformedReplyException.Kind.NO_REPLY, "");
        }
        note(Deviation.MISSING_FINAL_LINE);
        return finish();
    }

    /** True while a multi-line reply has started but not ended. */
    public boolean inProgress() {
        return !texts.isEmpty();
    }

    private Reply finish() {
        Reply reply = new Reply(code, EnhancedStatus.parseLeading(texts.get(0)), texts, deviationOrder);
        reset();
        return reply;
    }

    private void reset() {
        texts.clear();
        deviations.clear();
        deviationOrder.clear();
        code = 0;
    }

    private void note(Deviation d) {
        if (deviations.add(d)) {
            deviationOrder.add(d);
        }
    }

    /** The reply code at the start of the line, or -1. Codes are 2xx..5xx (RFC 5321 §4.2.1). */
    static int leadingCode(String s) {
        if (s.length() < 3) {
            return -1;
        }
        char a = s.charAt(0);
        char b = s.charAt(1);
        char c = s.charAt(2);
        if (a < '2' || a > '5' || b < '0' || b > '9' || c < '0' || c > '9') {
            return -1;
        }
        return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
    }
}
