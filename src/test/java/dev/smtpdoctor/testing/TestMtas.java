package dev.smtpdoctor.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the harnesses of the MTAs beside Postfix (dev.smtpdoctor.testing.exim, .opensmtpd) share: where
 * scripts/install-test-deps.sh unpacked them, whether a missing one may skip, run directories below
 * {@code java.io.tmpdir} that a later run cleans up when their JVM died, free loopback ports, running
 * commands with their output in a file, and waiting for a listener.
 */
public final class TestMtas {

    /** Where install-test-deps.sh unpacks exim4-daemon-heavy and opensmtpd ({@code SMTP_DOCTOR_TEST_MTAS}). */
    public static final Path ROOT = Path.of(Optional.ofNullable(System.getenv("SMTP_DOCTOR_TEST_MTAS"))
            .filter(s -> !s.isBlank()).orElse("/opt/smtp-doctor-test-mtas"));
    public static final String INSTALL_HINT = "Run scripts/install-test-deps.sh as root (it unpacks exim4-daemon-heavy "
            + "and opensmtpd into " + ROOT + " beside Postfix), or leave the integration tests out with -DskipITs.";
    public static final boolean KEEP = Boolean.getBoolean("smtpdoctor.it.keep");
    public static final InetAddress LOOPBACK = loopback();

    private TestMtas() {
    }

    /**
     * Whether a missing MTA must fail the run rather than skip it: in CI ({@code CI} set and not
     * "false", as CI services and .ci/run do), or with {@code SMTPDOCTOR_REQUIRE_TEST_MTAS=1} or
     * {@code -Dsmtpdoctor.it.requireMtas=true}. The suite must never pass in CI by skipping them.
     */
    public static boolean required() {
        String ci = System.getenv("CI");
        return (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false"))
                || "1".equals(System.getenv("SMTPDOCTOR_REQUIRE_TEST_MTAS"))
                || Boolean.getBoolean("smtpdoctor.it.requireMtas");
    }

    /**
     * Why the tests of a server that failed to start are skipped: only when it is not installed and
     * {@link #required()} is false. Empty means they fail.
     */
    public static Optional<String> skipReason(TestMtaUnavailableException e) {
        if (e.notInstalled() && !required()) {
            return Optional.of(e.getMessage() + " (skipped outside CI; CI=true or SMTPDOCTOR_REQUIRE_TEST_MTAS=1 "
                    + "makes this a failure)");
        }
        return Optional.empty();
    }

    /** The verdict on a failed start for a test that asks for the server: skip when allowed, else fail. */
    public static RuntimeException unavailable(TestMtaUnavailableException e) {
        skipReason(e).ifPresent(Assumptions::abort);
        return new TestMtaUnavailableException(e.getMessage(), e);
    }

    /** The daemons start as root (and drop privileges themselves). */
    public static void requireRoot(String what) {
        String user = ProcessHandle.current().info().user().orElse("?");
        if (!user.equals("root")) {
            throw new TestMtaUnavailableException("The " + what + " integration tests start " + what
                    + " as root; this JVM runs as '" + user + "'. Run `./mvnw verify` as root (CI does), or leave "
                    + "the integration tests out with -DskipITs.", false);
        }
    }

    /** An executable below {@link #ROOT}, or the exception that says how to install it. */
    public static Path executable(String relative, String what) {
        Path p = ROOT.resolve(relative);
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new TestMtaUnavailableException("The " + what + " integration tests need " + p
                    + ", which is missing. " + INSTALL_HINT, true);
        }
        return p;
    }

    /**
     * A fresh run directory {@code $TMPDIR/<parent>/run-<pid>-<random>}, searchable by the daemons' own
     * users. First stops what runs from the directories of dead JVMs there (each daemon's pid is in
     * its {@code daemon.pid}) and deletes them.
     */
    public static Path createRunDirectory(String parentName) throws IOException {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), parentName);
        Files.createDirectories(parent);
        traversable(parent);
        removeLeftovers(parent);
        Path run = Files.createTempDirectory(parent, "run-" + ProcessHandle.current().pid() + "-");
        traversable(run);
        return run;
    }

    public static void traversable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The pid file every harness writes for the daemon it started. */
    public static Path pidFile(Path run) {
        return run.resolve("daemon.pid");
    }

    private static void removeLeftovers(Path parent) {
        try (Stream<Path> dirs = Files.list(parent)) {
            for (Path dir : dirs.toList()) {
                String[] parts = dir.getFileName().toString().split("-");
                if (parts.length < 3 || !parts[0].equals("run")) {
                    continue;
                }
                long owner;
                try {
                    owner = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                stopDaemon(dir);
                delete(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("mta-it: cleaning up earlier runs in " + parent + ": " + e);
        }
    }

    /**
     * Stops the daemon whose pid is in {@code run}'s pid file — only when its command line names the run
     * directory, so a recycled pid is never signalled. SIGTERM, then SIGKILL after 5 s.
     */
    public static void stopDaemon(Path run) {
        Optional<ProcessHandle> daemon;
        try {
            daemon = ProcessHandle.of(Long.parseLong(Files.readString(pidFile(run)).strip()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        daemon.filter(h -> h.info().commandLine().map(c -> c.contains(run.toString())).orElse(false))
                .ifPresent(h -> {
                    h.destroy();
                    if (h.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join() == null) {
                        h.destroyForcibly();
                    }
                });
    }

    /** Deletes a tree; reports instead of throwing (cleanup paths). */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("mta-it: cannot delete " + root + ": " + e);
        }
    }

    /**
     * {@code n} distinct free ports on 127.0.0.1 from the kernel's ephemeral range (bound with port 0,
     * then released for the daemon to bind).
     */
    public static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, LOOPBACK);
                held.add(s);
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    /**
     * Runs a command to completion, stdin from /dev/null and stdout/stderr appended to {@code output}
     * (a daemon that forks keeps no pipe of ours open).
     *
     * @return its exit status
     */
    public static int run(List<String> command, Path output, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        pb.environment().put("LANG", "C");
        try {
            Files.writeString(output, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TestMtaUnavailableException("`" + String.join(" ", command) + "` did not finish within "
                        + timeout.toSeconds() + " s", false);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new TestMtaUnavailableException("cannot run `" + String.join(" ", command) + "`: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestMtaUnavailableException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }

    /**
     * Until {@code port} on 127.0.0.1 accepts a connection and, unless {@code implicitTls}, greets with 220
     * (then QUIT). Each daemon logs the readiness connection like any other; tests take their log mark after.
     *
     * @param alive checked between attempts: a daemon that died fails at once
     */
    public static void awaitListener(int port, boolean implicitTls, long deadline, java.util.function.BooleanSupplier alive) {
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            if (!alive.getAsBoolean()) {
                throw new TestMtaUnavailableException("the daemon exited before port " + port + " answered", false);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port), 1000);
                if (!implicitTls) {
                    s.setSoTimeout(5000);
                    String greeting = readLine(s.getInputStream());
                    if (!greeting.startsWith("220")) {
                        throw new TestMtaUnavailableException("port " + port + " greeted with " + greeting, false);
                    }
                    s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    readLine(s.getInputStream());
                }
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new TestMtaUnavailableException("interrupted", ie);
                }
            }
        }
        throw new TestMtaUnavailableException("port " + port + " did not answer in time: " + last, false);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().strip();
    }

    /** The last lines of each file, for a failure message. */
    public static String tails(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path p : files) {
            sb.append("--- ").append(p).append(" ---\n");
            try {
                List<String> lines = Files.readAllLines(p);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                sb.append("(").append(e.getClass().getSimpleName()).append(")\n");
            }
        }
        return sb.toString();
    }

    /** chown, by name (the daemons' users come from the packages, their ids differ between machines). */
    public static void chown(Path file, String user) throws IOException {
        var lookup = file.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(file, lookup.lookupPrincipalByName(user));
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName(user));
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
