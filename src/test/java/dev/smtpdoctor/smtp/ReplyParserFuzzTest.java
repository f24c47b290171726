package dev.smtpdoctor.smtp;

import static dev.smtpdoctor.testing.Fuzzing.require;
import static dev.smtpdoctor.testing.Fuzzing.requireEqual;
import static dev.smtpdoctor.testing.Fuzzing.requireAtMost;
import static dev.smtpdoctor.testing.Fuzzing.requirePrintable;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzzes what a hostile server controls first: the bytes of its replies, through {@link LineReader}
 * (over an in-memory socket, in several packet sizes and line limits) into {@link ReplyParser}.
 * The input is the raw bytes the server sends; seed files are plain SMTP transcripts.
 */
class ReplyParserFuzzTest {

    /**
     * How the bytes are read, and the parser's line limit for what that gives: a small line limit
     * reaches truncation with small inputs, 1-byte packets split every line, and a 2-line reply limit
     * reaches TOO_MANY_LINES. The seeds stay small: libFuzzer lets inputs grow to the largest seed.
     */
    private static final List<Wire.Shape> SHAPES = List.of(
            new Wire.Shape(8, 1, Long.MAX_VALUE),
            new Wire.Shape(LineReader.DEFAULT_MAX_LINE_BYTES, 3, Long.MAX_VALUE),
            new Wire.Shape(LineReader.DEFAULT_MAX_LINE_BYTES, 4096, Long.MAX_VALUE));
    /** The parser's reply limit for each shape's lines; 0: not parsed, the lines are the next shape's. */
    private static final int[] MAX_LINES = {2, 0, ReplyParser.DEFAULT_MAX_LINES};

    @FuzzTest
    @DictionaryFile(resourcePath = "smtp.dict")
    void replyBytes(byte[] wire) throws Exception {
        for (int s = 0; s < SHAPES.size(); s++) {
            Wire.Shape shape = SHAPES.get(s);
            Wire.Read read = Wire.read(wire, shape);
            require(read.overBudget().isEmpty(), "over an unlimited budget", read.overBudget());
            requireEqual("lines read with " + shape, Wire.expectedLines(wire, shape.maxLineBytes()), read.lines());
            for (RawLine line : read.lines()) {
                requirePrintable("line", line.text());
                requireAtMost("line length", line.text().length(), shape.maxLineBytes());
            }
            if (MAX_LINES[s] > 0) {
                for (Wire.Outcome outcome : Wire.parse(read.lines(), MAX_LINES[s])) {
                    check(outcome, MAX_LINES[s]);
                }
            }
        }
        checkBudget(wire);
        checkTextParser(wire);
    }

    /** A budget smaller than the input stops the reader, after the lines that fit, and only then. */
    private static void checkBudget(byte[] wire) throws Exception {
        long budget = wire.length / 2;
        Wire.Read read = Wire.read(wire, new Wire.Shape(LineReader.DEFAULT_MAX_LINE_BYTES, 5, budget));
        require(read.overBudget().isPresent() == wire.length > budget, "budget " + budget + " for bytes",
                wire.length);
        List<RawLine> all = Wire.expectedLines(wire, LineReader.DEFAULT_MAX_LINE_BYTES);
        requireAtMost("lines read within the budget", read.lines(), all.size());
        requireEqual("lines read within the budget", all.subList(0, read.lines().size()), read.lines());
    }

    private static void check(Wire.Outcome outcome, int maxLines) {
        List<RawLine> fed = outcome.fed();
        require(!fed.isEmpty() || outcome.reply().isEmpty(), "a reply from no lines", outcome);
        if (outcome.malformed().isPresent()) {
            MalformedReplyException e = outcome.malformed().get();
            requirePrintable("evidence", e.evidence());
            requireAtMost("evidence length", e.evidence().length(), LineReader.DEFAULT_MAX_LINE_BYTES);
            RawLine last = fed.get(fed.size() - 1);
            switch (e.kind()) {
                case NOT_A_REPLY -> require(ReplyParser.leadingCode(last.text()) < 0, "not a reply", last);
                case TOO_MANY_LINES -> require(fed.size() == maxLines, "too many lines after", fed.size());
                case NO_REPLY -> throw new AssertionError("NO_REPLY after a line");
            }
            return;
        }
        Reply reply = outcome.reply().orElseThrow();
        require(reply.code() >= 200 && reply.code() <= 599, "reply code", reply.code());
        requireAtMost("reply lines", reply.lines(), maxLines);
        require(reply.lines().size() == fed.size(), "lines fed vs reply lines", fed.size() + " vs " + reply);
        require(reply.code() == ReplyParser.leadingCode(fed.get(0).text()), "code of the first line", reply);

        Set<Deviation> expected = EnumSet.noneOf(Deviation.class);
        for (int i = 0; i < fed.size(); i++) {
            RawLine raw = fed.get(i);
            String text = reply.lines().get(i);
            requirePrintable("reply line", text);
            int prefix = raw.text().length() - text.length();
            require(raw.text().endsWith(text) && (prefix == 3 || prefix == 4), "line text from " + raw, text);
            boolean lastLine = i == fed.size() - 1;
            if (!lastLine) {
                require(raw.text().charAt(3) == '-' && !raw.unterminated(), "continuation line", raw);
            }
            if (ReplyParser.leadingCode(raw.text()) != reply.code()) {
                expected.add(Deviation.CODE_MISMATCH);
            }
            if (raw.bareLf()) {
                expected.add(Deviation.BARE_LF);
            }
            if (raw.truncated()) {
                expected.add(Deviation.LINE_TRUNCATED);
            }
            if (raw.controlCharacters()) {
                expected.add(Deviation.CONTROL_CHARACTER);
            }
            if (raw.invalidUtf8()) {
                expected.add(Deviation.INVALID_UTF8);
            }
            if (lastLine && raw.text().length() > 3 && " -".indexOf(raw.text().charAt(3)) < 0) {
                expected.add(Deviation.BAD_SEPARATOR);
            }
            if (lastLine && (raw.unterminated() || raw.text().length() > 3 && raw.text().charAt(3) == '-')) {
                expected.add(Deviation.MISSING_FINAL_LINE);
            }
        }
        requireEqual("deviations of the reply", expected, Set.copyOf(reply.deviations()));
        requireEqual("deviations without repeats", expected.size(), reply.deviations().size());

        // Idempotence: the reply written back out parses to itself, with nothing left to tolerate.
        Reply again = parseOrFail(reply.toWireText());
        requireEqual("reply written out and read again", reply.code() + " " + reply.lines() + " " + reply.enhanced(),
                again.code() + " " + again.lines() + " " + again.enhanced());
        requireEqual("deviations of a written-out reply", List.of(), again.deviations());
    }

    /**
     * {@link ReplyParser#parse(String)} (for tests and scripts) fails only with MalformedReplyException;
     * on text that is clean (UTF-8, no control characters but line ends, short lines) it agrees with the
     * wire path on the first reply.
     */
    private static void checkTextParser(byte[] wire) {
        String text = new String(wire, java.nio.charset.StandardCharsets.UTF_8);
        Optional<Reply> parsed;
        Optional<MalformedReplyException> failed;
        try {
            parsed = Optional.of(ReplyParser.parse(text));
            failed = Optional.empty();
        } catch (MalformedReplyException e) {
            parsed = Optional.empty();
            failed = Optional.of(e);
        }
        parsed.ifPresent(r -> require(r.code() >= 200 && r.code() <= 599, "reply code", r.code()));
        List<RawLine> lines = Wire.expectedLines(wire, LineReader.DEFAULT_MAX_LINE_BYTES);
        if (lines.isEmpty() || lines.stream().anyMatch(l -> l.truncated() || l.controlCharacters() || l.invalidUtf8())
                || text.replace("\r\n", "\n").indexOf('\r') >= 0) {
            return;
        }
        Wire.Outcome first = Wire.parse(lines, ReplyParser.DEFAULT_MAX_LINES).get(0);
        if (first.reply().isPresent()) {
            require(parsed.isPresent(), "text parser failed where the wire parser gave " + first.reply().get(),
                    failed);
            requireEqual("text parser's code", first.reply().get().code(), parsed.get().code());
            requireEqual("text parser's lines", first.reply().get().lines(), parsed.get().lines());
        } else {
            require(failed.isPresent() && failed.get().kind() == first.malformed().get().kind(),
                    "text parser gave " + parsed + " where the wire parser failed with", first.malformed());
        }
    }

    private static Reply parseOrFail(String text) {
        try {
            return ReplyParser.parse(text);
        } catch (MalformedReplyException e) {
            throw new AssertionError("written-out reply does not parse: " + text, e);
        }
    }
}
