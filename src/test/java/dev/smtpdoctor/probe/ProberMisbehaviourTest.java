package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import static dev.smtpdoctor.probe.ProbeFixture.EHLO;
import static dev.smtpdoctor.probe.ProbeFixture.FAST;
import static dev.smtpdoctor.probe.ProbeFixture.GOOD;
import static dev.smtpdoctor.probe.ProbeFixture.HOST;
import static dev.smtpdoctor.probe.ProbeFixture.NORMAL;
import static dev.smtpdoctor.probe.ProbeFixture.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.testing.FakeSmtpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that stall, drip, hang up, talk nonsense or send too much: every probe ends with a value
 * naming the step, within its deadlines. Durations are only checked for boundedness, with a wide margin.
 */
class ProberMisbehaviourTest {

    private static final Duration MARGIN = Duration.ofSeconds(3);

    private final ProbeFixture f = new ProbeFixture();
    private final FakeSmtpServer server = f.server;

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private static void assertEndedWithin(ProbeResult r, Duration limit) {
        assertThat(Duration.ofMillis(r.totalMillis())).isLessThan(limit.plus(MARGIN));
    }

    // ---- time ------------------------------------------------------------------------------------------

    @Test
    void greetingDelayIsMeasuredToTheFinalLine() throws Exception {
        server.output("220-" + HOST + " ESMTP, please wait");
        server.pause(Duration.ofMillis(300));
        server.output("220 ready");
        f.ehlo();
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.completed()).isTrue();
        // The server's pause starts at accept(), which may precede the client's clock start by a little.
        assertThat(r.greetingMillis()).isGreaterThanOrEqualTo(250).isLessThanOrEqualTo(r.totalMillis());
        assertThat(r.steps()).filteredOn(s -> s.step() == Step.GREETING).singleElement()
                .satisfies(s -> assertThat(s.detail()).isEqualTo("220"));
        server.verifyInteractionCompleted();
    }

    @Test
    void stalledGreetingTimesOut() throws Exception {
        server.stall();

        ProbeResult r = f.anonymous(Security.NONE, FAST);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.GREETING));
        assertThat(r.greeting()).isEmpty();
        assertEndedWithin(r, FAST.step());
        server.verifyInteractionCompleted();
        assertThat(server.receivedLines()).isEmpty();
    }

    @Test
    void stallAfterEhloTimesOutInThatStep() throws Exception {
        f.greeting();
        server.expect(EHLO).stall();

        ProbeResult r = f.anonymous(Security.NONE, FAST);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.EHLO));
        assertThat(r.steps()).last().satisfies(s -> {
            assertThat(s.step()).isEqualTo(Step.EHLO);
            assertThat(s.ok()).isFalse();
            assertThat(s.detail()).isEqualTo("timed out");
        });
        assertEndedWithin(r, FAST.step());
    }

    @Test
    void drippingGreetingIsBoundedByTheStepDeadline() throws Exception {
        // 60 bytes at 40 ms each would take 2.4 s; every byte arrives well within the socket timeout.
        server.drip("220 " + "slowly, interminably writes output ".repeat(2).strip() + "\r\n", Duration.ofMillis(40));

        ProbeResult r = f.anonymous(Security.NONE, FAST);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.GREETING));
        assertEndedWithin(r, FAST.step());
    }

    @Test
    void slowButTimelyDripIsFine() throws Exception {
        server.drip("220 " + HOST + "\r\n", Duration.ofMillis(5));
        f.ehlo();
        f.quit();

        assertThat(f.anonymous(Security.NONE, NORMAL).completed()).isTrue();
        server.verifyInteractionCompleted();
    }

    @Test
    void probeDeadlineCapsStepsThatEachFitTheirOwn() throws Exception {
        Timeouts timeouts = new Timeouts(Duration.ofMillis(1000), Duration.ofMillis(1200));
        server.pause(Duration.ofMillis(700)).output("220 " + HOST);
        server.expect(EHLO).pause(Duration.ofMillis(700)).output("250 " + HOST);

        ProbeResult r = f.anonymous(Security.NONE, timeouts);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.EHLO));
        assertEndedWithin(r, timeouts.total());
    }

    @Test
    void stalledImplicitTlsHandshakeTimesOut() throws Exception {
        server.stall();

        ProbeResult r = f.anonymous(Security.SSL, FAST);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.TLS_HANDSHAKE));
        assertEndedWithin(r, FAST.step());
    }

    @Test
    void stalledStartTlsHandshakeTimesOut() throws Exception {
        f.greeting();
        f.ehlo("STARTTLS");
        server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS").stall();

        ProbeResult r = f.anonymous(Security.TLS, FAST);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.STARTTLS_HANDSHAKE));
        assertEndedWithin(r, FAST.step());
    }

    // ---- hanging up ------------------------------------------------------------------------------------

    @Test
    void closeRightAfterConnecting() throws Exception {
        server.closeConnection();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ConnectionClosed(Step.GREETING, "connection closed by server"));
        server.verifyInteractionCompleted();
    }

    @Test
    void closeInTheMiddleOfTheGreeting() throws Exception {
        server.output("220-" + HOST + " ESMTP").closeConnection();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        // The cut greeting is kept as evidence; the conversation ends at the next step.
        assertThat(r.greeting().orElseThrow().deviations()).containsExactly(Deviation.MISSING_FINAL_LINE);
        assertThat(r.deviations()).isTrue();
        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ConnectionClosed.class,
                c -> assertThat(c.step()).isEqualTo(Step.EHLO));
        server.verifyInteractionCompleted();
    }

    @Test
    void closeInTheMiddleOfAGreetingLine() throws Exception {
        server.sendRaw("220 mail.exa".getBytes(StandardCharsets.US_ASCII)).closeConnection();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.greeting().orElseThrow().lines()).containsExactly("mail.exa");
        assertThat(r.greeting().orElseThrow().deviations()).containsExactly(Deviation.MISSING_FINAL_LINE);
        assertThat(r.outcome()).isInstanceOf(ProbeOutcome.ConnectionClosed.class);
    }

    @Test
    void ehloReplyCutByAHangUpIsAClosedConnectionNotMissingStartTls() throws Exception {
        f.greeting();
        server.expect("EHLO *").output("250-" + HOST).output("250-PIPELINING").closeConnection();

        ProbeResult r = f.anonymous(Security.TLS, NORMAL);

        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ConnectionClosed.class,
                c -> assertThat(c.step()).isEqualTo(Step.EHLO));
        server.verifyInteractionCompleted();
    }

    @Test
    void closeInsteadOfAnsweringStartTls() throws Exception {
        f.greeting();
        f.ehlo("STARTTLS");
        server.expect("STARTTLS").closeConnection();

        ProbeResult r = f.anonymous(Security.TLS, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ConnectionClosed(Step.STARTTLS, "connection closed by server"));
        server.verifyInteractionCompleted();
    }

    @Test
    void closeDuringAuth() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH LOGIN");
        server.expect("AUTH LOGIN").closeConnection();

        ProbeResult r = f.withCredentials(Security.SSL, false, Optional.empty());

        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ConnectionClosed.class,
                c -> assertThat(c.step()).isEqualTo(Step.AUTH));
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REACHED);
        server.verifyInteractionCompleted();
    }

    @Test
    void refusedOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            port = s.getLocalPort();
        }

        ProbeResult r = f.probe(ProbeRequest.anonymous(new Endpoint(HOST, port, Security.NONE), FAST));

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Refused("127.0.0.1"));
        assertThat(r.address()).isEmpty();
        assertThat(steps(r)).containsExactly(Step.RESOLVE, Step.CONNECT);
    }

    @Test
    void unknownNameIsADnsFailureFromTheInjectedResolver() throws Exception {
        ProbeResult r = f.probe(ProbeRequest.anonymous(new Endpoint("nowhere.example.test", 587, Security.TLS), FAST));

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.DnsFailed("nowhere.example.test", DnsFailure.NO_SUCH_HOST));
        assertThat(f.fallbackLookups).containsExactly("nowhere.example.test");
        f.fallbackLookups.clear(); // that lookup was the point; it went to the test's resolver, not DNS
    }

    // ---- nonsense --------------------------------------------------------------------------------------

    @Test
    void garbageGreeting() throws Exception {
        server.output("HTTP/1.1 400 Bad Request");

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.NOT_A_REPLY,
                "HTTP/1.1 400 Bad Request"));
        server.verifyInteractionCompleted();
    }

    @Test
    void garbageEvidenceIsSafeToPrint() throws Exception {
        server.sendRaw("\u001b[2J\u0000pwned\r\n".getBytes(StandardCharsets.US_ASCII));

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.NOT_A_REPLY,
                "\uFFFD[2J\uFFFDpwned"));
    }

    @Test
    void garbageInsideTheEhloReply() throws Exception {
        f.greeting();
        server.expect(EHLO).output("250-" + HOST, "PIPELINING", "250 OK");

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.EHLO, Kind.NOT_A_REPLY, "PIPELINING"));
    }

    @Test
    void unexpectedGreetingCode() throws Exception {
        server.output("354 Start mail input");

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.UNEXPECTED_REPLY,
                "354 Start mail input"));
    }

    @Test
    void implicitTlsAgainstAPlaintextServer() throws Exception {
        f.greeting();

        ProbeResult r = f.anonymous(Security.SSL, NORMAL);

        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.TlsFailed.class, t -> {
            assertThat(t.step()).isEqualTo(Step.TLS_HANDSHAKE);
            assertThat(t.plaintextReply()).isTrue();
        });
        assertThat(r.tls()).isEmpty();
        assertThat(r.encrypted()).isFalse();
    }

    @Test
    void implicitTlsServerThatHangsUpIsNotCalledPlaintext() throws Exception {
        server.closeConnection();

        ProbeResult r = f.anonymous(Security.SSL, NORMAL);

        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.TlsFailed.class, t -> {
            assertThat(t.step()).isEqualTo(Step.TLS_HANDSHAKE);
            assertThat(t.plaintextReply()).isFalse();
        });
    }

    @Test
    void bytesInjectedAfterStartTls() throws Exception {
        // CVE-2011-0411 style: plaintext sent with the 220 would be read as if it came over TLS.
        f.greeting();
        f.ehlo("STARTTLS");
        server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS", "250-injected", "250 AUTH PLAIN");

        ProbeResult r = f.anonymous(Security.TLS, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.STARTTLS, Kind.DATA_AFTER_STARTTLS,
                "bytes after 220 to STARTTLS"));
        assertThat(r.tls()).isEmpty();
        server.verifyInteractionCompleted();
        assertThat(server.receivedLines()).containsExactly(EHLO, "STARTTLS");
    }

    // ---- too much ---------------------------------------------------------------------------------------

    @Test
    void endlessMultiLineReply() throws Exception {
        f.limits(new Limits(512, 5, 1 << 20, 4));
        String[] lines = new String[10];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "220-line " + i;
        }
        server.output(lines);

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.REPLY_TOO_LONG,
                "more than 5 lines"));
    }

    @Test
    void tooManyBytes() throws Exception {
        f.limits(new Limits(512, 1000, 2000, 4));
        server.sendRaw("220-filler filler filler filler\r\n".repeat(200).getBytes(StandardCharsets.US_ASCII));

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.TOO_MUCH_DATA,
                "server sent more than 2000 bytes"));
        assertThat(r.bytesRead()).isGreaterThan(2000);
    }

    @Test
    void overlongGreetingLineIsCutAndNoted() throws Exception {
        f.limits(new Limits(64, 100, 1 << 20, 4));
        server.output("220 " + "x".repeat(1000));
        f.ehlo();
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.completed()).isTrue();
        assertThat(r.greeting().orElseThrow().firstLine()).hasSize(60);
        assertThat(r.greeting().orElseThrow().deviations()).containsExactly(Deviation.LINE_TRUNCATED);
        assertThat(r.deviations()).isTrue();
        assertThat(r.transcript()).anyMatch(e -> e.text().contains("(deviations: [LINE_TRUNCATED])"));
        server.verifyInteractionCompleted();
    }

    @Test
    void bareLfRepliesAreToleratedAndNoted() throws Exception {
        server.sendRaw(("220 " + HOST + "\n").getBytes(StandardCharsets.US_ASCII));
        server.expect(EHLO).sendRaw(("250-" + HOST + "\n250 STARTTLS\n").getBytes(StandardCharsets.US_ASCII));
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.completed()).isTrue();
        assertThat(r.greeting().orElseThrow().deviations()).containsExactly(Deviation.BARE_LF);
        assertThat(r.ehlo().orElseThrow().startTls()).isTrue();
        server.verifyInteractionCompleted();
    }
}
