package dev.smtpdoctor.testing.opensmtpd;

import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.SharedHostingMta;
import dev.smtpdoctor.testing.TestMtaUnavailableException;
import dev.smtpdoctor.testing.TestMtas;
import dev.smtpdoctor.testing.TestPki.ServerCertificate;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OpenSMTPD 6.8 (Debian's opensmtpd package) on 127.0.0.1, private to one test run: unpacked by
 * scripts/install-test-deps.sh into {@code /opt/smtp-doctor-test-mtas/opensmtpd} beside the system's Postfix,
 * run in the foreground as {@code smtpd -d -v -f FILE} with its own configuration and tables below
 * {@code $TMPDIR/smtpdoctor-opensmtpd-it/run-<pid>-*}; its log is its standard error. Like the Exim harness it
 * is the shared-hosting server: the TLS listeners present the test CA's certificate for the provider's name
 * only. Its {@link Listener}s: "465" {@code smtps} and "587" {@code tls-require}, both with AUTH and senders
 * checked, "25" without TLS or AUTH.
 *
 * <p>Logins are checked against an {@code auth <table>} of SHA-512 crypt hashes (made with the package's own
 * {@code encrypt}); {@code senders <table>} lets the user send only as its own address, and OpenSMTPD answers
 * any other {@code MAIL FROM} with {@code 530 Sender rejected} (no enhanced code). OpenSMTPD never offers AUTH
 * without TLS.
 *
 * <p>OpenSSL 3: Debian 12's OpenSMTPD 6.8.0p2 cannot complete a TLS handshake on it (its privilege-separated
 * key never reaches the handshake; OpenSMTPD#1171, #1239, fixed upstream by PR #1208). The daemon runs with
 * {@code LD_PRELOAD} of a small shim that re-installs the key (src/test/c/opensmtpd-key-shim.c), compiled with
 * {@code cc} into {@code target/} when missing or older than its source.
 *
 * <p>Shared with the machine: OpenSMTPD's compiled-in spool ({@code /var/spool/smtpd}, nothing is ever queued:
 * the probes end with RSET) and control socket; one instance per machine at a time.
 */
public final class OpenSmtpdServer extends SharedHostingMta {

    /** An address the user does not own. */
    public static final String FOREIGN_ADDRESS = "someone-else@example.test";
    static final String EXECUTABLE = "opensmtpd/usr/sbin/smtpd";
    static final String ENCRYPT = "opensmtpd/usr/libexec/opensmtpd/encrypt";
    static final Path CHROOT = Path.of("/var/lib/opensmtpd/empty");
    static final Path SHIM_SOURCE = Path.of("src/test/c/opensmtpd-key-shim.c");
    static final Path SHIM = Path.of("target/opensmtpd-key-shim.so");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern CONNECTED = Pattern.compile("^([0-9a-f]{16}) smtp connected ");
    private static final Pattern DISCONNECTED = Pattern.compile("^([0-9a-f]{16}) smtp disconnected ");
    private static final Pattern AUTHENTICATION = Pattern.compile("^([0-9a-f]{16}) smtp authentication ");
    private static final Pattern FAILED_AUTH_COMMAND = Pattern.compile("^([0-9a-f]{16}) smtp failed-command command=\"AUTH");
    private static final Pattern OTHER_EVENT = Pattern.compile("^([0-9a-f]{16}) smtp ");

    private final Path smtpd;
    private volatile Process process;

    private OpenSmtpdServer(Path smtpd, Path run) throws IOException {
        super("opensmtpd-it", run, run.resolve("smtpd.log"), "SMTP sessions");
        this.smtpd = smtpd;
    }

    /**
     * Builds the shim, writes the configuration, starts smtpd and returns once every listener answers.
     *
     * @throws TestMtaUnavailableException when OpenSMTPD is not installed (see {@link TestMtas#unavailable}) or
     *                                     does not start, with its own output
     */
    public static OpenSmtpdServer start() {
        long t0 = System.nanoTime();
        TestMtas.requireRoot("OpenSMTPD");
        Path smtpd = TestMtas.executable(EXECUTABLE, "OpenSMTPD");
        Path encrypt = TestMtas.executable(ENCRYPT, "OpenSMTPD");
        if (!Files.isDirectory(CHROOT)) {
            throw new TestMtaUnavailableException("OpenSMTPD's chroot directory " + CHROOT + " is missing. "
                    + TestMtas.INSTALL_HINT, true);
        }
        OpenSmtpdServer server;
        try {
            Path shim = buildShim();
            server = new OpenSmtpdServer(smtpd, TestMtas.createRunDirectory("smtpdoctor-opensmtpd-it"));
            server.writeConfiguration(encrypt);
            server.addShutdownHook();
            server.launch(shim);
        } catch (IOException e) {
            throw new TestMtaUnavailableException("cannot prepare the test OpenSMTPD: " + e, e);
        }
        try {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            for (Listener l : Listener.values()) {
                TestMtas.awaitListener(server.ports.get(l), l == Listener.SSL_465, deadline, server.process::isAlive);
            }
            server.awaitQuiet(new MailLog.Mark(0));
        } catch (RuntimeException | AssertionError e) {
            String diagnostics = TestMtas.tails(List.of(server.run.resolve("commands.out"), server.log.file()));
            server.stopDaemon();
            server.removeShutdownHook();
            throw new TestMtaUnavailableException(e.getMessage() + "\nRun directory kept: " + server.run + "\n"
                    + diagnostics, e);
        }
        System.out.printf("opensmtpd-it: OpenSMTPD ready in %d ms in %s; ports %s%n",
                (System.nanoTime() - t0) / 1_000_000, server.run, server.ports);
        return server;
    }

    /**
     * The AUTH commands smtpd logged in {@code lines}. It writes no line per command, but one event per
     * outcome, from which each command is counted once: an {@code smtp authentication user=… result=…} line (the
     * password was checked; a refusal adds a {@code failed-command command="AUTH …"} line for the same command),
     * or a {@code failed-command command="AUTH …"} line alone (refused before any check: 503, 504, 501).
     */
    public static int authCommands(List<String> lines) {
        int count = 0;
        Set<String> checkedAwaitingReply = new HashSet<>();
        for (String l : lines) {
            Matcher m;
            if ((m = AUTHENTICATION.matcher(l)).find()) {
                count++;
                checkedAwaitingReply.add(m.group(1));
            } else if ((m = FAILED_AUTH_COMMAND.matcher(l)).find()) {
                if (!checkedAwaitingReply.remove(m.group(1))) {
                    count++;
                }
            } else if ((m = OTHER_EVENT.matcher(l)).find()) {
                checkedAwaitingReply.remove(m.group(1));
            }
        }
        return count;
    }

    /** Sessions by their id: begun ({@code smtp connected}) and ended ({@code smtp disconnected}). */
    @Override
    protected Sessions sessions(List<String> lines) {
        Map<String, Boolean> sessions = new HashMap<>();
        int ended = 0;
        for (String l : lines) {
            Matcher m;
            if ((m = CONNECTED.matcher(l)).find()) {
                sessions.put(m.group(1), false);
            } else if ((m = DISCONNECTED.matcher(l)).find() && Boolean.FALSE.equals(sessions.get(m.group(1)))) {
                sessions.put(m.group(1), true);
                ended++;
            }
        }
        return new Sessions(ended, sessions.size() - ended);
    }

    // ---- configuration and start ------------------------------------------------------------

    /** Compiles the shim into target/ when it is missing or older than its source. */
    private static Path buildShim() throws IOException {
        Path source = SHIM_SOURCE.toAbsolutePath();
        Path shim = SHIM.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new TestMtaUnavailableException("the OpenSMTPD key shim's source " + source + " is missing "
                    + "(the ITs run from the project directory)", false);
        }
        if (Files.isRegularFile(shim)
                && Files.getLastModifiedTime(shim).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return shim;
        }
        Files.createDirectories(shim.getParent());
        Path out = Files.createTempFile(shim.getParent(), "opensmtpd-key-shim-", ".out");
        Path tmp = shim.resolveSibling(shim.getFileName() + ".tmp");
        int rc;
        try {
            rc = TestMtas.run(List.of("cc", "-shared", "-fPIC", "-O2", "-Wall", "-o", tmp.toString(), source.toString(),
                    "-ldl", "-lcrypto"), out, Duration.ofSeconds(60));
        } catch (TestMtaUnavailableException e) {
            throw new TestMtaUnavailableException("cannot compile " + source + " (no cc?): " + e.getMessage() + " "
                    + TestMtas.INSTALL_HINT, true);
        }
        String output = Files.readString(out);
        Files.deleteIfExists(out);
        if (rc != 0) {
            throw new TestMtaUnavailableException("`cc` failed to build the OpenSMTPD key shim (gcc and libssl-dev "
                    + "needed). " + TestMtas.INSTALL_HINT + "\n" + output, true);
        }
        Files.move(tmp, shim, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return shim;
    }

    private Path config() {
        return run.resolve("smtpd.conf");
    }

    private void writeConfiguration(Path encrypt) throws IOException {
        Path out = run.resolve("commands.out");
        Process p = new ProcessBuilder(encrypt.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
        p.getOutputStream().write(password.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !hash.startsWith("$6$")) {
                throw new IOException("OpenSMTPD's encrypt gave no SHA-512 crypt hash: '" + hash + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Path credentials = Files.writeString(run.resolve("credentials"), USER + " " + hash + "\n");
        Path owners = Files.writeString(run.resolve("owners"), USER + " " + USER + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(owners, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(config(), OpenSmtpdConfig.render(pki.chain(ServerCertificate.NAME_MISMATCH),
                pki.privateKey(ServerCertificate.NAME_MISMATCH), credentials, owners, ports));
        Files.setPosixFilePermissions(config(), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Starts smtpd in a private mount namespace where /etc/resolv.conf is this run's {@code lookup file}: the
     * client's name (OpenSMTPD looks up and forward-confirms every client before its greeting, with its own
     * resolver) then comes from /etc/hosts only. With the machine's DNS, a burst of connections (a whole check)
     * sometimes had its greetings held back for seconds, past the probes' 3 s step timeout. unshare and sh exec,
     * so the process is smtpd itself.
     */
    private void launch(Path shim) throws IOException {
        Path resolvConf = Files.writeString(run.resolve("resolv.conf"),
                "# OpenSMTPD's resolver (asr): names from /etc/hosts only\nlookup file\n");
        ProcessBuilder pb = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"", resolvConf.toString(),
                smtpd.toString(), "-d", "-v", "-f", config().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        pb.environment().put("LANG", "C");
        pb.environment().put("LD_PRELOAD", shim.toString());
        process = pb.start();
        Files.writeString(TestMtas.pidFile(run), Long.toString(process.pid()));
    }

    // ---- stop ---------------------------------------------------------------------------------

    @Override
    protected void stopDaemon() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
