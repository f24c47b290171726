package dev.smtpdoctor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What an earlier run already wrote, for {@code --resume}: the (line number, line hash) pairs of every whole
 * record in the output file. Loading first cuts a torn last line (a run killed in the middle of a write) off the
 * file, so that input is checked again and its record written whole. A record counts for an input line only when
 * both its number and its hash agree, so a changed input is checked again rather than skipped. JSON Lines and
 * CSV outputs are read alike (both start with the line and the hash). Memory: a bit and an int per line number.
 */
public final class ResumeIndex {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BitSet done = new BitSet();
    private int[] hashes = new int[1024];
    private int records;
    private final long truncatedBytes;

    private ResumeIndex(long truncatedBytes) {
        this.truncatedBytes = truncatedBytes;
    }

    public static ResumeIndex empty() {
        return new ResumeIndex(0);
    }

    /** Reads {@code output} (nothing when it does not exist), cutting a torn last line off it first. */
    public static ResumeIndex load(Path output) throws IOException {
        if (!Files.exists(output)) {
            return empty();
        }
        ResumeIndex idx = new ResumeIndex(truncateTornTail(output));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(output),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                long[] key = key(line);
                if (key != null && key[0] > 0 && key[0] < Integer.MAX_VALUE) {
                    idx.mark((int) key[0], (int) (key[1] >>> 32));
                    idx.records++;
                }
            }
        }
        return idx;
    }

    /** Whether a whole record for this line (same number, same hash) is already in the output. */
    public boolean done(Target t) {
        long line = t.line();
        if (line <= 0 || line >= Integer.MAX_VALUE || !done.get((int) line)) {
            return false;
        }
        return hashes[(int) line] == (int) (LineHash.number(t.hash()) >>> 32);
    }

    /** Whole records found. */
    public int records() {
        return records;
    }

    /** Bytes of a torn last line cut off the file (0 when it ended with a whole line). */
    public long truncatedBytes() {
        return truncatedBytes;
    }

    private void mark(int line, int hashHigh) {
        if (line >= hashes.length) {
            hashes = Arrays.copyOf(hashes, Math.max(line + 1, hashes.length * 2));
        }
        done.set(line);
        hashes[line] = hashHigh;
    }

    /** {line, hash} of a record line, or null when it is not one (a CSV header, garbage). */
    static long[] key(String line) {
        try {
            if (line.startsWith("{")) {
                JsonNode n = MAPPER.readTree(line);
                if (!n.path("line").canConvertToLong() || !n.path("hash").isTextual()) {
                    return null;
                }
                return new long[] {n.get("line").asLong(), LineHash.number(n.get("hash").asText())};
            }
            String[] cells = line.split(",", 3);
            if (cells.length < 3 || !cells[0].matches("\\d{1,10}") || !cells[1].matches("[0-9a-f]{16}")) {
                return null;
            }
            return new long[] {Long.parseLong(cells[0]), LineHash.number(cells[1])};
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Cuts everything after the last line end; returns how many bytes went. */
    static long truncateTornTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = size;
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (pos > 0) {
                int n = (int) Math.min(buf.capacity(), pos);
                buf.clear().limit(n);
                ch.read(buf, pos - n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        long keep = pos - n + i + 1;
                        if (keep < size) {
                            ch.truncate(keep);
                        }
                        return size - keep;
                    }
                }
                pos -= n;
            }
            if (size > 0) {
                ch.truncate(0);
            }
            return size;
        }
    }
}
