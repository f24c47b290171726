package dev.smtpdoctor.testing.exim;

import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.TestMtaUnavailableException;
import dev.smtpdoctor.testing.TestMtas;
import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.testing.TestPki.ServerCertificate;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Exim 4 (Debian's exim4-daemon-heavy, GnuTLS) on 127.0.0.1, private to one test run: unpacked by
 * scripts/install-test-deps.sh into {@code /opt/smtp-doctor-test-mtas/exim} beside the system's Postfix,
 * started as {@code exim4 -C FILE -bd -oX PORTS -oP PIDFILE} with its own configuration, spool, log and pid
 * file below {@code $TMPDIR/smtpdoctor-exim-it/run-<pid>-*}, on free ephemeral ports. It is the shared-hosting
 * server: every TLS listener presents the test CA's certificate for the provider's name only
 * ({@link TestPki#PROVIDER_HOST}), which does not match the typed {@link TestPki#HOST}. See {@link Listener}.
 *
 * <p>Exim's own authenticators check the password ({@code plaintext} PLAIN and LOGIN, {@code cram_md5})
 * against a file; {@code acl_smtp_auth} writes one log line per AUTH command ({@link #authCommands}) and
 * answers {@code 538 5.7.11} to an AUTH in clear text. With a configuration given by {@code -C} that is not
 * in its trusted list, Exim gives up root at once and runs as Debian-exim: the spool, log and key files are
 * that user's.
 *
 * <p>{@link #close()} stops the daemon and deletes the run directory ({@code -Dsmtpdoctor.it.keep=true} keeps
 * it); a shutdown hook does the same, and the next start cleans up after a killed JVM.
 */
public final class EximServer implements AutoCloseable {

    public static final String HOST = TestPki.HOST;
    public static final String PROVIDER_HOST = TestPki.PROVIDER_HOST;
    public static final String USER = "user@example.test";
    /** Exim's user in Debian (compiled in as exim_user; a -C configuration runs as it). */
    static final String EXIM_USER = "Debian-exim";
    static final String EXECUTABLE = "exim/usr/sbin/exim4";
    /** The tag of the ACL's log line per AUTH command. */
    static final String AUTH_TAG = "smtp-doctor-it AUTH ";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern START = Pattern.compile(
            "SMTP connection from \\[127\\.0\\.0\\.1]:(\\d+) I=\\[127\\.0\\.0\\.1]:(\\d+) \\(TCP/IP connection count");
    private static final Pattern END = Pattern.compile(
            "(?:SMTP connection from .*\\[127\\.0\\.0\\.1]:(\\d+) I=\\[127\\.0\\.0\\.1]:(\\d+) .*(?:lost|closed|dropped))"
                    + "|(?:TLS error on connection from .*\\[127\\.0\\.0\\.1]:(\\d+) I=\\[127\\.0\\.0\\.1]:(\\d+))");

    /** The listeners, each on its own free port; the names say which well-known port each stands for. */
    public enum Listener {
        /** "465": implicit TLS ({@code tls_on_connect_ports}), the provider-name certificate. */
        SSL_465,
        /** "587": STARTTLS, the provider-name certificate, AUTH advertised only after TLS. */
        STARTTLS_587,
        /** "25": no STARTTLS; AUTH advertised in clear text, but every AUTH gets 538 5.7.11 Encryption required. */
        PLAIN_25
    }

    private final Path exim;
    private final Path run;
    private final TestPki pki;
    private final Map<Listener, Integer> ports;
    private final String password;
    private final MailLog log;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "exim-it-shutdown");

    private EximServer(Path exim, Path run, TestPki pki, Map<Listener, Integer> ports, String password) {
        this.exim = exim;
        this.run = run;
        this.pki = pki;
        this.ports = Map.copyOf(ports);
        this.password = password;
        this.log = new MailLog(var().resolve("log").resolve("mainlog"));
    }

    /**
     * Writes the configuration, starts the daemon and returns once every listener answers.
     *
     * @throws TestMtaUnavailableException when Exim is not installed (see {@link TestMtas#unavailable}) or
     *                                     does not start, with its own output
     */
    public static EximServer start() {
        long t0 = System.nanoTime();
        TestMtas.requireRoot("Exim");
        Path exim = TestMtas.executable(EXECUTABLE, "Exim");
        EximServer server;
        try {
            Path run = TestMtas.createRunDirectory("smtpdoctor-exim-it");
            byte[] random = new byte[9];
            new SecureRandom().nextBytes(random);
            List<Integer> free = TestMtas.freePorts(Listener.values().length);
            Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
            for (Listener l : Listener.values()) {
                ports.put(l, free.get(l.ordinal()));
            }
            server = new EximServer(exim, run, TestPki.create(run.resolve("pki"), true), ports,
                    "it-" + HexFormat.of().formatHex(random));
            server.writeConfiguration();
        } catch (IOException e) {
            throw new TestMtaUnavailableException("cannot prepare the test Exim: " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            int rc = TestMtas.run(List.of(exim.toString(), "-C", server.config().toString(), "-bd",
                    "-oX", server.ports.get(Listener.SSL_465) + ":" + server.ports.get(Listener.STARTTLS_587) + ":"
                            + server.ports.get(Listener.PLAIN_25),
                    "-oP", server.var().resolve("exim.pid").toString()), server.commandOutput(), Duration.ofSeconds(20));
            if (rc != 0) {
                throw new TestMtaUnavailableException("`exim4 -C " + server.config() + " -bd` failed (exit " + rc + ")",
                        false);
            }
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            Path pid = server.var().resolve("exim.pid");
            while (!Files.isRegularFile(pid) || Files.size(pid) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TestMtaUnavailableException("Exim wrote no pid file " + pid, false);
                }
                Thread.sleep(20);
            }
            Files.copy(pid, TestMtas.pidFile(server.run));
            for (Listener l : Listener.values()) {
                TestMtas.awaitListener(server.ports.get(l), l == Listener.SSL_465, deadline, () -> true);
            }
            server.awaitQuiet(new MailLog.Mark(0));
        } catch (RuntimeException | AssertionError | IOException | InterruptedException e) {
            String diagnostics = TestMtas.tails(List.of(server.commandOutput(), server.log.file(),
                    server.var().resolve("log").resolve("paniclog")));
            TestMtas.stopDaemon(server.run);
            server.removeShutdownHook();
            throw new TestMtaUnavailableException(e.getMessage() + "\nRun directory kept: " + server.run + "\n"
                    + diagnostics, e);
        }
        System.out.printf("exim-it: Exim ready in %d ms in %s; ports %s%n", (System.nanoTime() - t0) / 1_000_000,
                server.run, server.ports);
        return server;
    }

    // ---- what tests use ----------------------------------------------------------------------

    public int port(Listener listener) {
        return ports.get(listener);
    }

    public TrustConfig trust() {
        try {
            return TrustConfig.fromFile(pki.caFile());
        } catch (TrustConfigException e) {
            throw new IllegalStateException("the test CA file is unusable: " + pki.caFile(), e);
        }
    }

    public Credentials credentials() {
        return new Credentials(USER, password.toCharArray());
    }

    public Credentials wrongPassword() {
        return new Credentials(USER, (password + "-wrong").toCharArray());
    }

    /** Exim's main log. */
    public MailLog log() {
        return log;
    }

    /** A mark in the main log taken when every connection so far has ended. */
    public MailLog.Mark mark() {
        awaitQuiet(new MailLog.Mark(0));
        return log.mark();
    }

    /**
     * Waits until Exim has logged the end of at least {@code connections} connections since {@code mark}, and
     * of every connection it logged since then; returns the lines.
     */
    public List<String> awaitSessions(MailLog.Mark mark, int connections) {
        return log.await(mark, lines -> {
            Sessions s = Sessions.parse(lines);
            return s.ended() >= connections && s.open() == 0;
        }, LOG_TIMEOUT, connections + " ended SMTP connections");
    }

    /** The AUTH commands Exim logged (through acl_smtp_auth) in {@code lines}, e.g. {@code "PLAIN on port 4711"}. */
    public static List<String> authCommands(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int i = l.indexOf(AUTH_TAG);
            if (i >= 0) {
                out.add(l.substring(i + AUTH_TAG.length()));
            }
        }
        return out;
    }

    public Path runDirectory() {
        return run;
    }

    private void awaitQuiet(MailLog.Mark mark) {
        log.await(mark, lines -> Sessions.parse(lines).open() == 0, LOG_TIMEOUT, "end of every SMTP connection");
    }

    /** Connections by client port: started (Exim's connection line) and ended (lost, closed, TLS failed). */
    private record Sessions(int started, int ended, int open) {

        static Sessions parse(List<String> lines) {
            // Keyed by client port and server port: the kernel may reuse a client port for a connection to another
            // of the test's ports at the same time (the matrix dials 465, 587 and 25 at once).
            Map<String, Boolean> byConnection = new HashMap<>();
            int ended = 0;
            for (String l : lines) {
                Matcher start = START.matcher(l);
                if (start.find()) {
                    byConnection.put(start.group(1) + ">" + start.group(2), false);
                    continue;
                }
                Matcher end = END.matcher(l);
                if (end.find()) {
                    String key = end.group(1) != null ? end.group(1) + ">" + end.group(2) : end.group(3) + ">" + end.group(4);
                    if (Boolean.FALSE.equals(byConnection.get(key))) {
                        byConnection.put(key, true);
                        ended++;
                    }
                }
            }
            return new Sessions(byConnection.size(), ended, byConnection.size() - ended);
        }
    }

    // ---- configuration ----------------------------------------------------------------------

    private Path config() {
        return run.resolve("exim.conf");
    }

    /** Exim's own directory (spool, log, pid, key, passwords), owned by Debian-exim. */
    private Path var() {
        return run.resolve("var");
    }

    private Path commandOutput() {
        return run.resolve("commands.out");
    }

    private void writeConfiguration() throws IOException {
        Path var = Files.createDirectories(var());
        Path spool = Files.createDirectories(var.resolve("spool"));
        Path logs = Files.createDirectories(var.resolve("log"));
        Path chain = Files.copy(pki.chain(ServerCertificate.NAME_MISMATCH), var.resolve("chain.pem"));
        Path key = Files.copy(pki.privateKey(ServerCertificate.NAME_MISMATCH), var.resolve("key.pem"));
        Path passwd = Files.writeString(var.resolve("passwd"), USER + ": " + password + "\n");
        for (Path p : List.of(key, passwd)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        for (Path p : List.of(var, spool, logs, chain, key, passwd)) {
            TestMtas.chown(p, EXIM_USER);
        }
        Files.writeString(config(), EximConfig.render(exim, var, spool, logs, chain, key, passwd, ports));
    }

    // ---- stop ---------------------------------------------------------------------------------

    /** Stops the daemon and removes the run directory. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        TestMtas.stopDaemon(run);
        removeShutdownHook();
        if (!TestMtas.KEEP) {
            TestMtas.delete(run);
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway; close() is idempotent.
        }
    }
}
