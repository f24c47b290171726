package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.sasl.SaslChannel;
import dev.smtpdoctor.probe.sasl.Secrets;
import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.smtp.LineReader;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.RawLine;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.smtp.ReplyParser;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One probe's connection: lines out, replies in. Every reply is masked ({@link SecretMask}) and cut to what is
 * kept ({@link KeptText}) before the listener or the state machine sees it; only {@link #lastUnmasked()} keeps
 * the reply as sent, for the protocol's own reading (capabilities, a challenge), never stored. What is written is
 * shown to the listener as the caller says (a redacted form for credentials) and the framed bytes are wiped.
 * Single-threaded, like the session that owns it.
 */
final class Wire {

    private final Endpoint endpoint;
    private final ProbeListener listener;
    private final Limits limits;
    private final SecretMask mask;
    private final ByteBudget budget;
    private final ReplyParser parser;
    private final Set<Deviation> deviations = new LinkedHashSet<>();

    /** The TCP socket; closed first, so the TLS layer does not wait for the server's close_notify. */
    private Socket raw;
    /** What we talk over: {@link #raw}, or the TLS socket on top of it. */
    private Socket socket;
    private LineReader reader;
    private OutputStream out;
    private Reply lastUnmasked;
    /** Lines of the last group written ({@link #writeGroup}) whose replies are still to be read, in order. */
    private final ArrayDeque<String> owed = new ArrayDeque<>();
    /** QUIT has been written (alone or in a group): it is never sent twice. */
    private boolean quitSent;

    Wire(Endpoint endpoint, ProbeListener listener, Limits limits, SecretMask mask, ByteBudget budget) {
        this.endpoint = endpoint;
        this.listener = listener;
        this.limits = limits;
        this.mask = mask;
        this.budget = budget;
        this.parser = new ReplyParser(limits.maxReplyLines());
    }

    /** Talks over a connected TCP socket from now on. */
    void connected(Socket tcp) throws IOException {
        raw = tcp;
        attach(tcp);
    }

    /** Talks over the TLS socket layered on the TCP one from now on. */
    void secured(Socket tls) throws IOException {
        attach(tls);
    }

    /**
     * Goes on with {@code other}'s connection (a {@link Handover}): its sockets, and the deviations seen on it so
     * far; replies are read from now on with this wire's budget, mask and listener. {@code other} is not used
     * again. Only at a point where no byte is buffered and no reply owed.
     */
    void adopt(Wire other) throws IOException {
        if (other.hasBufferedBytes() || !other.owed.isEmpty()) {
            throw new IllegalStateException("a connection is handed over only between replies");
        }
        raw = other.raw;
        quitSent = other.quitSent;
        deviations.addAll(other.deviations);
        attach(other.socket);
    }

    /** Whether every reply of the last group has been read. */
    boolean owesNothing() {
        return owed.isEmpty();
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        reader = new LineReader(s, budget, limits.maxLineBytes());
        out = s.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    /** Bytes read but not yet consumed (plaintext that came with the 220 to STARTTLS). */
    boolean hasBufferedBytes() {
        return reader.hasBufferedBytes();
    }

    /** The reply format deviations tolerated so far. */
    List<Deviation> deviations() {
        return List.copyOf(deviations);
    }

    /** The last reply as the server sent it: for the protocol's own reading only, never stored or shown. */
    Reply lastUnmasked() {
        return lastUnmasked;
    }

    /**
     * Writes a line that holds no secret, shown as it is, and reads the reply; when {@code line} is the next line
     * of a group already written, only its reply is read.
     */
    Reply command(String line, Deadline deadline) throws IOException, MalformedReplyException {
        if (line.equals(owed.peekFirst())) {
            owed.removeFirst();
            return readReply(deadline);
        }
        if (!owed.isEmpty()) {
            throw new IllegalStateException("replies still owed to " + owed);
        }
        quitSent |= line.equals("QUIT");
        write(line.getBytes(StandardCharsets.UTF_8), line, deadline);
        return readReply(deadline);
    }

    /**
     * Writes lines that hold no secret as one group (RFC 2920 §3.1), in a single write so that they leave in one
     * segment (or TLS record) rather than one round trip apart; the replies are read afterwards, in order.
     */
    void writeGroup(List<String> lines, Deadline deadline) throws IOException {
        StringBuilder group = new StringBuilder();
        for (String line : lines) {
            listener.sent(endpoint, line);
            group.append(line).append("\r\n");
        }
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        out.write(group.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        owed.addAll(lines);
        quitSent |= lines.contains("QUIT");
    }

    /** QUIT after the outcome is decided, unless it went already: best effort, whatever the server does. */
    void quitQuietly(Deadline deadline) {
        if (!isOpen() || quitSent) {
            return;
        }
        try {
            command("QUIT", deadline);
        } catch (IOException | MalformedReplyException | RuntimeException e) {
            // Best effort: the outcome is already decided.
        }
    }

    /** Reads the replies still owed to the last group (after a refusal); false when the connection failed. */
    boolean readOwed(Deadline deadline) {
        try {
            while (!owed.isEmpty()) {
                owed.removeFirst();
                readReply(deadline);
            }
            return true;
        } catch (IOException | MalformedReplyException e) {
            return false;
        }
    }

    /** Writes {@code line} with CRLF; the listener sees {@code shown}. The framed copy is wiped; {@code line} is the caller's. */
    void write(byte[] line, String shown, Deadline deadline) throws IOException {
        listener.sent(endpoint, shown);
        socket.setSoTimeout(deadline.socketTimeoutMillis());
        byte[] framed = Secrets.concat(line, new byte[] {'\r', '\n'});
        try {
            out.write(framed);
            out.flush();
        } finally {
            Arrays.fill(framed, (byte) 0);
        }
    }

    /** The next complete reply, masked and cut to what is kept; the listener receives it. */
    Reply readReply(Deadline deadline) throws IOException, MalformedReplyException {
        while (true) {
            RawLine line = reader.readLine(deadline);
            Optional<Reply> done;
            if (line == null) {
                if (!parser.inProgress()) {
                    throw new EOFException("connection closed by server");
                }
                done = Optional.of(parser.endOfInput());
            } else {
                done = parser.feed(line);
            }
            if (done.isPresent()) {
                lastUnmasked = done.get();
                Reply r = mask.reply(lastUnmasked);
                deviations.addAll(r.deviations());
                // What is stored and shown is bounded (Limits.maxKeptReplyChars): a probe may read 1 MiB.
                Reply kept = KeptText.reply(r, limits.maxKeptReplyChars());
                listener.received(endpoint, kept);
                return kept;
            }
        }
    }

    /**
     * The AUTH exchange's view of this wire: {@code attempt} runs before every line it sends (the AUTH command
     * itself uses the attempt); replies come back masked, the challenge unmasked.
     */
    SaslChannel saslChannel(Runnable attempt, Supplier<Deadline> deadline) {
        return new SaslChannel() {
            @Override
            public Reply command(String line) throws IOException, MalformedReplyException {
                attempt.run();
                return Wire.this.command(line, deadline.get());
            }

            @Override
            public Reply secret(byte[] line, String shown) throws IOException, MalformedReplyException {
                attempt.run();
                write(line, shown, deadline.get());
                return readReply(deadline.get());
            }

            @Override
            public String challenge() {
                return lastUnmasked.firstLine();
            }
        };
    }

    /** Our name for EHLO/HELO: an address literal is always valid (RFC 5321 §4.1.4), unlike our host name. */
    String ehloName() {
        InetAddress local = socket.getLocalAddress();
        if (local instanceof Inet6Address) {
            return "[IPv6:" + local.getHostAddress().replaceAll("%.*$", "") + "]";
        }
        return "[" + local.getHostAddress() + "]";
    }

    /**
     * Closes without waiting: the TCP socket first, so the TLS layer does not send close_notify and wait for
     * the server's answer with the last read timeout (which took a probe one whole step past its deadline).
     * QUIT has already said goodbye where the conversation allowed it.
     */
    void close() {
        closeQuietly(raw);
        closeQuietly(socket);
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing left to do with it.
            }
        }
    }
}
