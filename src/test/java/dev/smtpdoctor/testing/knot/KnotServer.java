package dev.smtpdoctor.testing.knot;

import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.DnsServer;
import dev.smtpdoctor.dns.DnsjavaDns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real authoritative DNS server, Knot DNS ({@code knotd}, Debian package {@code knot}), on
 * 127.0.0.1 and a free high port, private to one test class: its own configuration, zones and database
 * under {@code java.io.tmpdir}. It serves the zones in this package's resources:
 * <ul>
 *   <li>{@code example.test} — MX, SRV, SPF with include/redirect, DMARC, DKIM, CNAME chains, a dead
 *       delegation ({@code dead.example.test}, a referral) and a large TXT record (TCP fallback);</li>
 *   <li>{@code provider.test} — the hosting provider's SPF and DKIM records;</li>
 *   <li>{@code 0.0.127.in-addr.arpa} — reverse DNS for the 127.0.0.x addresses;</li>
 *   <li>{@code broken.test} — configured without a zone file, so every question gets SERVFAIL.</li>
 * </ul>
 * Any other name gets REFUSED. Start ~0.3 s. Not recursive: the tests ask it directly.
 *
 * <p>When {@code knotd} is missing, {@link #start()} throws {@link KnotUnavailableException} saying how
 * to install it: the tests fail, never skip. {@link #close()} stops the daemon and deletes the directory
 * ({@code -Dsmtpdoctor.it.keep=true} keeps it). Thread-safe once started.
 */
public final class KnotServer implements AutoCloseable {

    public static final String ZONE = "example.test";
    static final List<String> ZONE_FILES = List.of("example.test", "provider.test", "0.0.127.in-addr.arpa");
    static final String BROKEN_ZONE = "broken.test";

    private static final List<Path> KNOTD = List.of(Path.of("/usr/sbin/knotd"), Path.of("/usr/local/sbin/knotd"));
    private static final boolean KEEP = Boolean.getBoolean("smtpdoctor.it.keep");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Process process;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook = new Thread(this::stop, "knotd-it-shutdown");

    private KnotServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        Runtime.getRuntime().addShutdownHook(shutdownHook); // a run that ends without close() leaves no knotd behind
    }

    /** Starts knotd and waits until it answers for {@link #ZONE}. */
    public static KnotServer start() {
        return start(KNOTD);
    }

    /**
     * Serves only the zones given, origin to zone-file text, instead of this package's (for a test that needs
     * its own view of a domain, such as mail.example.test on 127.0.0.1). One of them must be {@link #ZONE}, with
     * an address for {@code ns.example.test}: readiness is asked for it.
     */
    public static KnotServer start(java.util.Map<String, String> zones) {
        if (!zones.containsKey(ZONE)) {
            throw new IllegalArgumentException("the zones must include " + ZONE + ": " + zones.keySet());
        }
        return start(KNOTD, java.util.Map.copyOf(zones));
    }

    /** With the places to look for knotd given (tests of the missing-server message). */
    static KnotServer start(List<Path> candidates) {
        return start(candidates, null);
    }

    /** {@code zones} null: this package's zone files and {@link #BROKEN_ZONE}. */
    private static KnotServer start(List<Path> candidates, java.util.Map<String, String> zones) {
        Path knotd = candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new KnotUnavailableException(
                "The DNS integration tests need Knot DNS (knotd), which is not installed. "
                        + "Install it with: sudo bash scripts/install-test-deps.sh (or: apt-get install -y knot)"));
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probing and binding
            try {
                KnotServer s = launch(knotd, zones);
                if (s.awaitReady()) {
                    return s;
                }
                String log = s.log();
                s.close();
                last = new IOException("knotd did not answer within " + READY_TIMEOUT.toSeconds() + " s; its log:\n" + log);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new KnotUnavailableException("knotd could not be started: " + last.getMessage());
    }

    private static KnotServer launch(Path knotd, java.util.Map<String, String> zones) throws IOException {
        Path dir = Files.createTempDirectory("smtpdoctor-knot-it");
        List<String> served = zones == null ? ZONE_FILES : List.copyOf(new java.util.TreeSet<>(zones.keySet()));
        for (String zone : served) {
            if (zones != null) {
                Files.writeString(dir.resolve(zone + ".zone"), zones.get(zone), StandardCharsets.UTF_8);
                continue;
            }
            try (InputStream in = KnotServer.class.getResourceAsStream(zone + ".zone")) {
                if (in == null) {
                    throw new IOException("missing test resource " + zone + ".zone");
                }
                Files.copy(in, dir.resolve(zone + ".zone"));
            }
        }
        int port = freePort();
        StringBuilder conf = new StringBuilder()
                .append("server:\n")
                .append("    rundir: \"").append(dir).append("\"\n")
                .append("    listen: 127.0.0.1@").append(port).append('\n')
                .append("log:\n  - target: stderr\n    any: info\n")
                .append("database:\n    storage: \"").append(dir.resolve("db")).append("\"\n")
                .append("template:\n  - id: default\n    storage: \"").append(dir).append("\"\n")
                .append("    zonefile-sync: -1\n    journal-content: none\n")
                .append("zone:\n");
        for (String zone : served) {
            conf.append("  - domain: ").append(zone).append("\n    file: ").append(zone).append(".zone\n");
        }
        // Configured without a zone file: knotd answers SERVFAIL for everything in it.
        if (zones == null) {
            conf.append("  - domain: ").append(BROKEN_ZONE).append("\n    file: ").append(BROKEN_ZONE).append(".zone\n");
        }
        Path confFile = dir.resolve("knot.conf");
        Files.writeString(confFile, conf.toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(knotd.toString(), "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("knotd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new KnotServer(p, dir, port);
    }

    /** A port free for both UDP and TCP on 127.0.0.1. */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK)) {
                int port = tcp.getLocalPort();
                if (udpFree(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }

    private static boolean udpFree(int port) {
        try {
            new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close();
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private boolean awaitReady() {
        DnsjavaDns probe = DnsjavaDns.using(server(), Duration.ofMillis(200));
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                return false;
            }
            if (probe.mx(ZONE) instanceof DnsResult.Found<?> || probe.addresses("ns." + ZONE) instanceof DnsResult.Found<?>) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** 127.0.0.1 and the port knotd listens on. */
    public DnsServer server() {
        return new DnsServer(LOOPBACK, port);
    }

    /** A {@link DnsjavaDns} asking only this server. */
    public DnsjavaDns dns(Duration timeout) {
        return DnsjavaDns.using(server(), timeout);
    }

    /** {@code 127.0.0.1:PORT}, as {@code --dns-server} takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("knotd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        stop();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!KEEP) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
