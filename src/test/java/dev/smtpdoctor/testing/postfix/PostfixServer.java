package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.dns.OverridingResolver;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.dns.ResolveOverride;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real Postfix with Dovecot SASL on 127.0.0.1, private to one test run: its own config, queue,
 * data and log directories under {@code java.io.tmpdir}, free high ports, certificates from a test CA
 * made for the run. See {@link Listener} for the scenarios it serves and {@link PostfixExtension} for
 * how tests get it (started once per JVM, stopped at the end of the run).
 *
 * <p>Needs root (Postfix's master and Dovecot start as root and drop privileges) and the Debian
 * packages postfix and dovecot-core ({@code scripts/install-test-deps.sh}). When either is missing,
 * {@link #start()} throws {@link PostfixUnavailableException} with that advice: tests fail, never skip.
 *
 * <p>Cleanup: {@link #close()} stops both daemons and deletes the run directory; a JVM shutdown hook
 * does the same if the run ends without it, and the next start stops and removes what a killed JVM
 * left behind. {@code -Dsmtpdoctor.it.keep=true} keeps the directory (configs, logs) for a post-mortem.
 *
 * <p>Thread-safe once started. Log assertions assume tests do not probe the same listener concurrently.
 */
public final class PostfixServer implements AutoCloseable {

    /** The host every probe dials, resolved to 127.0.0.1 by {@link #resolver()} only. */
    public static final String HOST = TestPki.HOST;
    /** The hosting provider's name on the {@link Listener#NAME_MISMATCH} certificate; also resolves to 127.0.0.1. */
    public static final String PROVIDER_HOST = TestPki.PROVIDER_HOST;
    /** The SASL user; also the one address it may send as. */
    public static final String USER = "user@example.test";
    /** An address the user does not own. */
    public static final String FOREIGN_ADDRESS = "someone-else@example.test";

    private static final boolean KEEP = Boolean.getBoolean("smtpdoctor.it.keep");
    private static final Path PARENT = Path.of(System.getProperty("java.io.tmpdir"), "smtpdoctor-postfix-it");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(5);
    private static final InetAddress LOOPBACK = loopback();

    private final Daemons daemons;
    private final RunDirectory run;
    private final TestPki pki;
    private final Map<Listener, Integer> ports;
    private final String password;
    private final MailLog maillog;
    private final MailLog dovecotLog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "postfix-it-shutdown");
    private volatile boolean postfixStarted;
    private volatile boolean dovecotStarted;

    private PostfixServer(Daemons daemons, RunDirectory run, TestPki pki, Map<Listener, Integer> ports,
                          String password) {
        this.daemons = daemons;
        this.run = run;
        this.pki = pki;
        this.ports = Map.copyOf(ports);
        this.password = password;
        this.maillog = new MailLog(run.maillog());
        this.dovecotLog = new MailLog(run.dovecotLog());
    }

    /**
     * Writes the configuration, starts Postfix and Dovecot, and returns once every listener has
     * served a connection and Dovecot's SASL socket accepts one.
     *
     * @throws PostfixUnavailableException with the daemons' own output when anything fails
     */
    public static PostfixServer start() {
        long t0 = System.nanoTime();
        requireRoot();
        Daemons daemons = Daemons.locate();
        daemons.removeLeftovers(PARENT);
        PostfixServer server;
        try {
            RunDirectory run = RunDirectory.create(PARENT);
            byte[] random = new byte[9];
            new SecureRandom().nextBytes(random);
            server = new PostfixServer(daemons, run, TestPki.create(run.pki()), freePorts(),
                    "it-" + HexFormat.of().formatHex(random));
            server.writeConfiguration();
        } catch (IOException e) {
            throw new PostfixUnavailableException("cannot prepare the test Postfix: " + e, e);
        }
        long t1 = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            daemons.start(server.run, name -> {
                server.postfixStarted |= name.equals("postfix");
                server.dovecotStarted |= name.equals("dovecot");
            });
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            Readiness.awaitUnixSocket(server.run.authSocket(), deadline);
            Readiness.awaitListeners(LOOPBACK, server.ports, server.maillog, deadline);
        } catch (RuntimeException | AssertionError e) {
            String diagnostics = server.diagnostics();
            server.stopDaemons();
            server.removeShutdownHook();
            throw new PostfixUnavailableException(e.getMessage() + "\nRun directory kept: " + server.run.root()
                    + "\n" + diagnostics, e);
        }
        long t2 = System.nanoTime();
        System.out.printf("postfix-it: Postfix and Dovecot ready in %d ms (files %d ms, daemons %d ms) in %s; "
                        + "ports %s%n", (t2 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                server.run.root(), server.ports);
        return server;
    }

    // ---- what tests use ----------------------------------------------------------------------

    public int port(Listener listener) {
        return ports.get(listener);
    }

    /** The typed host {@link #HOST} on the listener's port. */
    public Endpoint endpoint(Listener listener, Security security) {
        return new Endpoint(HOST, port(listener), security);
    }

    public Endpoint endpoint(String host, Listener listener, Security security) {
        return new Endpoint(host, port(listener), security);
    }

    /**
     * Resolves {@link #HOST} and {@link #PROVIDER_HOST} to 127.0.0.1 on every port and refuses every
     * other name: the system resolver is never asked, so no probe can leave the machine.
     */
    public Resolver resolver() {
        Resolver none = (host, port) -> {
            throw new UnknownHostException(host + ": only the test names resolve in the Postfix ITs");
        };
        return new OverridingResolver(List.of(
                ResolveOverride.parse(HOST + ":*:127.0.0.1"),
                ResolveOverride.parse(PROVIDER_HOST + ":*:127.0.0.1")), none);
    }

    /** The test CA's certificate, PEM: the only root the probes trust. */
    public Path caFile() {
        return pki.caFile();
    }

    public TrustConfig trust() {
        try {
            return TrustConfig.fromFile(pki.caFile());
        } catch (TrustConfigException e) {
            throw new IllegalStateException("the test CA file is unusable: " + pki.caFile(), e);
        }
    }

    /** A prober as the CLI builds one with {@code --resolve} and {@code --ca-file}. */
    public Prober prober() {
        return new Prober(resolver(), new TlsHandshaker(trust(), Clock.systemUTC()), Limits.DEFAULT);
    }

    public Credentials credentials() {
        return new Credentials(USER, password.toCharArray());
    }

    public Credentials wrongPassword() {
        return new Credentials(USER, (password + "-wrong").toCharArray());
    }

    /** Postfix's log ({@code maillog_file}), all listeners. */
    public MailLog maillog() {
        return maillog;
    }

    /** Dovecot's log (auth_verbose: one line per failed authentication). */
    public MailLog dovecotLog() {
        return dovecotLog;
    }

    /**
     * A mark in Postfix's log taken when it is quiet: every smtpd connection so far has logged its
     * disconnect. Lines of earlier tests' connections cannot then land after the mark.
     */
    public MailLog.Mark mark() {
        maillog.await(new MailLog.Mark(0), lines -> {
            for (Listener l : Listener.values()) {
                if (SmtpdSession.parse(l, lines).stream().anyMatch(s -> !s.ended())) {
                    return false;
                }
            }
            return true;
        }, LOG_TIMEOUT, "end of every open smtpd session");
        return maillog.mark();
    }

    /**
     * Waits until {@code listener}'s smtpd has logged the end of every connection made to it after
     * {@code mark} (at least one), and returns them in order.
     */
    public List<SmtpdSession> awaitSmtpdSessions(Listener listener, MailLog.Mark mark) {
        List<String> lines = maillog.await(mark, ls -> {
            List<SmtpdSession> sessions = SmtpdSession.parse(listener, ls);
            return !sessions.isEmpty() && sessions.stream().allMatch(SmtpdSession::ended);
        }, LOG_TIMEOUT, "ended smtpd session of " + listener);
        return SmtpdSession.parse(listener, lines);
    }

    /**
     * The one connection made to {@code listener} after {@code mark}, once it has ended.
     *
     * @throws AssertionError when there was more than one
     */
    public SmtpdSession awaitSmtpdSession(Listener listener, MailLog.Mark mark) {
        List<SmtpdSession> sessions = awaitSmtpdSessions(listener, mark);
        if (sessions.size() != 1) {
            throw new AssertionError("expected one connection to " + listener + ", Postfix logged "
                    + sessions.size() + ":\n" + sessions);
        }
        return sessions.get(0);
    }

    /**
     * For a run that connects to several listeners at once (a whole check): waits until Postfix has logged
     * the end of exactly {@code expected} connections per listener since {@code mark}, and returns them
     * all, listener by listener. A listener not in the map must have had none.
     *
     * @throws AssertionError when fewer ended in time, or when a listener logged more than expected
     */
    public List<SmtpdSession> awaitSmtpdSessions(Map<Listener, Integer> expected, MailLog.Mark mark) {
        List<String> lines = maillog.await(mark, ls -> {
            for (Map.Entry<Listener, Integer> e : expected.entrySet()) {
                if (SmtpdSession.parse(e.getKey(), ls).stream().filter(SmtpdSession::ended).count() < e.getValue()) {
                    return false;
                }
            }
            return true;
        }, LOG_TIMEOUT, "ended smtpd sessions " + expected);
        List<SmtpdSession> all = new ArrayList<>();
        for (Listener l : Listener.values()) {
            List<SmtpdSession> sessions = SmtpdSession.parse(l, lines);
            if (sessions.size() != expected.getOrDefault(l, 0)) {
                throw new AssertionError("expected " + expected.getOrDefault(l, 0) + " connections to " + l
                        + ", Postfix logged " + sessions.size() + ":\n" + sessions);
            }
            all.addAll(sessions);
        }
        return all;
    }

    /**
     * Like {@link #awaitSmtpdSessions(Map, MailLog.Mark)}, but {@code atLeast} is a floor, not the count: for a
     * check whose own extra connections (a second look for implicit TLS, a diagnostic handshake) are not among
     * its probes. Waits until that many per listener have ended, a moment more for a connection accepted last to
     * log its start, and then until every session begun since {@code mark} has ended; returns them all.
     */
    public List<SmtpdSession> awaitAllSmtpdSessions(Map<Listener, Integer> atLeast, MailLog.Mark mark) {
        maillog.await(mark, ls -> atLeast.entrySet().stream().allMatch(e -> {
            List<SmtpdSession> s = SmtpdSession.parse(e.getKey(), ls);
            return s.size() >= e.getValue() && s.stream().allMatch(SmtpdSession::ended);
        }), LOG_TIMEOUT, "ended smtpd sessions, at least " + atLeast);
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = maillog.await(mark, ls -> {
            for (Listener l : Listener.values()) {
                if (SmtpdSession.parse(l, ls).stream().anyMatch(s -> !s.ended())) {
                    return false;
                }
            }
            return true;
        }, LOG_TIMEOUT, "end of every smtpd session");
        List<SmtpdSession> all = new ArrayList<>();
        for (Listener l : Listener.values()) {
            all.addAll(SmtpdSession.parse(l, lines));
        }
        return all;
    }

    public Path runDirectory() {
        return run.root();
    }

    // ---- start and stop ---------------------------------------------------------------------

    private static void requireRoot() {
        String user = ProcessHandle.current().info().user().orElse("?");
        if (!user.equals("root")) {
            throw new PostfixUnavailableException("The Postfix integration tests start Postfix and Dovecot, which "
                    + "must be started as root; this JVM runs as '" + user + "'. Run `./mvnw verify` as root "
                    + "(CI does), or leave the integration tests out explicitly with -DskipITs.");
        }
    }

    private void writeConfiguration() throws IOException {
        Path mainCf = Files.writeString(run.postfixConfig().resolve("main.cf"), PostfixConfig.mainCf(run, pki, USER));
        Path masterCf = Files.writeString(run.postfixConfig().resolve("master.cf"),
                PostfixConfig.masterCf(pki, new EnumMap<>(ports)));
        // Postfix reads a config file again, pausing 300 ms each time, until its mtime is at least a
        // second old ("let it cool down": it may still be being written). Every postfix, postconf,
        // master and smtpd process would wait: 2-3 s for `postfix start` alone.
        FileTime cool = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(mainCf, cool);
        Files.setLastModifiedTime(masterCf, cool);
        Files.writeString(run.dovecotConfig(), DovecotConfig.dovecotConf(run));
        Files.writeString(run.dovecotUsers(), DovecotConfig.users(USER, password));
    }

    /** Ports from 10000–29999 (below Linux's ephemeral range, so no outgoing connection holds one). */
    private static Map<Listener, Integer> freePorts() throws IOException {
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        List<ServerSocket> held = new ArrayList<>();
        int candidate = 10000 + new SecureRandom().nextInt(19000);
        try {
            for (Listener l : Listener.values()) {
                while (!ports.containsKey(l)) {
                    candidate = candidate > 29999 ? 10000 : candidate;
                    int p = candidate++;
                    try {
                        held.add(new ServerSocket(p, 1, LOOPBACK));
                        ports.put(l, p);
                    } catch (IOException inUse) {
                        // Taken; try the next one.
                    }
                }
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    /** Stops Dovecot and Postfix and removes the run directory. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        stopDaemons();
        removeShutdownHook();
        if (!KEEP) {
            run.delete();
        }
        System.out.printf("postfix-it: stopped in %d ms%s%n", (System.nanoTime() - t0) / 1_000_000,
                KEEP ? "; kept " + run.root() : "");
    }

    private void stopDaemons() {
        daemons.stop(run, postfixStarted, dovecotStarted);
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) anyway; close() is idempotent.
        }
    }

    /** The commands' output and the tails of both logs, for a failure message. */
    private String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (Path p : List.of(run.commandOutput(), run.maillog(), run.dovecotLog())) {
            sb.append("--- ").append(p).append(" ---\n");
            try {
                List<String> lines = Files.readAllLines(p);
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("(").append(e.getClass().getSimpleName()).append(")\n");
            }
        }
        return sb.toString();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
