package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static dev.smtpdoctor.hostile.HostileFixture.TRUST;
import static dev.smtpdoctor.hostile.HostileFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What a server really does, learnt without the password (issue 10, items 3–5): a port that speaks implicit TLS
 * where a greeting was expected, a server that speaks only TLS 1.0, and whether a server would take a password
 * sent unencrypted — each from a credential-free look, and never at the cost of the check's one login attempt.
 */
class ServerTruthTest {

    /** A step long enough that "recognised within seconds" cannot be the step timeout. */
    private static final Timeouts LONG = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60));
    private static final Timeouts CHECK = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));

    private static ProbeResult probe(ConcurrentSmtpServer server, int port, Security security, Timeouts timeouts,
                                     boolean withPassword) {
        Prober prober = new Prober((host, p) -> List.of(new InetSocketAddress(server.address(), server.port())),
                new TlsHandshaker(TRUST, Clock.systemUTC()), Limits.DEFAULT);
        return prober.probe(new ProbeRequest(new Endpoint(HOST, port, security),
                withPassword ? Optional.of(new Credentials(USER, PASSWORD.toCharArray())) : Optional.empty(),
                Optional.empty(), false, timeouts), ProbeListener.NONE);
    }

    private static Predicate<Finding> finding(FindingCode code, String... args) {
        return f -> {
            if (f.code() != code) {
                return false;
            }
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i + 1].equals(f.args().get(args[i]))) {
                    return false;
                }
            }
            return true;
        };
    }

    // ---- item 3: implicit TLS where a greeting was expected ----------------------------------------------------

    @Test
    void a587ThatSpeaksImplicitTlsIsRecognisedWithinSecondsNotAtTheStepTimeout() throws Exception {
        ProbeResult r;
        try (ConcurrentSmtpServer server = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)) {
            long t0 = System.nanoTime();
            r = probe(server, 587, Security.TLS, LONG, true);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(took).as("recognised within a few seconds, not the 30 s step").isLessThan(Duration.ofSeconds(5));
            assertThat(server.credentials()).as("credentials received").isEmpty();
            assertThat(server.authLines()).isEmpty();
        }
        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ProtocolViolation.class, v -> {
            assertThat(v.step()).isEqualTo(Step.GREETING);
            assertThat(v.kind()).isEqualTo(ProbeOutcome.ProtocolViolation.Kind.IMPLICIT_TLS);
            assertThat(v.evidence()).contains("TLSv1.3");
        });
    }

    @Test
    void aWholeCheckCallsItAModeMismatchAndRecommendsThatPortWithSsl() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.Received> received;
        try (ConcurrentSmtpServer tls587 = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)) {
            // Only 587 answers, and it speaks TLS from the first byte.
            long t0 = System.nanoTime();
            d = new LoopbackNetwork().route(HOST, 587, tls587).check(32, CHECK, false, true);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the check").isLessThan(Duration.ofSeconds(10));
            received = tls587.credentials();
        }
        assertThat(d.findings()).anyMatch(finding(FindingCode.SECURITY_MODE_MISMATCH, "port", "587",
                "hint", "tls-on-ssl-port"));
        assertThat(d.findings()).noneMatch(f -> f.code() == FindingCode.SERVER_TIMEOUT);
        Recommendation rec = d.recommendation().orElseThrow();
        assertThat(rec.choice()).hasValueSatisfying(c -> {
            assertThat(c.port()).isEqualTo(587);
            assertThat(c.security()).isEqualTo(Security.SSL);
            assertThat(c.loginVerified()).isTrue();
        });
        assertThat(received).as("one login attempt, over TLS").hasSize(1).allMatch(ConcurrentSmtpServer.Received::overTls);
    }

    @Test
    void aSlowButLegalGreeterIsNotMistakenForImplicitTls() throws Exception {
        // A plain server whose greeting comes after the watch tried TLS: the second connection fails, the first
        // greets, the probe goes on as usual.
        try (ConcurrentSmtpServer plain = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                HostileFixture.GOOD, "PLAIN LOGIN", new ConcurrentSmtpServer.Answers() {
                    @Override
                    public String auth(String mechanism, String username, String password) {
                        return "535 5.7.8 no";
                    }

                    @Override
                    public String reply(String verb, String usual) {
                        return usual;
                    }
                }).greetAfter(Duration.ofMillis(3500))) {
            ProbeResult r = probe(plain, 25, Security.NONE, LONG, false);
            assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
            assertThat(r.greetingMillis()).isGreaterThanOrEqualTo(3000);
        }
    }

    // ---- item 4: TLS 1.0/1.1 only ---------------------------------------------------------------------------

    @Test
    void aTls10OnlyServerIsNamedWithoutCredentials() throws Exception {
        ProbeResult ssl;
        ProbeResult startTls;
        try (ConcurrentSmtpServer old465 = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)
                .tlsProtocols("TLSv1");
             ConcurrentSmtpServer old587 = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.STARTTLS)
                .tlsProtocols("TLSv1")) {
            ssl = probe(old465, 465, Security.SSL, CHECK, true);
            startTls = probe(old587, 587, Security.TLS, CHECK, true);
            assertThat(old465.credentials()).isEmpty();
            assertThat(old465.authLines()).isEmpty();
            assertThat(old587.credentials()).isEmpty();
            assertThat(old587.authLines()).isEmpty();
        }
        for (ProbeResult r : List.of(ssl, startTls)) {
            assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.TlsFailed.class,
                    t -> assertThat(t.obsoleteProtocol()).contains("TLSv1"));
        }
    }

    @Test
    void theNormalPathStillRefusesTls10WhileTheDiagnosticHandshakeNamesIt() throws Exception {
        TlsHandshaker handshaker = new TlsHandshaker(TRUST, Clock.systemUTC());
        try (ConcurrentSmtpServer old = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)
                .tlsProtocols("TLSv1")) {
            try (Socket s = new Socket(old.address(), old.port())) {
                Deadline d = Deadline.after(Duration.ofSeconds(5), "test");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> handshaker.handshake(s, HOST, 465, d))
                        .isInstanceOf(TlsHandshaker.HandshakeFailedException.class);
            }
            try (Socket s = new Socket(old.address(), old.port())) {
                TlsHandshaker.Handshake h = handshaker.diagnosticHandshake(s, HOST, 465,
                        Deadline.after(Duration.ofSeconds(5), "test"));
                assertThat(h.observation().protocol()).isEqualTo("TLSv1");
                h.socket().close();
            }
        }
    }

    @Test
    void aWholeCheckAgainstATls10OnlyServerReportsTheObsoleteVersion() throws Exception {
        Diagnosis d;
        try (ConcurrentSmtpServer old = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)
                .tlsProtocols("TLSv1")) {
            d = new LoopbackNetwork().route(HOST, 465, old).check(32, CHECK, false, true);
            assertThat(old.credentials()).isEmpty();
        }
        assertThat(d.findings()).anyMatch(finding(FindingCode.TLS_PROTOCOL_OBSOLETE, "port", "465",
                "protocol", "TLSv1", "hint", "only-obsolete"));
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    // ---- item 5: would AUTH be accepted without encryption? -------------------------------------------------

    @Test
    void a538ToTheCancelledAuthMeansAuthRequiresTls() throws Exception {
        Diagnosis d;
        List<String> lines;
        try (ConcurrentSmtpServer exim = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                HostileFixture.GOOD, "PLAIN LOGIN", new ConcurrentSmtpServer.Answers() {
                    @Override
                    public String auth(String mechanism, String username, String password) {
                        return "235 2.7.0 ok";
                    }

                    @Override
                    public String command(String mechanism) {
                        return "538 5.7.11 Encryption required";
                    }
                })) {
            d = new LoopbackNetwork().route(HOST, 25, exim).check(32, CHECK, false, true);
            lines = exim.receivedLines();
            assertThat(exim.credentials()).isEmpty();
        }
        assertThat(lines.stream().filter(l -> l.startsWith("AUTH"))).as("one AUTH, without credentials")
                .containsExactly("AUTH PLAIN");
        assertThat(d.findings()).anyMatch(finding(FindingCode.AUTH_REQUIRES_TLS, "port", "25"));
        assertThat(d.findings()).noneMatch(f -> f.code() == FindingCode.AUTH_PLAINTEXT_OFFERED);
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    @Test
    void aWholeCheckStillMakesExactlyOneLoginAttempt() throws Exception {
        Diagnosis d;
        int logins;
        List<ConcurrentSmtpServer.AuthLine> cancelled;
        List<String> clearLines;
        try (ConcurrentSmtpServer ssl = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS);
             ConcurrentSmtpServer starttls = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.STARTTLS);
             ConcurrentSmtpServer clear = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH)) {
            d = new LoopbackNetwork().route(HOST, 465, ssl).route(HOST, 587, starttls).route(HOST, 25, clear)
                    .check(32, CHECK, false, true);
            logins = ssl.authLines().size() + starttls.authLines().size() + clear.authLines().size();
            cancelled = clear.cancelledAuthLines();
            clearLines = clear.receivedLines();
            assertThat(clear.credentials()).isEmpty();
        }
        assertThat(logins).as("login attempts in the whole check").isEqualTo(1);
        assertThat(cancelled).as("cancelled credential-free AUTH on port 25").hasSize(1);
        assertThat(clearLines).noneMatch(l -> l.contains(PASSWORD));
        assertThat(d.findings()).anyMatch(finding(FindingCode.AUTH_PLAINTEXT_OFFERED, "port", "25", "hint", "confirmed"));
        assertThat(d.probes()).anySatisfy(p -> assertThat(p.result().transcript())
                .anyMatch(e -> e.text().startsWith("AUTH PLAIN")));
        HostileServerCatalogTest.assertSafeToShow(d);
    }
}
