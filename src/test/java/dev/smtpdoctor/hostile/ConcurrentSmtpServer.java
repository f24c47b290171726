package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.LOOPBACK;

import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server on 127.0.0.1 that serves any number of connections at once, for tests of the whole
 * matrix (where {@link dev.smtpdoctor.testing.FakeSmtpServer}, one scripted connection at a time, would
 * serialise the very concurrency under test). It plays one fixed {@link Behaviour} on every connection
 * and counts what the bounds and the credential promises are about: connections open at once (at most
 * ever), connections in all, and every AUTH command with whether it came over TLS.
 *
 * <p>Counting is causal where it must be: a {@link Behaviour#HOLD_THEN_REFUSE} connection leaves the
 * open count <em>before</em> its refusal is written, so a client can only start its next connection
 * after the server has stopped counting the last one.
 *
 * <p>What it does with credentials is its {@link Answers}: by default one fixed reply to every AUTH; a test
 * may instead answer from the decoded credentials (echo them, hang up) and shape every later reply. AUTH
 * PLAIN and LOGIN are played in full (with or without an initial response) and decoded into
 * {@link #credentials()}, so a test can prove which password arrived, and how often.
 *
 * <p>Public for the CLI's credential-safety test ({@code PasswordCanaryTest}), which runs whole checks
 * against it.
 *
 * <p>Threads: one daemon acceptor and one daemon thread per connection, all named {@code hostile-smtp-…};
 * {@link #close()} closes every socket and joins them.
 */
public final class ConcurrentSmtpServer implements AutoCloseable {

    public enum Behaviour {
        /** Implicit TLS (465 style), then a full submission dialogue. */
        IMPLICIT_TLS,
        /** STARTTLS offered, AUTH only inside TLS (587 style). */
        STARTTLS,
        /** No TLS at all, AUTH PLAIN LOGIN announced in the clear (an old port 25). */
        PLAIN_WITH_AUTH,
        /** Accepts and never says a word. */
        STALL,
        /** Holds the connection {@code hold}, reading whatever comes, then refuses with 554 and closes. */
        HOLD_THEN_REFUSE
    }

    /** One AUTH command as received: its first line, and whether the connection was encrypted by then. */
    public record AuthLine(String line, boolean overTls) {
    }

    /** Credentials as decoded from a complete AUTH PLAIN or LOGIN exchange. */
    public record Received(String mechanism, String username, String password, boolean overTls) {
    }

    /**
     * What the server answers once a client has sent credentials. One instance may serve several servers
     * (the ports of one machine) and keep state across their connections; calls come from the connection
     * threads, concurrently. A method may block (briefly): the client's deadline still holds.
     */
    public interface Answers {

        /** The reply (one or more lines joined by CRLF) to an AUTH that decoded to these; null hangs up at once. */
        String auth(String mechanism, String username, String password);

        /**
         * The reply to {@code MAIL}, {@code RCPT}, {@code RSET}, {@code NOOP} or {@code QUIT} ({@code verb}) on
         * any connection, given what the server would usually say.
         */
        default String reply(String verb, String usual) {
            return usual;
        }

        /**
         * What the server answers to the AUTH command itself, before any credential: null (the default) plays
         * the mechanism; a final reply (e.g. 535 or 504) refuses it at once; a 334 line is sent as the challenge,
         * and whatever the client answers (a cancelling {@code *}) gets 501.
         */
        default String command(String mechanism) {
            return null;
        }

        /** Every AUTH answered with {@code reply}, whatever was sent. */
        static Answers always(String reply) {
            return (mechanism, username, password) -> reply;
        }
    }

    private final ServerSocket serverSocket;
    private final Behaviour behaviour;
    private final HeldCertificate certificate;
    /** Built once: a context per handshake would cost more than the handshake. */
    private volatile javax.net.ssl.SSLContext tlsContext;
    private volatile String[] tlsProtocols;
    private volatile Duration greetAfter = Duration.ZERO;
    private final String mechanisms;
    private final Answers answers;
    private final Duration hold;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> handlers = new ArrayList<>();
    private final List<AuthLine> authLines = new ArrayList<>();
    private final List<AuthLine> cancelledAuthLines = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> receivedLines = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    /**
     * @param certificate for TLS (implicit or after STARTTLS)
     * @param authReply   the answer to any AUTH, e.g. "235 2.7.0 ok" (accepts every password) or a 535
     * @param hold        for {@link Behaviour#HOLD_THEN_REFUSE}
     */
    ConcurrentSmtpServer(Behaviour behaviour, HeldCertificate certificate, String authReply, Duration hold) {
        this(LOOPBACK, behaviour, certificate, authReply, hold);
    }

    /** @param bind a loopback address (127.0.0.2 stands for a second machine) */
    ConcurrentSmtpServer(InetAddress bind, Behaviour behaviour, HeldCertificate certificate, String authReply,
                         Duration hold) {
        this(bind, behaviour, certificate, "PLAIN LOGIN", Answers.always(authReply), hold);
    }

    /**
     * A server on 127.0.0.1 that announces {@code mechanisms} (e.g. "PLAIN", "LOGIN") where it offers AUTH
     * and answers credentials with {@code answers}.
     */
    public ConcurrentSmtpServer(Behaviour behaviour, HeldCertificate certificate, String mechanisms, Answers answers) {
        this(LOOPBACK, behaviour, certificate, mechanisms, answers, Duration.ZERO);
    }

    private ConcurrentSmtpServer(InetAddress bind, Behaviour behaviour, HeldCertificate certificate, String mechanisms,
                                 Answers answers, Duration hold) {
        this.behaviour = behaviour;
        this.certificate = certificate;
        this.mechanisms = mechanisms;
        this.answers = answers;
        this.hold = hold;
        if (!bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only: " + bind);
        }
        try {
            serverSocket = new ServerSocket(0, 100, bind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("hostile-smtp-" + port()).start(this::accept);
    }

    static ConcurrentSmtpServer of(Behaviour behaviour) {
        return new ConcurrentSmtpServer(behaviour, HostileFixture.GOOD, "235 2.7.0 Authentication successful",
                Duration.ZERO);
    }

    /**
     * Speaks only these TLS versions (e.g. {@code "TLSv1"}: an old server); the test JVM lets TLS 1.0/1.1 be
     * enabled per socket, as the CLI does (pom.xml, {@code tls.TlsProtocols}).
     */
    ConcurrentSmtpServer tlsProtocols(String... protocols) {
        tlsProtocols = protocols.clone();
        return this;
    }

    /** Greets only after {@code delay} on every connection (a slow but legal greeter, like postscreen's 6 s). */
    ConcurrentSmtpServer greetAfter(Duration delay) {
        greetAfter = delay;
        return this;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    /** The most connections that were open at the same time. */
    int maxConcurrent() {
        return maxOpen.get();
    }

    int accepted() {
        return accepted.get();
    }

    /** Every AUTH command that began a login attempt (a cancelled credential-free one is not: see below). */
    public synchronized List<AuthLine> authLines() {
        return List.copyOf(authLines);
    }

    /**
     * AUTH commands that sent no credential and were cancelled with {@code *} at the first challenge (the check
     * of whether the server would take a password unencrypted): not login attempts, so not in {@link #authLines()}.
     */
    public synchronized List<AuthLine> cancelledAuthLines() {
        return List.copyOf(cancelledAuthLines);
    }

    /** Every complete AUTH PLAIN or LOGIN exchange, decoded, in the order they arrived. */
    public synchronized List<Received> credentials() {
        return List.copyOf(received);
    }

    /** Every line clients sent (outside TLS handshakes), on all connections, as received. */
    public synchronized List<String> receivedLines() {
        return List.copyOf(receivedLines);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
        acceptor.join(5000);
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(handlers);
        }
        for (Thread t : all) {
            t.join(5000);
        }
    }

    private void accept() {
        while (true) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(s);
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            int n = accepted.incrementAndGet();
            Thread t = Thread.ofPlatform().daemon().name("hostile-smtp-" + port() + "-" + n).unstarted(() -> serve(s));
            synchronized (this) {
                handlers.add(t);
            }
            t.start();
        }
    }

    private void serve(Socket s) {
        boolean counted = true;
        try {
            switch (behaviour) {
                case STALL -> drain(s.getInputStream());
                case HOLD_THEN_REFUSE -> {
                    s.setSoTimeout((int) Math.max(1, hold.toMillis()));
                    try {
                        drain(s.getInputStream());
                    } catch (SocketTimeoutException e) {
                        // Held long enough: leave the count first, then let the client go.
                        open.decrementAndGet();
                        counted = false;
                        s.getOutputStream().write("554 5.7.1 no service here\r\n".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    }
                }
                default -> converse(s);
            }
        } catch (IOException e) {
            // The client hung up or close() ended it.
        } finally {
            if (counted) {
                open.decrementAndGet();
            }
            try {
                s.close();
            } catch (IOException e) {
                // Gone already.
            }
            sockets.remove(s);
        }
    }

    private void converse(Socket raw) throws IOException {
        Socket s = raw;
        boolean tls = false;
        if (behaviour == Behaviour.IMPLICIT_TLS) {
            s = handshake(raw);
            tls = true;
        }
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        Duration delay = greetAfter;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        send(out, "220 " + HOST + " ESMTP");
        while (true) {
            String line = record(readLine(in));
            if (line == null) {
                return;
            }
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    List<String> caps = new ArrayList<>(List.of("250-" + HOST, "250-PIPELINING"));
                    if (behaviour == Behaviour.STARTTLS && !tls) {
                        caps.add("250-STARTTLS");
                    }
                    if (tls || behaviour == Behaviour.PLAIN_WITH_AUTH) {
                        caps.add("250-AUTH " + mechanisms);
                    }
                    caps.add("250 8BITMIME");
                    send(out, String.join("\r\n", caps));
                }
                case "HELO" -> send(out, "250 " + HOST);
                case "STARTTLS" -> {
                    send(out, "220 2.0.0 Ready to start TLS");
                    s = handshake(s);
                    tls = true;
                    in = s.getInputStream();
                    out = s.getOutputStream();
                }
                case "AUTH" -> {
                    AuthLine auth = new AuthLine(line, tls);
                    synchronized (this) {
                        authLines.add(auth);
                    }
                    if (!authenticate(line, tls, in, out, auth)) {
                        return;
                    }
                }
                case "MAIL", "RCPT", "RSET", "NOOP" -> send(out, answers.reply(verb, "250 2.0.0 Ok"));
                case "QUIT" -> {
                    send(out, answers.reply(verb, "221 2.0.0 Bye"));
                    return;
                }
                default -> send(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    /** A credential-free AUTH cancelled with "*" (RFC 4954 §4): no login attempt; kept apart. */
    private boolean cancelled(AuthLine auth, OutputStream out) throws IOException {
        synchronized (this) {
            authLines.remove(auth);
            cancelledAuthLines.add(auth);
        }
        send(out, "501 5.7.0 Authentication cancelled");
        return true;
    }

    /**
     * Plays AUTH PLAIN or LOGIN to the end (any other mechanism: one 334 round), decodes what arrived and
     * answers it. False when the connection is to end: the client went away, or {@link Answers} hangs up.
     */
    private boolean authenticate(String line, boolean tls, InputStream in, OutputStream out, AuthLine auth)
            throws IOException {
        String[] words = line.split(" ");
        String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        String initial = words.length > 2 ? words[2] : null;
        String first = answers.command(mechanism);
        if (first != null) {
            send(out, first);
            if (!first.startsWith("334")) {
                return true;
            }
            if (record(readLine(in)) == null) {
                return false;
            }
            send(out, "501 5.7.0 Authentication cancelled");
            return true;
        }
        String username = null;
        String password = null;
        switch (mechanism) {
            case "PLAIN" -> {
                String blob = initial;
                if (blob == null) {
                    send(out, "334 ");
                    blob = record(readLine(in));
                    if (blob == null) {
                        return false;
                    }
                    if (blob.equals("*")) {
                        return cancelled(auth, out);
                    }
                }
                String[] parts = decode(blob).split("\0", -1);
                if (parts.length == 3) {
                    username = parts[1];
                    password = parts[2];
                }
            }
            case "LOGIN" -> {
                String user = initial;
                if (user == null) {
                    send(out, "334 VXNlcm5hbWU6");
                    user = record(readLine(in));
                    if (user == null) {
                        return false;
                    }
                    if (user.equals("*")) {
                        return cancelled(auth, out);
                    }
                }
                send(out, "334 UGFzc3dvcmQ6");
                String pass = record(readLine(in));
                if (pass == null) {
                    return false;
                }
                username = decode(user);
                password = decode(pass);
            }
            default -> {
                send(out, "334 ");
                if (record(readLine(in)) == null) {
                    return false;
                }
            }
        }
        if (password == null) {
            send(out, answers.auth(mechanism, "", ""));
            return true;
        }
        synchronized (this) {
            received.add(new Received(mechanism, username, password, tls));
        }
        String reply = answers.auth(mechanism, username, password);
        if (reply == null) {
            return false;
        }
        send(out, reply);
        return true;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private String record(String line) {
        if (line != null) {
            synchronized (this) {
                receivedLines.add(line);
            }
        }
        return line;
    }

    private SSLSocket handshake(Socket s) throws IOException {
        javax.net.ssl.SSLContext context = tlsContext;
        if (context == null) {
            context = certificate.serverContext();
            tlsContext = context;
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(s, null, true);
        ssl.setUseClientMode(false);
        String[] protocols = tlsProtocols;
        if (protocols != null) {
            ssl.setEnabledProtocols(protocols);
        }
        ssl.startHandshake();
        return ssl;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // Whatever the client says goes unanswered.
        }
    }

    /** One line without its CRLF; byte by byte so nothing after it (a ClientHello) is consumed. Null at EOF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() < 65536) {
                line.write(b);
            }
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
