package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.GOOD;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.MARGIN;
import static dev.smtpdoctor.hostile.HostileFixture.NORMAL;
import static dev.smtpdoctor.hostile.HostileFixture.SHORT;
import static dev.smtpdoctor.hostile.HostileFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.matrix.Matrix;
import dev.smtpdoctor.matrix.MatrixPlan;
import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every resource a hostile server could make the tool spend is capped, and each cap is proven here
 * (issue 5, item 2): bytes read per probe ({@link Limits#maxBytes()}, across TLS upgrades), bytes kept
 * per line ({@link Limits#maxLineBytes()}), lines per reply ({@link Limits#maxReplyLines()}), sockets
 * open at once ({@code maxSockets}), and the wall time of a whole check (its overall deadline). Only
 * "stayed within the bound" is asserted — with a generous margin for time — never how fast.
 */
class ResourceBoundsTest {

    /** One read of the line reader's buffer: how far past the budget the last read may go. */
    private static final int READ_BUFFER = 4096;
    /** {@code --server mail.example.test} with nothing else typed: 3 hosts (typed, smtp., the domain) × 5 modes. */
    private static final int PROBES_PER_CHECK = 3 * Mode.STANDARD.size();

    // ---- bytes and lines, per probe --------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one endless line", "endless reply lines", "endless after STARTTLS"})
    void bytesReadPerProbeAreCapped(String shape) throws Exception {
        long budget = 64 * 1024;
        Limits limits = new Limits(512, 1_000_000, budget, 4);
        try (FakeSmtpServer server = new FakeSmtpServer()) {
            Script s = new Script(server);
            Security security = Security.NONE;
            switch (shape) {
                case "one endless line" -> server.raw("an endless line", (in, out) -> {
                    byte[] xs = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                    out.write("220 ".getBytes(StandardCharsets.US_ASCII));
                    while (true) {
                        out.write(xs);
                    }
                });
                case "endless reply lines" -> server.sendForever("220-" + HOST + " greets you once more");
                default -> {
                    // 40 KB before TLS, then a flood inside it: the budget spans the upgrade.
                    security = Security.TLS;
                    s.greeting();
                    server.expect(Script.EHLO).output(Script.ehloReply(filler(40 * 1024)));
                    s.startTls(GOOD);
                    server.expect(Script.EHLO).sendForever("250-AUTH PLAIN LOGIN");
                }
            }

            ProbeResult r = probe(server, limits, security, NORMAL);

            assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ProtocolViolation.class,
                    v -> assertThat(v.kind()).isEqualTo(Kind.TOO_MUCH_DATA));
            assertThat(r.bytesRead()).isGreaterThan(budget).isLessThanOrEqualTo(budget + READ_BUFFER);
        }
    }

    @Test
    void theDefaultBudgetStopsATenMegabyteLine() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer()) {
            server.sendRaw(HostileServer.hugeLine("220 ", 10 * 1024 * 1024));

            ProbeResult r = probe(server, Limits.DEFAULT, Security.NONE, NORMAL);

            assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ProtocolViolation.class,
                    v -> assertThat(v.kind()).isEqualTo(Kind.TOO_MUCH_DATA));
            assertThat(r.bytesRead()).isLessThanOrEqualTo(Limits.DEFAULT.maxBytes() + READ_BUFFER);
        }
    }

    @Test
    void bytesKeptPerLineAreCappedWhateverTheLineLength() throws Exception {
        Limits limits = new Limits(1024, 100, 64L * 1024 * 1024, 4);
        try (FakeSmtpServer server = new FakeSmtpServer()) {
            server.sendRaw(HostileServer.hugeLine("220 ", 5 * 1024 * 1024));
            new Script(server).ehlo();
            new Script(server).quit();

            ProbeResult r = probe(server, limits, Security.NONE, NORMAL);

            assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
            // The 5 MB line was read through and dropped; only its beginning is kept.
            assertThat(r.greeting().orElseThrow().firstLine().length()).isLessThanOrEqualTo(1024);
            assertThat(r.bytesRead()).isGreaterThan(5L * 1024 * 1024);
        }
    }

    @ParameterizedTest(name = "at most {0} lines")
    @ValueSource(ints = {1, 7, 100})
    void linesPerReplyAreCapped(int maxLines) throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer()) {
            new Script(server).greeting();
            server.expect(Script.EHLO).sendForever("250-X-ANOTHER-CAPABILITY");

            ProbeResult r = probe(server, new Limits(512, maxLines, 1L << 30, 4), Security.NONE, NORMAL);

            assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.EHLO, Kind.REPLY_TOO_LONG,
                    "more than " + maxLines + " lines"));
            // Stopped by the line count, long before any byte budget.
            assertThat(r.bytesRead()).isLessThan(64 * 1024);
        }
    }

    // ---- sockets and time, per check -------------------------------------------------------------

    @ParameterizedTest(name = "maxSockets = {0}")
    @ValueSource(ints = {1, 3})
    void concurrentSocketsNeverExceedMaxSockets(int maxSockets) throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.start();
        Diagnosis d;
        try (ConcurrentSmtpServer server = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.HOLD_THEN_REFUSE,
                GOOD, "", Duration.ofMillis(150))) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, server).route("smtp.example.test", server)
                    .route("example.test", server);

            d = net.check(maxSockets, NORMAL, false, false);

            assertThat(server.accepted()).as("every cell of the matrix connected").isEqualTo(PROBES_PER_CHECK);
            assertThat(server.maxConcurrent()).isLessThanOrEqualTo(maxSockets);
            if (maxSockets > 1) {
                assertThat(server.maxConcurrent()).as("the probes did run concurrently").isGreaterThan(1);
            }
        }
        assertThat(d.probes()).hasSize(PROBES_PER_CHECK);
        threads.assertNoLeaks(Duration.ofSeconds(2));
    }

    @Test
    void aCheckAgainstServersThatStallEverythingEndsWithinItsOverallDeadline() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.start();
        Diagnosis d;
        long t0 = System.nanoTime();
        try (ConcurrentSmtpServer server = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.STALL)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, server).route("smtp.example.test", server)
                    .route("example.test", server);

            d = net.check(32, SHORT, false, true);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        Duration overall = SHORT.total().plus(dev.smtpdoctor.CheckRequest.CHECK_MARGIN); // no discovery: no share
        assertThat(took).isLessThan(overall.plus(MARGIN));
        assertThat(d.status()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.probes()).isNotEmpty().allSatisfy(p -> assertThat(p.result().outcome())
                .isInstanceOf(ProbeOutcome.TimedOut.class));
        threads.assertNoLeaks(Duration.ofSeconds(2));
    }

    @Test
    void theMatrixStopsAtItsOverallDeadlineEvenWhenProbesQueueForSockets() throws Exception {
        // One socket, fifteen probes that each stall for their whole 1 s step: 15 s of work, 1.5 s allowed.
        ThreadLeakCheck threads = ThreadLeakCheck.start();
        Duration overall = Duration.ofMillis(1500);
        List<CandidateProbe> results;
        long t0 = System.nanoTime();
        try (ConcurrentSmtpServer server = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.STALL)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, server).route("smtp.example.test", server)
                    .route("example.test", server);
            Prober prober = new Prober(net, new TlsHandshaker(TRUST, Clock.systemUTC()), Limits.DEFAULT);
            Matrix.Request request = new Matrix.Request(MatrixPlan.initialCandidates(Optional.of(HOST), "example.test"),
                    List.of(), Optional.empty(), Optional.empty(), false, SHORT, overall);

            results = new Matrix(prober, net, 1, dev.smtpdoctor.discovery.CredentialPolicy.basic()).run(request, ProbeListener.NONE);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).isLessThan(overall.plus(MARGIN));
        assertThat(results.size()).isLessThan(PROBES_PER_CHECK);
        threads.assertNoLeaks(Duration.ofSeconds(2));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static ProbeResult probe(FakeSmtpServer server, Limits limits, Security security, Timeouts timeouts) {
        Resolver resolver = (host, port) -> HostileFixture.at(server.port());
        int port = security == Security.NONE ? 25 : 587;
        Prober prober = new Prober(resolver, new TlsHandshaker(TRUST, Clock.systemUTC()), limits);
        long t0 = System.nanoTime();
        ProbeResult r = prober.probe(ProbeRequest.anonymous(new Endpoint(HOST, port, security), timeouts),
                ProbeListener.NONE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(timeouts.total().plus(MARGIN));
        return r;
    }

    /** Capability lines adding up to about {@code bytes}, STARTTLS last. */
    private static String[] filler(int bytes) {
        int n = bytes / 64;
        String[] lines = new String[n + 1];
        for (int i = 0; i < n; i++) {
            lines[i] = "X-FILLER-" + i + "-" + "f".repeat(48);
        }
        lines[n] = "STARTTLS";
        return lines;
    }
}
