package dev.smtpdoctor.bench;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.diagnosis.CandidateProbe;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.AuthGate;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.probe.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.smtp.Deadline;
import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark of PRODUCT.md §5 "Fast" (issue 3): does a full check take about as long as its
 * slowest single probe, with 100 ms of round-trip latency, and how does that compare with swaks
 * checking the same endpoints one by one? A {@code main}, never a test: timings on a shared CI
 * machine prove nothing, and this needs root. Run it with {@code scripts/bench-matrix.sh}; the
 * method and the numbers are in docs/benchmarks.md.
 *
 * <p>Set-up: the Postfix + Dovecot fixture of the integration tests, a {@link DelayProxy} (+50 ms
 * each way) in front of each listener used — "465" implicit TLS, "587" STARTTLS required, "25"
 * plain — and a resolver that maps {@code mail.example.test} on the logical ports 465, 587 and 25 to
 * those proxies and refuses every other name (the guesses smtp.example.test and example.test then fail
 * at DNS, as for a domain without them). The system resolver is never asked.
 *
 * <p>Each iteration measures, one after the other, never overlapping:
 * <ol>
 *   <li>the full check: {@link SmtpDoctor#diagnose} with address, server, username and password, as
 *       {@code check} runs it (15 cells: 3 candidates × 5 modes);</li>
 *   <li>every cell of that check alone, doing the same work: the same request, credentials where the
 *       check sends them, and AUTH allowed only on the endpoint that made the check's one AUTH attempt
 *       (elsewhere the gate says no, as the check's gate did);</li>
 *   <li>every cell alone with AUTH allowed wherever the probe would make it ({@code probe} on its own);</li>
 *   <li>swaks on each endpoint of the typed host, one after another ({@link Swaks}).</li>
 * </ol>
 *
 * <p>Options: {@code --iterations N} (5), {@code --warmups N} (1), {@code --one-way-ms N} (50),
 * {@code --no-swaks}, {@code --max-sockets N} (the check's socket limit, 32).
 */
public final class MatrixBenchmark {

    private static final String HOST = PostfixServer.HOST;
    private static final double TARGET_RATIO = 1.3;
    private static final Timeouts TIMEOUTS = Timeouts.DEFAULT;

    /** Which fixture listener answers each (host, logical port); a known host on an unlisted port refuses. */
    enum Scenario {
        /**
         * A provider doing everything right: implicit TLS on "465", STARTTLS required on "587", plain
         * "25", one certificate for the typed host. The matrix does not grow.
         */
        STANDARD(Map.of(HOST, Map.of(465, Listener.SUBMISSIONS_465, 587, Listener.SUBMISSION_587,
                25, Listener.PLAIN_25))),
        /**
         * Shared hosting, the classic Gmail failure: the typed host's certificate names only the
         * provider's server (sv1234.hosting.test, same address). Nothing on 465; STARTTLS on "587" with
         * that certificate; plain "25". The check learns the provider's name from the first certificate
         * and probes it as a second candidate, which is where the credentials may go.
         */
        SHARED_HOSTING(Map.of(
                HOST, Map.of(587, Listener.NAME_MISMATCH, 25, Listener.PLAIN_25),
                PostfixServer.PROVIDER_HOST, Map.of(587, Listener.NAME_MISMATCH, 25, Listener.PLAIN_25)));

        final Map<String, Map<Integer, Listener>> hosts;

        Scenario(Map<String, Map<Integer, Listener>> hosts) {
            this.hosts = hosts;
        }

        java.util.Set<Listener> listeners() {
            java.util.Set<Listener> out = java.util.EnumSet.noneOf(Listener.class);
            hosts.values().forEach(m -> out.addAll(m.values()));
            return out;
        }
    }
    /** A gate that gives the AUTH attempt to no one: what the check's gate answers the other endpoints. */
    private static final AuthGate NEVER = new AuthGate() {
        @Override
        public boolean acquire(Endpoint endpoint, String address, Deadline deadline) {
            return false;
        }
    };

    record Options(int iterations, int warmups, Duration oneWay, boolean swaks, int maxSockets, Scenario scenario) {
        static Options parse(String[] args) {
            int iterations = 5;
            int warmups = 1;
            int oneWayMs = 50;
            boolean swaks = true;
            int maxSockets = 32;
            Scenario scenario = Scenario.STANDARD;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                    case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                    case "--one-way-ms" -> oneWayMs = Integer.parseInt(args[++i]);
                    case "--no-swaks" -> swaks = false;
                    case "--max-sockets" -> maxSockets = Integer.parseInt(args[++i]);
                    case "--scenario" -> scenario = Scenario.valueOf(args[++i].toUpperCase(Locale.ROOT).replace('-', '_'));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --iterations N, --warmups N, --one-way-ms N, --no-swaks, --max-sockets N,"
                            + " --scenario standard|shared-hosting)");
                }
            }
            if (iterations < 1 || warmups < 0 || oneWayMs < 0 || maxSockets < 1) {
                throw new IllegalArgumentException("iterations >= 1, warmups >= 0, one-way-ms >= 0, max-sockets >= 1");
            }
            return new Options(iterations, warmups, Duration.ofMillis(oneWayMs), swaks, maxSockets, scenario);
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
    private final Results results = new Results();
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
        java.util.Arrays.fill(pw, '\0');
        this.closedPort = closedPort();
    }

    /** A loopback port that was free a moment ago: connections to it are refused. */
    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        for (int i = 0; i < options.warmups(); i++) {
            iteration(false);
        }
        for (int i = 0; i < options.iterations(); i++) {
            iteration(true);
            System.out.printf(Locale.ROOT, "  iteration %d: check %d ms, slowest single %d ms%n", i + 1,
                    results.last("check"), results.last("single.slowest"));
        }
        results.print(options, swaks != null && options.swaks());
        System.out.println("\nload average at end: " + loadAverage());
    }

    /** The machine's load (other jobs share its 2 CPUs), from /proc/loadavg when there is one. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
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

    private void iteration(boolean record) throws Exception {
        // (a) The full check.
        Map<Endpoint, long[]> spans = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        Diagnosis d = SmtpDoctor.builder().resolver(resolver).trust(trust).maxSockets(options.maxSockets()).build()
                .diagnose(new CheckRequest(fields(), false, TIMEOUTS), spanRecorder(spans, t0));
        long check = millisSince(t0);
        if (d.status() != Diagnosis.Status.SECURE) {
            throw new IllegalStateException("the check did not find the secure setting (" + d.status()
                    + "): the benchmark would time a failure; findings " + d.findings());
        }
        List<CandidateProbe> cells = d.probes();
        Optional<Endpoint> authOn = cells.stream().map(CandidateProbe::result).filter(r -> r.auth().attempted())
                .map(ProbeResult::endpoint).findFirst();
        // (b) Each cell alone, the same work. (c) Each cell alone, AUTH wherever allowed.
        Map<Endpoint, Long> same = new LinkedHashMap<>();
        Map<Endpoint, Long> lone = new LinkedHashMap<>();
        for (CandidateProbe cp : cells) {
            Endpoint e = cp.result().endpoint();
            boolean mayAuth = cp.candidate().trustedForCredentials();
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

    /** Every measurement, by name, and the last check's per-step timeline for the report. */
    private static final class Results {
        private final Map<String, List<Long>> series = new LinkedHashMap<>();
        private final List<Double> ratios = new ArrayList<>();
        private final Map<String, String> slowestNames = new LinkedHashMap<>();
        private final Map<Endpoint, String> swaksEndings = new LinkedHashMap<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private List<CandidateProbe> lastCells = List.of();
        private Map<Endpoint, long[]> lastSpans = Map.of();

        void add(String name, long ms) {
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
        }

        long last(String name) {
            List<Long> s = series.get(name);
            return s.get(s.size() - 1);
        }

        void record(long check, List<CandidateProbe> cells, Map<Endpoint, long[]> spans, Map<Endpoint, Long> same,
                    Map<Endpoint, Long> lone, Map<Endpoint, Swaks.Run> swaksRuns) {
            add("check", check);
            lastCells = cells;
            lastSpans = Map.copyOf(spans);
            for (CandidateProbe cp : cells) {
                Endpoint e = cp.result().endpoint();
                if (!endpoints.contains(e)) {
                    endpoints.add(e);
                }
                add("in-check " + e, cp.result().totalMillis());
                add("same " + e, same.get(e));
                add("lone " + e, lone.get(e));
            }
            slowest("check.slowest-inside", cells.stream().collect(java.util.stream.Collectors.toMap(
                    c -> c.result().endpoint(), c -> c.result().totalMillis())));
            long single = slowest("single.slowest", same);
            slowest("lone.slowest", lone);
            ratios.add((double) check / single);
            if (!swaksRuns.isEmpty()) {
                long total = 0;
                for (Map.Entry<Endpoint, Swaks.Run> r : swaksRuns.entrySet()) {
                    add("swaks " + r.getKey(), r.getValue().millis());
                    total += r.getValue().millis();
                    swaksEndings.putIfAbsent(r.getKey(), "exit " + r.getValue().exitCode() + ": "
                            + r.getValue().lastLines());
                }
                add("swaks.total", total);
                slowest("swaks.slowest", swaksRuns.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, en -> en.getValue().millis())));
            }
        }

        private long slowest(String name, Map<Endpoint, Long> byEndpoint) {
            Map.Entry<Endpoint, Long> max = Collections.max(byEndpoint.entrySet(), Map.Entry.comparingByValue());
            add(name, max.getValue());
            slowestNames.merge(name, label(max.getKey()), (a, b) -> a.contains(b) ? a : a + ", " + b);
            return max.getValue();
        }

        void print(Options options, boolean withSwaks) {
            System.out.printf(Locale.ROOT, "%n%-62s %7s %7s %7s%n", "wall time, ms (" + series.get("check").size()
                    + " iterations)", "median", "min", "max");
            row("full check: SmtpDoctor.diagnose, " + lastCells.size() + " cells", "check");
            row("  slowest probe inside it (" + slowestNames.get("check.slowest-inside") + ")", "check.slowest-inside");
            row("slowest single probe, same work, alone (" + slowestNames.get("single.slowest") + ")", "single.slowest");
            List<Double> r = new ArrayList<>(ratios);
            Collections.sort(r);
            System.out.printf(Locale.ROOT, "%-62s %7.2f %7.2f %7.2f   target <= %.2f: %s%n",
                    "ratio: full check / slowest single probe", medianD(r), r.get(0), r.get(r.size() - 1), TARGET_RATIO,
                    medianD(r) <= TARGET_RATIO ? "met" : "MISSED");
            row("slowest lone probe, AUTH wherever allowed (" + slowestNames.get("lone.slowest") + ")", "lone.slowest");
            if (withSwaks) {
                row("swaks: the " + swaksEndings.size() + " endpoints that resolve, one after another", "swaks.total");
                row("swaks: slowest endpoint alone (" + slowestNames.get("swaks.slowest") + ")", "swaks.slowest");
                row("swaks: start-up only (swaks --version)", "swaks.startup");
                double vs = (double) median(series.get("swaks.total")) / median(series.get("check"));
                System.out.printf(Locale.ROOT, "%-62s %7.2f%n", "swaks sequential / full check (medians)", vs);
            }

            System.out.printf(Locale.ROOT, "%nper endpoint, median ms     %9s %9s %9s %9s%n", "in check", "alone,",
                    "alone,", withSwaks ? "swaks" : "");
            System.out.printf(Locale.ROOT, "%-27s %9s %9s %9s%n", "", "", "same work", "AUTH ok");
            for (Endpoint e : endpoints) {
                System.out.printf(Locale.ROOT, "%-27s %9d %9d %9d %9s%n", label(e), median(series.get("in-check " + e)),
                        median(series.get("same " + e)), median(series.get("lone " + e)),
                        series.containsKey("swaks " + e) ? String.valueOf(median(series.get("swaks " + e))) : "");
            }
            if (withSwaks) {
                System.out.println("\nswaks endings (first measured iteration):");
                swaksEndings.forEach((e, s) -> System.out.printf("  %-22s %s%n", label(e), s));
            }
            printTimeline();
        }

        /** The last check, probe by probe: when it started and ended in the check, and its steps. */
        private void printTimeline() {
            System.out.println("\nlast check, timeline (ms from the start of diagnose; steps: name start+duration):");
            for (CandidateProbe cp : lastCells) {
                ProbeResult r = cp.result();
                long[] span = lastSpans.getOrDefault(r.endpoint(), new long[] {-1, -1});
                StringBuilder steps = new StringBuilder();
                for (StepRecord s : r.steps()) {
                    steps.append(' ').append(s.step().name().toLowerCase(Locale.ROOT)).append(' ')
                            .append(s.startMillis()).append('+').append(s.durationMillis()).append(s.ok() ? "" : "!");
                }
                System.out.printf(Locale.ROOT, "  %-22s %4d..%4d %-8s auth %-10s%s%n", label(r.endpoint()), span[0],
                        span[1], r.outcome().getClass().getSimpleName().replace("Completed", "ok"),
                        r.auth().status() == AuthResult.Status.NOT_REQUESTED ? "-" : r.auth().status(), steps);
            }
        }

        private void row(String label, String name) {
            List<Long> s = series.get(name);
            if (s == null) {
                return;
            }
            List<Long> sorted = new ArrayList<>(s);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%-62s %7d %7d %7d%n", label, median(s), sorted.get(0),
                    sorted.get(sorted.size() - 1));
        }
    }

    private static String label(Endpoint e) {
        return (e.host().equals(HOST) ? "" : e.host() + " ") + e.port() + "/" + e.security().id();
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double medianD(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
