package dev.smtpdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A log file the daemons append to (Postfix, Exim, OpenSMTPD), read from a {@link Mark}: take a mark, run a probe, then read
 * what was logged since. Lines arrive asynchronously (smtpd sends them to postlogd over a datagram
 * socket), so readers wait for the line that ends what they look for, with a bound.
 *
 * <p>Only complete lines (ending in a newline) are returned. Thread-safe: it holds only the path.
 */
public final class MailLog {

    /** A byte offset into the log; lines after it were written after the mark was taken. */
    public record Mark(long offset) {
    }

    private static final Duration POLL = Duration.ofMillis(10);

    private final Path file;

    public MailLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Mark mark() {
        try {
            return new Mark(Files.size(file));
        } catch (NoSuchFileException e) {
            return new Mark(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The complete lines written since {@code mark}. */
    public List<String> linesSince(Mark mark) {
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= mark.offset()) {
                return List.of();
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - mark.offset()));
            while (buf.hasRemaining() && ch.read(buf, mark.offset() + buf.position()) > 0) {
                // Reads until the snapshot size; a concurrent append is picked up next time.
            }
            bytes = new byte[buf.position()];
            buf.flip().get(bytes);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return List.of(text.substring(0, end).split("\n", -1));
    }

    /**
     * Waits until the lines since {@code mark} satisfy {@code done}, then returns them.
     *
     * @throws AssertionError after {@code timeout}, quoting what was logged
     */
    public List<String> await(Mark mark, Predicate<List<String>> done, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = linesSince(mark);
            if (done.test(lines)) {
                return lines;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("no " + what + " in " + file + " within " + timeout.toMillis()
                        + " ms; logged since the mark:\n  " + String.join("\n  ", lines));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The lines since {@code mark} that contain {@code text}. */
    public List<String> grep(Mark mark, String text) {
        List<String> out = new ArrayList<>();
        for (String l : linesSince(mark)) {
            if (l.contains(text)) {
                out.add(l);
            }
        }
        return out;
    }
}
