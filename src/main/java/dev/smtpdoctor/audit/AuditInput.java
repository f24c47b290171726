package dev.smtpdoctor.audit;

import dev.smtpdoctor.text.UntrustedText;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The audit's input, read as a stream: one {@link Target} per line that is not blank, not a comment
 * ({@code #}) and not the CSV header, in input order, one line in memory at a time. Whether the input is CSV is
 * decided by its first such line ({@link LineParser#header}). Lines end with LF or CRLF; a line longer than
 * {@value #MAX_LINE} bytes is read to its end but kept only in part, and becomes a bad line (so is one that
 * is not UTF-8). A byte-order mark at the start is skipped. Not thread-safe: one reader.
 */
public final class AuditInput implements Iterator<Target>, Closeable {

    /** Bytes of a line kept; longer lines are bad lines. */
    public static final int MAX_LINE = 2048;

    private final InputStream in;
    private LineParser parser;
    private long lineNumber;
    private boolean eof;
    private Target next;

    public AuditInput(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !eof) {
            next = readTarget();
        }
        return next != null;
    }

    @Override
    public Target next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Target t = next;
        next = null;
        return t;
    }

    /** Lines read so far (blank, comment and header lines included). */
    public long linesRead() {
        return lineNumber;
    }

    /** The next target, or null for a line that gives none (blank, comment, header) or at the end. */
    private Target readTarget() {
        Raw raw = readLine();
        if (raw == null) {
            eof = true;
            return null;
        }
        String text;
        boolean utf8 = true;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw.bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(raw.bytes, StandardCharsets.UTF_8);
            utf8 = false;
        }
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String clean = UntrustedText.clean(text);
        String stripped = clean.strip();
        if (raw.complete && utf8 && (stripped.isEmpty() || stripped.startsWith("#"))) {
            return null;
        }
        if (parser == null && raw.complete && utf8) {
            parser = LineParser.header(stripped).orElse(null);
            if (parser != null) {
                return null;
            }
            parser = LineParser.TEXT;
        }
        LineParser p = parser == null ? LineParser.TEXT : parser;
        String hash = LineHash.of(clean);
        if (!raw.complete) {
            return Target.bad(lineNumber, clean, hash, Target.Problem.TOO_LONG);
        }
        if (!utf8) {
            return Target.bad(lineNumber, clean, hash, Target.Problem.NOT_UTF8);
        }
        return p.parse(lineNumber, clean, hash);
    }

    private record Raw(byte[] bytes, boolean complete) {
    }

    private Raw readLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        boolean complete = true;
        boolean any = false;
        try {
            int b;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    break;
                }
                if (buf.size() < MAX_LINE) {
                    buf.write(b);
                } else {
                    complete = false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        byte[] bytes = buf.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        if (!complete) {
            // Cut at a character boundary so the kept part decodes.
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] & 0xC0) == 0x80) {
                end--;
            }
            if (end > 0 && (bytes[end - 1] & 0x80) != 0) {
                end--;
            }
            bytes = java.util.Arrays.copyOf(bytes, end);
        }
        return new Raw(bytes, complete);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
