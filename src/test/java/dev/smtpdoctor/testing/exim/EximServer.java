package dev.smtpdoctor.testing.exim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.SharedHostingMta;
import dev.smtpdoctor.testing.TestMtaUnavailableException;
import dev.smtpdoctor.testing.TestMtas;
import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.testing.TestPki.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Exim 4 (Debian's exim4-daemon-heavy, GnuTLS) on 127.0.0.1, private to one test run: unpacked by
 * scripts/install-test-deps.sh into {@code /opt/smtp-doctor-test-mtas/exim} beside the system's Postfix,
 * started as {@code exim4 -C FILE -bd -oX PORTS -oP PIDFILE} with its own configuration, spool, log and pid
 * file below {@code $TMPDIR/smtpdoctor-exim-it/run-<pid>-*}, on free ephemeral ports. It is the shared-hosting
 * server: every TLS listener presents the test CA's certificate for the provider's name only
 * ({@link TestPki#PROVIDER_HOST}), which does not match the typed {@link TestPki#HOST}. Its {@link Listener}s:
 * "465" implicit TLS, "587" STARTTLS with AUTH only after it, "25" without STARTTLS, where AUTH is announced in
 * clear text but every AUTH gets {@code 538 5.7.11 Encryption required}.
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
public final class EximServer extends SharedHostingMta {

    /** Exim's user in Debian (compiled in as exim_user; a -C configuration runs as it). */
    static final String EXIM_USER = "Debian-exim";
    static final String EXECUTABLE = "exim/usr/sbin/exim4";
    /** The tag of the ACL's log line per AUTH command. */
    static final String AUTH_TAG = "smtp-doctor-it AUTH ";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern START = Pattern.compile(
            "SMTP connection from \\[127\\.0\\.0\\.1]:(\\d+) I=\\[127\\.0\\.0\\.1]:(\\d+) \\(TCP/IP connection count");
    private static final Pattern END = Pattern.compile(
            "(?:SMTP connection from .*\\[127\\.0\\.0\\.1]:(\\d+) I=\\[127\\.0\\.0\\.1]:(\\d+) .*(?:lost|closed|dropped))"
                    + "|(?:TLS error on connection from .*\\[127\\.0\\.0\\.1]:(\\d+) I=\\[127\\.0\\.0\\.1]:(\\d+))");

    private final Path exim;

    private EximServer(Path exim, Path run) throws IOException {
        super("exim-it", run, run.resolve("var").resolve("log").resolve("mainlog"),
                "SMTP connections");
        this.exim = exim;
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
            server = new EximServer(exim, TestMtas.createRunDirectory("smtpdoctor-exim-it"));
            server.writeConfiguration();
        } catch (IOException e) {
            throw new TestMtaUnavailableException("cannot prepare the test Exim: " + e, e);
        }
        server.addShutdownHook();
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
            server.stopDaemon();
            server.removeShutdownHook();
            throw new TestMtaUnavailableException(e.getMessage() + "\nRun directory kept: " + server.run + "\n"
                    + diagnostics, e);
        }
        System.out.printf("exim-it: Exim ready in %d ms in %s; ports %s%n", (System.nanoTime() - t0) / 1_000_000,
                server.run, server.ports);
        return server;
    }

    /**
     * The AUTH commands in {@code lines} that began a login: not the credential-free AUTH without initial response
     * ("bare") that asks, on an unencrypted connection, whether the server would take a password in clear — of
     * which there is at most one per check.
     */
    public static List<String> loginAuthCommands(List<String> lines) {
        List<String> all = authCommands(lines);
        assertThat(all).filteredOn(l -> l.endsWith(" bare") && !l.startsWith("LOGIN"))
                .as("credential-free AUTH per check").hasSizeLessThanOrEqualTo(1);
        return all.stream().filter(l -> !l.endsWith(" bare") || l.startsWith("LOGIN")).toList();
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

    /** Connections: started (Exim's connection line) and ended (lost, closed, TLS failed). */
    @Override
    protected Sessions sessions(List<String> lines) {
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
        return new Sessions(ended, byConnection.size() - ended);
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

    @Override
    protected void stopDaemon() {
        TestMtas.stopDaemon(run);
    }
}
