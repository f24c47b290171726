package dev.smtpdoctor.testing;

import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on 127.0.0.1 for tests, after OkHttp's MockWebServer and Thunderbird's
 * MockSmtpServer: the test scripts what the server says and expects, runs the client, then checks what
 * arrived ({@link #receivedLines()}, {@link #authAttempts()}) and calls {@link #verifyInteractionCompleted()}.
 *
 * <p>Each accepted connection plays the next script ({@link #nextConnection()} starts another), one
 * action at a time. Socket effects make it misbehave like real servers: {@link #stall()},
 * {@link #drip}, {@link #pause}, {@link #sendRaw}, {@link #sendForever}, {@link #closeConnection()},
 * {@link #reset()}, and {@link #raw} for hand-written bytes. After a script's last
 * action the connection stays open and whatever the client still sends is recorded, until the client
 * closes it. Expectation mismatches are recorded, not thrown, and end that connection.
 *
 * <p>Threads: scripts are built on the test thread before the client connects; connections are served
 * one at a time on a single daemon thread, which {@link #close()} stops and joins. The recording
 * getters may be called from any thread.
 */
public final class FakeSmtpServer implements AutoCloseable {

    private static final Duration VERIFY_WAIT = Duration.ofSeconds(5);
    private static final int MAX_LINE = 64 * 1024;

    private final ServerSocket serverSocket;
    private final Thread thread;
    // Everything below is guarded by "this".
    private final List<List<Action>> scripts = new ArrayList<>(List.of(new ArrayList<>()));
    private final List<Integer> done = new ArrayList<>();
    private final List<Boolean> finished = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<AuthAttempt> authAttempts = new ArrayList<>();
    private final List<Optional<String>> serverNames = new ArrayList<>();
    private Socket current;
    private boolean closed;

    private record Action(String description, Body body) {
    }

    @FunctionalInterface
    private interface Body {
        void run(Connection c) throws IOException, InterruptedException, Mismatch;
    }

    /** The client did something the script did not expect. */
    private static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    public FakeSmtpServer() {
        try {
            serverSocket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofPlatform().daemon().name("fake-smtp-" + port()).start(this::serve);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    // ---- the script ---------------------------------------------------------------------------------

    /** Starts the script for the next connection; until then actions go to the first. */
    public synchronized FakeSmtpServer nextConnection() {
        scripts.add(new ArrayList<>());
        return this;
    }

    /** Sends the lines, each with CRLF, in a single write. */
    /**
     * Expects {@code EHLO [127.0.0.1]} (what the prober sends from loopback) and answers 250 naming
     * {@code host}, then one line per keyword, as a multi-line reply.
     */
    public FakeSmtpServer ehloReply(String host, String... keywordLines) {
        List<String> lines = new ArrayList<>();
        lines.add(host + " Hello [127.0.0.1]");
        lines.addAll(List.of(keywordLines));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
        }
        return expect("EHLO [127.0.0.1]").output(out.toArray(String[]::new));
    }

    public FakeSmtpServer output(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append("\r\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        return add("output " + String.join(" | ", lines), c -> c.write(bytes));
    }

    /** Reads one line and checks it against a glob in which {@code *} stands for any text. */
    public FakeSmtpServer expect(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            regex.append(regex.isEmpty() ? "" : ".*").append(Pattern.quote(part));
        }
        return expect(Pattern.compile(regex.toString()), glob);
    }

    /** Reads one line and checks that the whole line matches {@code regex}. */
    public FakeSmtpServer expect(Pattern regex) {
        return expect(regex, "/" + regex.pattern() + "/");
    }

    private FakeSmtpServer expect(Pattern regex, String shown) {
        return add("expect " + shown, c -> {
            String line = c.expectLine();
            if (!regex.matcher(line).matches()) {
                throw new Mismatch("got '" + line + "'");
            }
        });
    }

    /** Runs the server side of a TLS handshake now: after "220" to STARTTLS, or first for implicit TLS. */
    public FakeSmtpServer startTls(HeldCertificate certificate) {
        return add("TLS handshake", c -> {
            SSLSocket ssl = (SSLSocket) certificate.serverContext().getSocketFactory()
                    .createSocket(c.socket, null, true);
            try {
                ssl.startHandshake();
            } catch (IOException e) {
                throw new Mismatch("TLS handshake failed: " + e.getMessage());
            }
            Optional<String> sni = ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames().stream()
                    .filter(n -> n instanceof SNIHostName).map(n -> ((SNIHostName) n).getAsciiName()).findFirst();
            synchronized (this) {
                serverNames.add(sni);
            }
            c.use(ssl);
        });
    }

    /** Implicit TLS ("ssl", port 465): call before any other action of the connection. */
    public FakeSmtpServer implicitTls(HeldCertificate certificate) {
        return startTls(certificate);
    }

    /**
     * Plays the server side of one AUTH exchange for {@code mechanism} (PLAIN, LOGIN or CRAM-MD5), with the
     * challenges each needs, records the decoded {@link AuthAttempt} and sends {@code reply.apply(attempt)}.
     */
    public FakeSmtpServer expectAuth(String mechanism, Function<AuthAttempt, String> reply) {
        String mech = mechanism.toUpperCase(Locale.ROOT);
        return add("AUTH " + mech, c -> {
            String line = c.expectLine();
            String[] words = line.split(" ");
            if (words.length < 2 || !words[0].equalsIgnoreCase("AUTH") || !words[1].equalsIgnoreCase(mech)) {
                throw new Mismatch("got '" + line + "'");
            }
            Optional<String> initial = words.length > 2 ? Optional.of(words[2]) : Optional.empty();
            AuthAttempt attempt = switch (mech) {
                case "PLAIN" -> {
                    String[] parts = decode(initial.isPresent() ? initial.get() : c.challenge("")).split("\0", -1);
                    if (parts.length != 3) {
                        throw new Mismatch("PLAIN response is not authzid NUL authcid NUL passwd");
                    }
                    yield new AuthAttempt(mech, parts[0], parts[1], Optional.of(parts[2]),
                            Optional.empty(), Optional.empty());
                }
                case "LOGIN" -> {
                    String user = decode(initial.isPresent() ? initial.get() : c.challenge(b64("Username:")));
                    String pass = decode(c.challenge(b64("Password:")));
                    yield new AuthAttempt(mech, "", user, Optional.of(pass), Optional.empty(), Optional.empty());
                }
                case "CRAM-MD5" -> {
                    String challenge = "<1896.697170952@fake.smtp-doctor.test>"; // RFC 2195's example form
                    String[] parts = decode(c.challenge(b64(challenge))).split(" ", 2);
                    if (parts.length != 2) {
                        throw new Mismatch("CRAM-MD5 response is not 'user digest'");
                    }
                    yield new AuthAttempt(mech, "", parts[0], Optional.empty(), Optional.of(challenge),
                            Optional.of(parts[1]));
                }
                default -> throw new IllegalArgumentException("unsupported mechanism " + mech);
            };
            synchronized (this) {
                authAttempts.add(attempt);
            }
            c.write((reply.apply(attempt) + "\r\n").getBytes(StandardCharsets.UTF_8));
        });
    }

    public FakeSmtpServer expectAuth(String mechanism, String reply) {
        return expectAuth(mechanism, attempt -> reply);
    }

    /** Closes the connection; later actions of this script are not played. */
    public FakeSmtpServer closeConnection() {
        return add("close connection", c -> {
            c.socket.close();
            c.ended = true;
        });
    }

    /** Never answers again: records what the client sends until it gives up and closes. */
    public FakeSmtpServer stall() {
        return add("stall", c -> {
            c.drain();
            c.ended = true;
        });
    }

    /** Sends {@code text} exactly as given (no CRLF added), one byte every {@code perByte}. */
    public FakeSmtpServer drip(String text, Duration perByte) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return add("drip " + bytes.length + " bytes", c -> {
            for (byte b : bytes) {
                c.write(new byte[] {b});
                Thread.sleep(perByte);
            }
        });
    }

    /**
     * Sends {@code line} with CRLF again and again until the client hangs up (or {@link #close()}): a reply
     * that never ends. Later actions of this script are not played.
     */
    public FakeSmtpServer sendForever(String line) {
        byte[] one = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[one.length * Math.max(1, 8192 / one.length)];
        for (int i = 0; i + one.length <= chunk.length; i += one.length) {
            System.arraycopy(one, 0, chunk, i, one.length);
        }
        return add("send '" + line + "' forever", c -> {
            while (!Thread.currentThread().isInterrupted()) {
                c.write(chunk);
            }
            c.ended = true;
        });
    }

    /** Aborts the connection with a TCP reset (RST, SO_LINGER 0) instead of an orderly close. */
    public FakeSmtpServer reset() {
        return add("reset connection", c -> {
            c.socket.setSoLinger(true, 0);
            c.socket.close();
            c.ended = true;
        });
    }

    /** What a {@link #raw} action does with the connection's current streams (TLS ones after a handshake). */
    @FunctionalInterface
    public interface RawAction {
        void run(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** Runs hand-written wire bytes: for what no SMTP or TLS library would send (a forged TLS flight). */
    public FakeSmtpServer raw(String description, RawAction action) {
        return add(description, c -> action.run(c.in, c.out));
    }

    public FakeSmtpServer sendRaw(byte[] bytes) {
        byte[] copy = bytes.clone();
        return add("send " + copy.length + " raw bytes", c -> c.write(copy));
    }

    public FakeSmtpServer pause(Duration duration) {
        return add("pause " + duration.toMillis() + " ms", c -> Thread.sleep(duration));
    }

    private synchronized FakeSmtpServer add(String description, Body body) {
        scripts.get(scripts.size() - 1).add(new Action(description, body));
        return this;
    }

    // ---- what happened ------------------------------------------------------------------------------

    /** Every line received on every connection, in order, without CRLF. */
    public synchronized List<String> receivedLines() {
        return List.copyOf(received);
    }

    public synchronized List<AuthAttempt> authAttempts() {
        return List.copyOf(authAttempts);
    }

    /** The SNI host name the client sent in each TLS handshake, empty when it sent none. */
    public synchronized List<Optional<String>> serverNames() {
        return List.copyOf(serverNames);
    }

    /**
     * Waits (briefly) for every scripted connection to end, then fails when a connection never came, an
     * expectation was not met, or a script stopped before its end. Call it after the client has closed
     * its connections; from then on {@link #receivedLines()} is complete.
     */
    public void verifyInteractionCompleted() throws InterruptedException {
        verifyInteractionCompleted(VERIFY_WAIT);
    }

    /** As {@link #verifyInteractionCompleted()}, waiting at most {@code wait} for the scripts to finish. */
    public synchronized void verifyInteractionCompleted(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (!playedOut() && end - System.nanoTime() > 0) {
            wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        List<String> problems = new ArrayList<>(failures);
        for (int i = 0; i < scripts.size(); i++) {
            List<Action> script = scripts.get(i);
            if (i >= done.size()) {
                problems.add("connection " + (i + 1) + ": never arrived");
            } else if (done.get(i) < script.size() && failures.isEmpty()) {
                problems.add("connection " + (i + 1) + ": stopped before action " + (done.get(i) + 1)
                        + " (" + script.get(done.get(i)).description() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("fake SMTP server: " + String.join("; ", problems)
                    + "\nreceived: " + received);
        }
    }

    private boolean playedOut() {
        for (int i = 0; i < scripts.size(); i++) {
            if (i >= finished.size() || !finished.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Stops accepting, closes any open connection and joins the server thread. */
    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (this) {
            closed = true;
            if (current != null) {
                current.close();
            }
        }
        serverSocket.close();
        thread.interrupt();
        thread.join(VERIFY_WAIT.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("fake SMTP server thread did not stop");
        }
    }

    // ---- serving ------------------------------------------------------------------------------------

    private void serve() {
        for (int index = 0; ; index++) {
            Socket socket;
            List<Action> script;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            synchronized (this) {
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                current = socket;
                script = index < scripts.size() ? List.copyOf(scripts.get(index)) : null;
                done.add(0);
                finished.add(false);
            }
            try {
                socket.setTcpNoDelay(true);
                play(new Connection(index, socket), script);
            } catch (IOException e) {
                // The client or close() ended the connection.
            } finally {
                closeQuietly(socket);
                synchronized (this) {
                    finished.set(index, true);
                    notifyAll();
                }
            }
        }
    }

    private void play(Connection c, List<Action> script) throws IOException {
        if (script == null) {
            fail(c, "unexpected connection");
            return;
        }
        for (Action action : script) {
            try {
                action.body().run(c);
            } catch (Mismatch m) {
                fail(c, action.description() + ": " + m.getMessage());
                return;
            } catch (IOException | InterruptedException e) {
                return; // the client hung up (tolerated: that is what misbehaviour tests provoke) or close()
            } finally {
                synchronized (this) {
                    done.set(c.index, done.get(c.index) + 1);
                    notifyAll();
                }
            }
            if (c.ended) {
                return;
            }
        }
        c.drain();
    }

    private synchronized void fail(Connection c, String problem) {
        failures.add("connection " + (c.index + 1) + ": " + problem);
        notifyAll();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) throws Mismatch {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Mismatch("not base64: '" + base64 + "'");
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    /** One accepted connection; TLS replaces its socket. Used on the server thread only. */
    private final class Connection {
        final int index;
        Socket socket;
        InputStream in;
        OutputStream out;
        boolean ended;

        Connection(int index, Socket socket) throws IOException {
            this.index = index;
            use(socket);
        }

        void use(Socket s) throws IOException {
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Sends a 334 challenge and returns the client's answer line. */
        String challenge(String base64) throws IOException, Mismatch {
            write(("334 " + base64 + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return expectLine();
        }

        String expectLine() throws Mismatch {
            try {
                String line = readLine();
                if (line == null) {
                    throw new Mismatch("the client closed the connection");
                }
                return line;
            } catch (IOException e) {
                throw new Mismatch("read failed: " + e.getMessage());
            }
        }

        /** Records lines until the client closes; a read error ends it too. */
        void drain() {
            try {
                while (readLine() != null) {
                    // recorded by readLine
                }
            } catch (IOException e) {
                // Closed under us.
            }
        }

        /** Byte by byte, so nothing after the line (a TLS ClientHello) is consumed. Null at EOF. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    return line.size() == 0 ? null : record(line);
                }
                if (line.size() < MAX_LINE) {
                    line.write(b);
                }
            }
            return record(line);
        }

        private String record(ByteArrayOutputStream bytes) {
            String s = bytes.toString(StandardCharsets.UTF_8);
            String line = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            synchronized (FakeSmtpServer.this) {
                received.add(line);
            }
            return line;
        }
    }
}
