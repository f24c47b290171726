package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.dns.OverridingResolver;
import dev.smtpdoctor.dns.ResolveOverride;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.probe.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Security;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

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
 * left behind (run directories are named after the owning JVM's pid).
 *
 * <p>Thread-safe once started.
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

    /** Set {@code -Dsmtpdoctor.it.keep=true} to keep the run directory (configs, logs) for a post-mortem. */
    private static final boolean KEEP = Boolean.getBoolean("smtpdoctor.it.keep");
    private static final Path PARENT = Path.of(System.getProperty("java.io.tmpdir"), "smtpdoctor-postfix-it");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final InetAddress LOOPBACK = loopback();

    private final Daemons daemons;
    private final RunDirectory run;
    private final TestPki pki;
    private final Map<Listener, Integer> ports;
    private final String password;
    private final MailLog maillog;
    private final MailLog dovecotLog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile boolean postfixStarted;
    private volatile boolean dovecotStarted;
    private volatile Duration startupTime = Duration.ZERO;

    private PostfixServer(Daemons daemons, RunDirectory run, TestPki pki, Map<Listener, Integer> ports,
                          String password) {
        this.daemons = daemons;
        this.run = run;
        this.pki = pki;
        this.ports = Map.copyOf(ports);
        this.password = password;
        this.maillog = new MailLog(run.maillog());
        this.dovecotLog = new MailLog(run.dovecotLog());
        this.shutdownHook = new Thread(this::close, "postfix-it-shutdown");
    }

    /**
     * Writes the configuration, starts Postfix and Dovecot, and returns once every listener has
     * answered a connection and Dovecot's SASL socket accepts one.
     *
     * @throws PostfixUnavailableException with the daemons' own output when anything fails
     */
    public static PostfixServer start() {
        long t0 = System.nanoTime();
        requireRoot();
        Daemons daemons = Daemons.locate();
        removeLeftovers(daemons);
        long prepared = System.nanoTime();
        PostfixServer server;
        try {
            Files.createDirectories(PARENT);
            traversable(PARENT);
            RunDirectory run = new RunDirectory(Files.createTempDirectory(PARENT,
                    "run-" + ProcessHandle.current().pid() + "-"));
            traversable(run.root());
            Files.writeString(run.ownerFile(), ProcessHandle.current().pid() + "\n");
            TestPki pki = TestPki.create(run.pki());
            traversable(run.pki());
            byte[] random = new byte[9];
            new SecureRandom().nextBytes(random);
            server = new PostfixServer(daemons, run, pki, freePorts(), "it-" + HexFormat.of().formatHex(random));
            server.writeConfiguration();
        } catch (IOException e) {
            throw new PostfixUnavailableException("cannot prepare the test Postfix: " + e, e);
        }
        System.out.printf("postfix-it: checks and cleanup %d ms, certificates and configuration %d ms%n",
                (prepared - t0) / 1_000_000, (System.nanoTime() - prepared) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.startDaemons();
        } catch (RuntimeException e) {
            String diagnostics = server.diagnostics();
            server.stopDaemons();
            server.removeShutdownHook();
            throw new PostfixUnavailableException(e.getMessage() + "\nRun directory kept: " + server.run.root()
                    + "\n" + diagnostics, e);
        }
        server.startupTime = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("postfix-it: Postfix and Dovecot ready in %d ms in %s; ports %s%n",
                server.startupTime.toMillis(), server.run.root(), server.ports);
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

    /** A prober as the CLI would build it with {@code --resolve} and {@code --ca-file}. */
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
     * Waits for {@code listener}'s smtpd to log the end of a connection made after {@code mark}, and
     * returns everything that listener logged since the mark. Assumes one connection to the listener
     * after the mark (tests run one at a time); {@link SmtpdSession#count} shows if there were more.
     */
    public SmtpdSession awaitSmtpdSession(Listener listener, MailLog.Mark mark) {
        List<String> lines = maillog.await(mark,
                ls -> ls.stream().anyMatch(l -> SmtpdSession.isDisconnect(listener, l)),
                Duration.ofSeconds(5), "\"disconnect from\" by " + listener.logTag());
        return new SmtpdSession(listener, lines.stream().filter(l -> l.contains(listener.logTag())).toList());
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Path runDirectory() {
        return run.root();
    }

    // ---- start ------------------------------------------------------------------------------

    private static void requireRoot() {
        String user = ProcessHandle.current().info().user().orElse("?");
        if (!user.equals("root")) {
            throw new PostfixUnavailableException("The Postfix integration tests start Postfix and Dovecot, which "
                    + "must be started as root; this JVM runs as '" + user + "'. Run `./mvnw verify` as root "
                    + "(CI does), or leave the integration tests out explicitly with -DskipITs.");
        }
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(run.postfixConfig());
        Files.createDirectories(run.queue());
        Files.createDirectories(run.logs());
        Files.createDirectories(run.dovecot());
        for (Path d : List.of(run.postfixConfig(), run.queue(), run.logs(), run.dovecot())) {
            traversable(d);
        }
        Path mainCf = Files.writeString(run.postfixConfig().resolve("main.cf"), PostfixConfig.mainCf(run, pki, USER));
        Path masterCf = Files.writeString(run.postfixConfig().resolve("master.cf"),
                PostfixConfig.masterCf(pki, new EnumMap<>(ports)));
        // Postfix reads a table or config file again, pausing 300 ms each time, until its mtime is
        // at least a second old ("let it cool down", in case it is still being written). Every
        // postfix, postconf, master and smtpd process would wait: 2-3 s for `postfix start` alone.
        FileTime cool = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(mainCf, cool);
        Files.setLastModifiedTime(masterCf, cool);
        Files.writeString(run.dovecotConfig(), DovecotConfig.dovecotConf(run));
        Files.writeString(run.dovecotUsers(), DovecotConfig.users(USER, password));
    }

    private void startDaemons() {
        long t0 = System.nanoTime();
        // Postfix first: `postfix start` runs post-install, which creates queue/private, where Dovecot
        // puts the SASL socket. `master -w` (in postfix-script) returns once master has bound every
        // listener, or fails; smtpd connects to Dovecot lazily, per AUTH.
        postfixStarted = true;
        int rc = daemons.postfix(run.postfixConfig(), "start", run.commandOutput(), START_TIMEOUT);
        if (rc != 0) {
            throw new PostfixUnavailableException("`postfix -c " + run.postfixConfig() + " start` failed (exit "
                    + rc + ")");
        }
        long t1 = System.nanoTime();
        dovecotStarted = true;
        rc = daemons.dovecot(run.dovecotConfig(), Optional.empty(), run.commandOutput(), START_TIMEOUT);
        if (rc != 0) {
            throw new PostfixUnavailableException("`dovecot -c " + run.dovecotConfig() + "` failed (exit " + rc + ")");
        }
        long t2 = System.nanoTime();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        awaitAuthSocket(deadline);
        long t3 = System.nanoTime();
        awaitListeners(deadline);
        long t4 = System.nanoTime();
        System.out.printf("postfix-it: postfix start %d ms, dovecot start %d ms, SASL socket %d ms, listeners %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    private void awaitAuthSocket(long deadline) {
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(run.authSocket()));
                return;
            } catch (IOException e) {
                last = e;
                pause();
            }
        }
        throw new PostfixUnavailableException("Dovecot's SASL socket " + run.authSocket() + " did not accept a "
                + "connection within " + READY_TIMEOUT.toSeconds() + " s: " + last);
    }

    /**
     * Talks to every listener once (greeting and QUIT, or just a connection where TLS comes first),
     * then waits until each one's smtpd has logged the disconnect. That proves smtpd runs with this
     * configuration and postlogd writes the log, and it keeps these sessions out of the tests' log
     * windows.
     */
    private void awaitListeners(long deadline) {
        MailLog.Mark start = new MailLog.Mark(0);
        for (Listener l : Listener.values()) {
            readyCheck(l, deadline);
        }
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        maillog.await(start, lines -> {
            for (Listener l : Listener.values()) {
                if (lines.stream().noneMatch(line -> SmtpdSession.isDisconnect(l, line))) {
                    return false;
                }
            }
            return true;
        }, Duration.ofMillis(left), "disconnect line for every listener's readiness check");
    }

    private void readyCheck(Listener l, long deadline) {
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port(l)), 2000);
                if (!l.implicitTls()) {
                    s.setSoTimeout(5000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String greeting = in.readLine();
                    if (greeting == null || !greeting.startsWith("220 ")) {
                        throw new PostfixUnavailableException(l + " on port " + port(l) + " greeted with "
                                + greeting + " instead of 220");
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.readLine();
                }
                return;
            } catch (IOException e) {
                last = e;
                pause();
            }
        }
        throw new PostfixUnavailableException(l + " on 127.0.0.1:" + port(l) + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s: " + last);
    }

    /** Ports from 10000–29999 (below Linux's ephemeral range, so no outgoing connection holds one). */
    private static Map<Listener, Integer> freePorts() throws IOException {
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        List<ServerSocket> held = new ArrayList<>();
        int candidate = 10000 + new SecureRandom().nextInt(19000);
        try {
            for (Listener l : Listener.values()) {
                while (true) {
                    if (candidate > 29999) {
                        candidate = 10000;
                    }
                    int p = candidate++;
                    try {
                        held.add(new ServerSocket(p, 1, LOOPBACK));
                        ports.put(l, p);
                        break;
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

    // ---- stop -------------------------------------------------------------------------------

    /** Stops Dovecot and Postfix and removes the run directory. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        stopDaemons();
        System.out.printf("postfix-it: daemons stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        removeShutdownHook();
        if (!KEEP) {
            deleteTree(run.root());
        }
        System.out.printf("postfix-it: stopped in %d ms%s%n", (System.nanoTime() - t0) / 1_000_000,
                KEEP ? "; kept " + run.root() : "");
    }

    private void stopDaemons() {
        stopDaemons(daemons, run, postfixStarted, dovecotStarted);
    }

    private static void stopDaemons(Daemons daemons, RunDirectory run, boolean postfix, boolean dovecot) {
        // Each step is best effort: the next must run even when one fails.
        if (postfix) {
            try {
                // postfix-script stop: SIGTERM to master (which ends its children) and waits up to 5 s.
                daemons.postfix(run.postfixConfig(), "stop", run.commandOutput(), STOP_TIMEOUT);
            } catch (RuntimeException e) {
                System.err.println("postfix-it: stopping Postfix: " + e.getMessage());
            }
        }
        if (dovecot) {
            try {
                Optional<ProcessHandle> master = pidFile(run.dovecotRun().resolve("master.pid"));
                daemons.dovecot(run.dovecotConfig(), Optional.of("stop"), run.commandOutput(), STOP_TIMEOUT);
                master.ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                        .exceptionally(t -> h).join());
            } catch (RuntimeException e) {
                System.err.println("postfix-it: stopping Dovecot: " + e.getMessage());
            }
        }
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

    /**
     * Stops the daemons of run directories whose JVM is gone (killed before its shutdown hook ran)
     * and deletes those directories, so crashed runs do not pile up listeners on the machine.
     */
    private static void removeLeftovers(Daemons daemons) {
        if (!Files.isDirectory(PARENT)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(PARENT)) {
            for (Path dir : dirs.toList()) {
                String[] parts = dir.getFileName().toString().split("-");
                if (parts.length < 3 || !parts[0].equals("run")) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                RunDirectory stale = new RunDirectory(dir);
                Files.createDirectories(stale.logs());
                stopDaemons(daemons, stale, Files.isRegularFile(stale.postfixConfig().resolve("main.cf")),
                        Files.isRegularFile(stale.dovecotConfig()));
                deleteTree(dir);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("postfix-it: cleaning up earlier runs: " + e);
        }
    }

    private static Optional<ProcessHandle> pidFile(Path file) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The start commands' output and the tails of both logs, for a failure message. */
    String diagnostics() {
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

    /** Postfix and Dovecot drop privileges: every directory on the way to their files must be 755. */
    private static void traversable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("postfix-it: cannot delete " + root + ": " + e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostfixUnavailableException("interrupted while waiting for Postfix and Dovecot", e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
