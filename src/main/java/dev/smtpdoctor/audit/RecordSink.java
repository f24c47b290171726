package dev.smtpdoctor.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where records go: each record is one line written whole — one {@code write} of the line and its end, in
 * append mode, under a lock, straight to the operating system (no buffer in this process) — so a crash or
 * {@code SIGKILL} can leave at most the last line torn, never two records interleaved, and every record
 * written before it is in the file ({@link ResumeIndex} repairs the torn end). Thread-safe.
 */
public final class RecordSink implements Closeable {

    private final FileChannel file;
    private final OutputStream stream;
    private long written;

    private RecordSink(FileChannel file, OutputStream stream) {
        this.file = file;
        this.stream = stream;
    }

    /** Appends to {@code path}, creating it; {@code header} is written first when the file is empty. */
    public static RecordSink append(Path path, String header) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        RecordSink s = new RecordSink(ch, null);
        if (header != null && ch.size() == 0) {
            s.write(header);
        }
        return s;
    }

    /** Standard output (or any stream), flushed after every record. */
    public static RecordSink stream(OutputStream out, String header) throws IOException {
        RecordSink s = new RecordSink(null, out);
        if (header != null) {
            s.write(header);
        }
        return s;
    }

    /** Writes {@code record} (one line, without its end) and the line end. */
    public synchronized void write(String record) throws IOException {
        if (record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a record is one line");
        }
        byte[] bytes = (record + "\n").getBytes(StandardCharsets.UTF_8);
        if (file != null) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                file.write(b);
            }
        } else {
            stream.write(bytes);
            stream.flush();
        }
        written++;
    }

    public synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        } else {
            stream.flush();
        }
    }
}
