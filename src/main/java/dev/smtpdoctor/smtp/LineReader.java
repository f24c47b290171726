package dev.smtpdoctor.smtp;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.text.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads CRLF (or bare LF) terminated lines from a socket with hard bounds: a deadline checked before
 * every read (so a server dripping one byte a second cannot stretch a step), a maximum line length
 * (the rest of a long line is read and dropped), and a byte budget shared by the whole probe.
 *
 * <p>Does not own the socket; the caller closes it. Not thread-safe.
 */
public final class LineReader {

    public static final int DEFAULT_MAX_LINE_BYTES = 8192;

    private final Socket socket;
    private final InputStream in;
    private final ByteBudget budget;
    private final int maxLineBytes;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int limit;
    private boolean eof;

    public LineReader(Socket socket, ByteBudget budget, int maxLineBytes) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.budget = budget;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads one line.
     *
     * @return the line, or null when the connection ended before any byte of a new line
     * @throws SocketTimeoutException     when the deadline passes
     * @throws ReadLimitExceededException when the probe's byte budget is spent
     */
    public RawLine readLine(Deadline deadline) throws IOException {
        byte[] line = new byte[Math.min(256, maxLineBytes)];
        int len = 0;
        boolean truncated = false;
        boolean crPastLimit = false; // a CR that did not fit: the terminator's, if LF comes next
        boolean sawAny = false;
        while (true) {
            if (pos == limit) {
                if (!fill(deadline)) {
                    if (!sawAny) {
                        return null;
                    }
                    return decode(line, len, false, truncated || crPastLimit, true);
                }
            }
            byte b = buf[pos++];
            sawAny = true;
            if (b == '\n') {
                if (crPastLimit) {
                    return decode(line, len, false, truncated, false);
                }
                // Once truncated, the stored bytes say nothing about what came just before the LF.
                boolean bareLf = truncated || len == 0 || line[len - 1] != '\r';
                if (!bareLf) {
                    len--;
                }
                return decode(line, len, bareLf, truncated, false);
            }
            if (crPastLimit) {
                truncated = true; // that CR was text after all, dropped with the rest
                crPastLimit = false;
            }
            if (len < maxLineBytes) {
                if (len == line.length) {
                    line = java.util.Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                }
                line[len++] = b;
            } else if (b == '\r') {
                crPastLimit = true;
            } else {
                truncated = true;
            }
        }
    }

    /** True when bytes the server sent are waiting unread; after a STARTTLS 220 that means injection. */
    public boolean hasBufferedBytes() {
        return pos < limit;
    }

    private boolean fill(Deadline deadline) throws IOException {
        if (eof) {
            return false;
        }
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        budget.spend(n);
        pos = 0;
        limit = n;
        if (deadline.expired()) {
            // The read returned data, but the step's time is up: a drip-feeding server ends here.
            throw new SocketTimeoutException(deadline.label() + " deadline passed");
        }
        return true;
    }

    private static RawLine decode(byte[] bytes, int len, boolean bareLf, boolean truncated, boolean unterminated) {
        boolean invalid = false;
        String text;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = strict.decode(ByteBuffer.wrap(bytes, 0, len));
            text = cb.toString();
        } catch (CharacterCodingException e) {
            invalid = true;
            text = new String(bytes, 0, len, StandardCharsets.UTF_8);
        }
        // Controls, bidi and zero-width characters: U+FFFD, by the one rule for outside text.
        boolean control = UntrustedText.needsCleaning(text);
        text = UntrustedText.clean(text);
        return new RawLine(text, bareLf, truncated, unterminated, control, invalid);
    }
}
