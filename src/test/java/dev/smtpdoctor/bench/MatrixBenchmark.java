package dev.smtpdoctor.bench;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.AuthGate;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark of docs/benchmarks.md (issue 3): does a full check take about as long as its
 * slowest single probe, with 100 ms of round-trip latency, and how does that compare with swaks
 * checking the same endpoints one by one? A {@code main}, never a test: timings on a shared CI
 * machine prove nothing, and this needs root. Run it with {@code scripts/bench-matrix.sh}; the
 * method and the numbers are in docs/benchmarks.md.
 *
 * <p>Set-up: the Postfix + Dovecot fixture of the integration tests, a {@link DelayProxy} (+50 ms
 * each way) in front of each listener the {@link Scenario} uses, and a resolver that maps the
 * scenario's hosts on the logical ports 465, 587 and 25 to those proxies and refuses every other name
 * (the guesses smtp.example.test and example.test then fail at DNS, as for a domain without them).
 * The system resolver is never asked.
 *
 * <p>Each iteration measures, one after the other, never overlapping:
 * <ol>
 *   <li>the full check: {@link SmtpDoctor#diagnose} with address, server, username and password, as
 *       {@code check} runs it (3 candidates × 5 modes, and 5 more cells per certificate name found);</li>
 *   <li>every cell of that check alone, doing the same work: the same request, credentials where the
 *       check sends them, and AUTH allowed only on the endpoint that made the check's one AUTH attempt
 *       (elsewhere the gate says no, as the check's gate did);</li>
 *   <li>every cell alone with AUTH allowed wherever the probe would make it ({@code probe} on its own);</li>
 *   <li>swaks on each endpoint of the hosts that resolve, one after another ({@link Swaks}).</li>
 * </ol>
 *
 * <p>Options: {@code --iterations N} (5), {@code --warmups N} (1), {@code --one-way-ms N} (50),
 * {@code --no-swaks}, {@code --max-sockets N} (the check's socket limit, 32),
 * {@code --scenario standard|shared-hosting}, {@code --cold-probe 465/ssl} (first time that probe alone in a fresh JVM),
 * {@code --trust-certificate-name} (the user confirmed the provider's name found in the certificate, as
 * {@code check --trust-certificate-name}: the login test may go there).
 */
public final class MatrixBenchmark {

    private static final String HOST = PostfixServer.HOST;
    private static final Timeouts TIMEOUTS = Timeouts.DEFAULT;

    /** A gate that gives the AUTH attempt to no one: what the check's gate answers the other endpoints. */
    private static final AuthGate NEVER = new AuthGate() {
        @Override
        public boolean acquire(Endpoint endpoint, String address, Deadline deadline) {
            return false;
        }
    };

    record Options(int iterations, int warmups, Duration oneWay, boolean swaks, int maxSockets, Scenario scenario,
                   Optional<String> coldProbe, boolean confirmName) {
        static Options parse(String[] args) {
            int iterations = 5;
            int warmups = 1;
            int oneWayMs = 50;
            boolean swaks = true;
            int maxSockets = 32;
            Scenario scenario = Scenario.STANDARD;
            Optional<String> coldProbe = Optional.empty();
            boolean confirmName = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                    case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                    case "--one-way-ms" -> oneWayMs = Integer.parseInt(args[++i]);
                    case "--no-swaks" -> swaks = false;
                    case "--cold-probe" -> coldProbe = Optional.of(args[++i]);
                    case "--trust-certificate-name" -> confirmName = true;
                    case "--max-sockets" -> maxSockets = Integer.parseInt(args[++i]);
                    case "--scenario" -> scenario = Scenario.valueOf(args[++i].toUpperCase(Locale.ROOT).replace('-', '_'));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --iterations N, --warmups N, --one-way-ms N, --no-swaks, --max-sockets N,"
                            + " --scenario standard|shared-hosting, --cold-probe PORT/SECURITY, --trust-certificate-name)");
                }
            }
            if (iterations < 1 || warmups < 0 || oneWayMs < 0 || maxSockets < 1) {
                throw new IllegalArgumentException("iterations >= 1, warmups >= 0, one-way-ms >= 0, max-sockets >= 1");
            }
            return new Options(iterations, warmups, Duration.ofMillis(oneWayMs), swaks, maxSockets, scenario,
                    coldProbe, confirmName);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.swaks() && !Swaks.installed()) {
            throw new IllegalStateException(Swaks.BINARY + " not found: install swaks, or pass --no-swaks");
        }
        try (PostfixServer postfix = PostfixServer.start()) {
            Map<Listener, DelayProxy> proxies = new EnumMap<>(Listener.class);
            try {
                for (Listener l : options.scenario().listeners()) {
                    proxies.put(l, DelayProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            postfix.port(l)), options.oneWay()));
                }
                new MatrixBenchmark(postfix, proxies, options).run();
            } finally {
                proxies.values().forEach(DelayProxy::close);
            }
        }
    }

    private final PostfixServer postfix;
    private final Map<Listener, DelayProxy> proxies;
    private final Options options;
    private final Resolver resolver;
    private final TrustConfig trust;
    private final Credentials credentials;
    private final Prober prober;
    private final Swaks swaks;
    private final BenchReport results = new BenchReport();
    private final int closedPort;

    private MatrixBenchmark(PostfixServer postfix, Map<Listener, DelayProxy> proxies, Options options) {
        this.postfix = postfix;
        this.proxies = proxies;
        this.options = options;
        this.resolver = this::resolve;
        this.trust = postfix.trust();
        this.credentials = postfix.credentials();
        this.prober = new Prober(resolver, new TlsHandshaker(trust, Clock.systemUTC()), Limits.DEFAULT);
        char[] pw = credentials.password();
        this.swaks = new Swaks(postfix.caFile(), PostfixServer.USER, new String(pw));
        Arrays.fill(pw, '\0');
        this.closedPort = closedPort();
    }

    /** A loopback port that was free a moment ago: connections to it are refused. */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scenario's hosts on their logical ports → that listener's proxy; on other ports → a loopback
     * port nothing listens on (refused at once); any other name does not exist.
     */
    private List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), realPort(host, port)));
    }

    private int realPort(String host, int port) throws UnknownHostException {
        String h = (host.endsWith(".") ? host.substring(0, host.length() - 1) : host).toLowerCase(Locale.ROOT);
        Map<Integer, Listener> ports = options.scenario().hosts.get(h);
        if (ports == null) {
            throw new UnknownHostException(host + ": only " + options.scenario().hosts.keySet()
                    + " resolve in the benchmark");
        }
        Listener l = ports.get(port);
        return l == null ? closedPort : proxies.get(l).port();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "%nsmtp-doctor matrix benchmark, scenario %s: %d iterations after %d warm-up, "
                        + "+%d ms each way (%d ms RTT), %d CPUs, %s %s%n", options.scenario().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-'), options.iterations(), options.warmups(),
                options.oneWay().toMillis(), 2 * options.oneWay().toMillis(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("load average at start: " + loadAverage());
        calibrate();
        if (options.coldProbe().isPresent()) {
            coldProbe(options.coldProbe().get());
        }
        for (int i = 0; i < options.warmups(); i++) {
            long[] first = iteration(false);
            if (i == 0) {
                System.out.printf(Locale.ROOT, "  warm-up (not in the medians): check %d ms%s, slowest single %d ms%n",
                        first[0], options.coldProbe().isPresent() ? "" : " (the JVM's first)", first[1]);
            }
        }
        for (int i = 0; i < options.iterations(); i++) {
            iteration(true);
            System.out.printf(Locale.ROOT, "  iteration %d: check %d ms, slowest single %d ms%n", i + 1,
                    results.last("check"), results.last("single.slowest"));
        }
        results.print(options.swaks());
        System.out.println("\nload average at end: " + loadAverage());
    }

    /** The machine's load (other jobs share its 2 CPUs), from /proc/loadavg when there is one. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The proxy's own cost, seen from a client: greeting after connect, and one NOOP round trip. */
    private void calibrate() throws IOException {
        int direct = postfix.port(Listener.PLAIN_25);
        int proxied = proxies.get(Listener.PLAIN_25).port();
        long[] d = greetingAndNoop(direct);
        long[] p = greetingAndNoop(proxied);
        System.out.printf(Locale.ROOT, "proxy check (\"25\"): greeting %d ms direct, %d ms through the proxy "
                + "(modelled TCP handshake 1.5 RTT + 0.5 RTT); NOOP round trip %d ms direct, %d ms through the proxy%n",
                d[0], p[0], d[1], p[1]);
    }

    private static long[] greetingAndNoop(int port) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readLine(in);
            long greeting = millisSince(t0);
            long t1 = System.nanoTime();
            out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in);
            long noop = millisSince(t1);
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in);
            return new long[] {greeting, noop};
        }
    }

    /** One iteration; returns the check's wall time and the slowest single probe's. */
    private long[] iteration(boolean record) throws Exception {
        // (a) The full check.
        Map<Endpoint, long[]> spans = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        Diagnosis d = check(spans, t0);
        long check = millisSince(t0);
        List<CandidateProbe> cells = d.probes();
        Map<Endpoint, Long> same = new LinkedHashMap<>();
        Map<Endpoint, Long> lone = new LinkedHashMap<>();
        singles(cells, same, lone);
        // (d) swaks, endpoint after endpoint, on every host that resolves (not the guesses: they do not
        // exist here, and swaks would ask the system's DNS).
        Map<Endpoint, Swaks.Run> swaksRuns = new LinkedHashMap<>();
        if (options.swaks()) {
            for (CandidateProbe cp : cells) {
                Endpoint e = cp.result().endpoint();
                if (options.scenario().hosts.containsKey(e.host())) {
                    swaksRuns.put(e, swaks.check(e.host(), realPort(e.host(), e.port()), e.security()));
                }
            }
            if (record) {
                results.add("swaks.startup", swaks.startup().millis());
            }
        }
        if (record) {
            results.record(check, cells, spans, same, lone, swaksRuns);
        }
        return new long[] {check, same.values().stream().mapToLong(Long::longValue).max().orElse(0)};
    }

    private Diagnosis check(Map<Endpoint, long[]> spans, long t0) {
        Diagnosis d = SmtpDoctor.builder().resolver(resolver).trust(trust).maxSockets(options.maxSockets()).build()
                .diagnose(new CheckRequest(fields(), false, TIMEOUTS, List.of(), options.confirmName()
                        ? Set.of(PostfixServer.PROVIDER_HOST) : Set.of()), spanRecorder(spans, t0));
        if (d.status() != Diagnosis.Status.SECURE) {
            throw new IllegalStateException("the check did not find the secure setting (" + d.status()
                    + "): the benchmark would time a failure; findings " + d.findings());
        }
        return d;
    }

    /**
     * (b) Each cell alone, the same work as in the check; (c) each cell alone, AUTH wherever allowed.
     * One after another, in the check's order.
     */
    private void singles(List<CandidateProbe> cells, Map<Endpoint, Long> same, Map<Endpoint, Long> lone) {
        Optional<Endpoint> authOn = cells.stream().map(CandidateProbe::result).filter(r -> r.auth().attempted())
                .map(ProbeResult::endpoint).findFirst();
        for (CandidateProbe cp : cells) {
            Endpoint e = cp.result().endpoint();
            boolean mayAuth = cp.credentialsAllowed();
            ProbeResult alone = probeAlone(e, mayAuth, authOn.filter(e::equals).isPresent() ? AuthGate.ALWAYS : NEVER);
            if (alone.auth().status() != cp.result().auth().status()
                    || alone.outcome().getClass() != cp.result().outcome().getClass()) {
                System.out.printf("  note: %s alone ended %s/%s, in the check %s/%s%n", e,
                        alone.outcome().getClass().getSimpleName(), alone.auth().status(),
                        cp.result().outcome().getClass().getSimpleName(), cp.result().auth().status());
            }
            same.put(e, alone.totalMillis());
            lone.put(e, probeAlone(e, mayAuth, AuthGate.ALWAYS).totalMillis());
        }
    }

    /**
     * {@code --cold-probe 465/ssl}: the JVM's first probe, of the typed host's endpoint, with credentials
     * and sender and AUTH allowed, before any check has warmed the JVM up: the cold counterpart of the
     * warm-up check's time.
     */
    private void coldProbe(String spec) {
        String[] parts = spec.split("/", 2);
        Endpoint e = new Endpoint(HOST, Integer.parseInt(parts[0]), Security.parse(parts[1])
                .orElseThrow(() -> new IllegalArgumentException("--cold-probe: security is ssl, tls or none")));
        long t0 = System.nanoTime();
        ProbeResult r = probeAlone(e, true, AuthGate.ALWAYS);
        System.out.printf(Locale.ROOT, "  cold probe (the JVM's first): %s %d ms wall, %d ms probe, %s, auth %s%n",
                BenchReport.label(e), millisSince(t0), r.totalMillis(), r.outcome().getClass().getSimpleName(),
                r.auth().status());
    }

    private ProbeResult probeAlone(Endpoint e, boolean mayAuth, AuthGate gate) {
        ProbeRequest request = new ProbeRequest(e, mayAuth ? Optional.of(credentials) : Optional.empty(),
                mayAuth ? Optional.of(PostfixServer.USER) : Optional.empty(), false, TIMEOUTS, gate);
        return prober.probe(request, ProbeListener.NONE);
    }

    private RawFields fields() {
        char[] pw = credentials.password(); // a copy; diagnose wipes it
        return RawFields.builder().address(PostfixServer.USER).server(HOST).username(PostfixServer.USER)
                .password(pw).build();
    }

    /** Records when each probe of the check started and ended, in ms from the check's start. */
    private static ProbeListener spanRecorder(Map<Endpoint, long[]> spans, long t0) {
        return new ProbeListener() {
            @Override
            public void stepStarted(Endpoint endpoint, Step step) {
                spans.computeIfAbsent(endpoint, k -> new long[] {millisSince(t0), -1});
            }

            @Override
            public void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
                spans.computeIfPresent(endpoint, (k, v) -> new long[] {v[0], millisSince(t0)});
            }

            @Override
            public void stepFailed(Endpoint endpoint, Step step, long durationMillis, String reason) {
                spans.computeIfPresent(endpoint, (k, v) -> new long[] {v[0], millisSince(t0)});
            }
        };
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
