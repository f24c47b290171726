package dev.smtpdoctor.smtp;

import dev.smtpdoctor.model.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Test support for the fuzz targets: plays bytes to a {@link LineReader} through an in-memory socket,
 * feeds the lines to a {@link ReplyParser}, and states independently what the reader must return.
 */
final class Wire {

    private Wire() {
    }

    /**
     * How the reader is set up and how the bytes arrive.
     *
     * @param maxLineBytes the reader's line limit
     * @param chunk        at most this many bytes per read, as if the server wrote in small packets
     * @param budget       the probe's byte budget
     */
    record Shape(int maxLineBytes, int chunk, long budget) {
    }

    /** The lines read, and the budget exception that stopped the reader, if one did. */
    record Read(List<RawLine> lines, Optional<ReadLimitExceededException> overBudget) {
    }

    /** One parser result: a reply, or the exception a malformed line or reply caused. */
    record Outcome(Optional<Reply> reply, Optional<MalformedReplyException> malformed, List<RawLine> fed) {
    }

    /** Reads every line of {@code bytes}; any exception but the budget's escapes, as the fuzz target wants. */
    static Read read(byte[] bytes, Shape shape) throws IOException {
        List<RawLine> lines = new ArrayList<>();
        try (Socket socket = new MemorySocket(bytes, shape.chunk())) {
            LineReader reader = new LineReader(socket, new ByteBudget(shape.budget()), shape.maxLineBytes());
            Deadline deadline = Deadline.after(Duration.ofHours(1), "fuzz");
            for (RawLine line = reader.readLine(deadline); line != null; line = reader.readLine(deadline)) {
                lines.add(line);
                if (lines.size() > bytes.length) {
                    throw new AssertionError("more lines than bytes: the reader does not advance");
                }
            }
            if (reader.hasBufferedBytes()) {
                throw new AssertionError("bytes left unread after the end of the stream");
            }
        } catch (ReadLimitExceededException e) {
            return new Read(lines, Optional.of(e));
        }
        return new Read(lines, Optional.empty());
    }

    /** Feeds the lines to one parser as a session would, then ends the input. */
    static List<Outcome> parse(List<RawLine> lines, int maxLines) {
        ReplyParser parser = new ReplyParser(maxLines);
        List<Outcome> outcomes = new ArrayList<>();
        List<RawLine> fed = new ArrayList<>();
        for (RawLine line : lines) {
            fed.add(line);
            try {
                Optional<Reply> reply = parser.feed(line);
                if (reply.isPresent()) {
                    outcomes.add(new Outcome(reply, Optional.empty(), List.copyOf(fed)));
                    fed.clear();
                }
            } catch (MalformedReplyException e) {
                outcomes.add(new Outcome(Optional.empty(), Optional.of(e), List.copyOf(fed)));
                fed.clear();
            }
        }
        if (parser.inProgress() != !fed.isEmpty()) {
            throw new AssertionError("in progress with " + fed.size() + " lines fed: " + parser.inProgress());
        }
        if (parser.inProgress()) {
            try {
                outcomes.add(new Outcome(Optional.of(parser.endOfInput()), Optional.empty(), List.copyOf(fed)));
            } catch (MalformedReplyException e) {
                throw new AssertionError("end of input with " + fed.size() + " lines fed gave " + e.kind(), e);
            }
        }
        return outcomes;
    }

    /**
     * The lines {@link LineReader} must return for {@code bytes}, worked out over the whole input at
     * once: split at LF; a CR just before the LF belongs to the terminator; the last piece without LF is
     * unterminated (a CR at its end is text); content past {@code maxLineBytes} is dropped and flagged;
     * what is kept is decoded as UTF-8 and its control characters replaced by U+FFFD.
     */
    static List<RawLine> expectedLines(byte[] bytes, int maxLineBytes) {
        List<RawLine> out = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int lf = start;
            while (lf < bytes.length && bytes[lf] != '\n') {
                lf++;
            }
            boolean unterminated = lf == bytes.length;
            boolean crlf = !unterminated && lf > start && bytes[lf - 1] == '\r';
            int end = crlf ? lf - 1 : lf;
            boolean truncated = end - start > maxLineBytes;
            byte[] kept = Arrays.copyOfRange(bytes, start, Math.min(end, start + maxLineBytes));
            String decoded = new String(kept, StandardCharsets.UTF_8);
            String text = sanitise(decoded);
            out.add(new RawLine(text, !unterminated && !crlf, truncated, unterminated, !text.equals(decoded),
                    !validUtf8(kept)));
            start = lf + 1;
        }
        return out;
    }

    /** C0 controls but tab, DEL and C1 controls as U+FFFD: the contract of {@link RawLine#text()}. */
    static String sanitise(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * A socket that is only an input stream over fixed bytes, handing out at most {@code chunk} bytes per
     * read, then end of stream. Timeouts are ignored: the bytes are all there. Never opens a real socket.
     */
    static final class MemorySocket extends Socket {
        private final InputStream in;

        MemorySocket(byte[] bytes, int chunk) {
            if (chunk < 1) {
                throw new IllegalArgumentException("chunk must be positive");
            }
            this.in = new InputStream() {
                private int pos;

                @Override
                public int read() {
                    return pos < bytes.length ? bytes[pos++] & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (len == 0) {
                        return 0;
                    }
                    if (pos == bytes.length) {
                        return -1;
                    }
                    int n = Math.min(Math.min(len, chunk), bytes.length - pos);
                    System.arraycopy(bytes, pos, b, off, n);
                    pos += n;
                    return n;
                }
            };
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public void setSoTimeout(int timeout) {
            // Nothing to wait for.
        }
    }
}
