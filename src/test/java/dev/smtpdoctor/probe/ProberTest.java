package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import static dev.smtpdoctor.probe.ProbeFixture.EHLO;
import static dev.smtpdoctor.probe.ProbeFixture.GOOD;
import static dev.smtpdoctor.probe.ProbeFixture.HOST;
import static dev.smtpdoctor.probe.ProbeFixture.INTERMEDIATE;
import static dev.smtpdoctor.probe.ProbeFixture.NORMAL;
import static dev.smtpdoctor.probe.ProbeFixture.PASSWORD;
import static dev.smtpdoctor.probe.ProbeFixture.USER;
import static dev.smtpdoctor.probe.ProbeFixture.clientLines;
import static dev.smtpdoctor.probe.ProbeFixture.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.testing.AuthAttempt;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.ChainVerdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The probe conversation against a well-behaved (if sometimes refusing) fake server. */
class ProberTest {

    private static final String CANARY = "Canary-Pa55w0rd-XYZ";
    private static final Optional<String> FROM = Optional.of("you@example.test");

    private final ProbeFixture f = new ProbeFixture();
    private final FakeSmtpServer server = f.server;

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the three security modes --------------------------------------------------------------------

    @Test
    void noneHappyPath() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING", "SIZE 10240000", "STARTTLS");
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(r.completed()).isTrue();
        assertThat(r.address()).contains("127.0.0.1");
        assertThat(r.greeting()).contains(Reply.of(220, HOST + " ESMTP ready"));
        assertThat(r.ehlo().orElseThrow().keywords().keySet()).containsExactly("PIPELINING", "SIZE", "STARTTLS");
        assertThat(r.ehloTls()).isEmpty();
        assertThat(r.tls()).isEmpty();
        assertThat(r.encrypted()).isFalse();
        assertThat(r.auth()).isEqualTo(AuthResult.of(AuthResult.Status.NOT_REQUESTED));
        assertThat(r.sender()).isEqualTo(SenderResult.notTested());
        assertThat(r.deviations()).isFalse();
        assertThat(steps(r)).containsExactly(Step.RESOLVE, Step.CONNECT, Step.GREETING, Step.EHLO, Step.QUIT);
        assertThat(r.steps()).allMatch(StepRecord::ok);
        assertThat(r.bytesRead()).isPositive();
        assertThat(server.receivedLines()).containsExactly(EHLO, "QUIT");
        assertThat(clientLines(r)).containsExactly(EHLO, "QUIT");
        server.verifyInteractionCompleted();
    }

    @Test
    void sslHappyPathWithAuthAndSender() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES");
        server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        server.expect("MAIL FROM:<you@example.test>").output("250 2.1.0 Sender OK");
        server.expect("RCPT TO:<you@example.test>").output("250 2.1.5 OK");
        server.expect("RSET").output("250 2.0.0 OK");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, FROM);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(steps(r)).containsExactly(Step.RESOLVE, Step.CONNECT, Step.TLS_HANDSHAKE, Step.GREETING, Step.EHLO,
                Step.AUTH, Step.MAIL_FROM, Step.RCPT_TO, Step.RSET, Step.QUIT);
        assertThat(r.encrypted()).isTrue();
        assertThat(r.tls().orElseThrow().verified()).isTrue();
        assertThat(r.tls().orElseThrow().sni()).contains(HOST);
        assertThat(r.ehloTls()).isEmpty();
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.auth().mechanism()).contains("PLAIN");
        assertThat(r.auth().reply().orElseThrow().code()).isEqualTo(235);
        assertThat(r.sender()).isEqualTo(new SenderResult(SenderResult.Status.ACCEPTED, FROM,
                Optional.of(Reply.of(250, "2.1.0 Sender OK"))));
        assertThat(server.authAttempts()).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo(USER);
            assertThat(a.password()).contains(PASSWORD);
        });
        assertThat(server.serverNames()).containsExactly(Optional.of(HOST));
        server.verifyInteractionCompleted();
    }

    @Test
    void startTlsHappyPathSendsEhloAgainInsideTls() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING", "STARTTLS");
        f.startTls(GOOD);
        f.ehlo("PIPELINING", "AUTH PLAIN LOGIN");
        server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        f.quit();

        ProbeResult r = f.withCredentials(Security.TLS, false, Optional.empty());

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(server.receivedLines()).hasSize(5).startsWith(EHLO, "STARTTLS", EHLO).endsWith("QUIT");
        assertThat(server.receivedLines().get(3)).startsWith("AUTH PLAIN ");
        assertThat(steps(r)).containsExactly(Step.RESOLVE, Step.CONNECT, Step.GREETING, Step.EHLO, Step.STARTTLS,
                Step.STARTTLS_HANDSHAKE, Step.EHLO_TLS, Step.AUTH, Step.QUIT);
        // RFC 3207 §4.2: what EHLO said before TLS is discarded; AUTH used the second answer.
        assertThat(r.ehlo().orElseThrow().authAdvertised()).isFalse();
        assertThat(r.ehloTls().orElseThrow().authMechanisms()).containsExactly("PLAIN", "LOGIN");
        assertThat(r.effectiveCapabilities()).isEqualTo(r.ehloTls());
        assertThat(r.tls().orElseThrow().verified()).isTrue();
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        server.verifyInteractionCompleted();
    }

    // ---- AUTH mechanisms, verified on the server side ---------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
    void eachMechanismDeliversTheCredentials(String mechanism) throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH " + mechanism);
        server.expectAuth(mechanism, "235 2.7.0 Authentication successful");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, Optional.empty());

        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.auth().mechanism()).contains(mechanism);
        AuthAttempt attempt = server.authAttempts().get(0);
        assertThat(server.authAttempts()).hasSize(1);
        assertThat(attempt.mechanism()).isEqualTo(mechanism);
        assertThat(attempt.username()).isEqualTo(USER);
        assertThat(attempt.authorizationId()).isEmpty();
        assertThat(attempt.proves(PASSWORD)).isTrue();
        assertThat(attempt.proves(PASSWORD + "x")).isFalse();
        if (mechanism.equals("CRAM-MD5")) {
            assertThat(attempt.password()).isEmpty();
            assertThat(server.receivedLines()).noneMatch(l -> l.contains(b64(PASSWORD)));
        }
        server.verifyInteractionCompleted();
    }

    @Test
    void authLinesAreRedactedInTheTranscript() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH LOGIN");
        server.expectAuth("LOGIN", "235 2.7.0 Authentication successful");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, Optional.empty());

        assertThat(clientLines(r)).containsExactly(EHLO, "AUTH LOGIN", "[redacted]", "[redacted]", "QUIT");
        assertThat(server.receivedLines()).contains(b64(USER), b64(PASSWORD));
    }

    @Test
    void plainInitialResponseIsRedacted() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, Optional.empty());

        assertThat(clientLines(r)).containsExactly(EHLO, "AUTH PLAIN [redacted]", "QUIT");
        assertThat(server.receivedLines()).contains("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD));
    }

    @Test
    void preferredMechanismIsPlainWhenSeveralAreOffered() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH CRAM-MD5 LOGIN PLAIN XOAUTH2");
        server.expectAuth("PLAIN", "235 2.7.0 ok");
        f.quit();

        assertThat(f.withCredentials(Security.SSL, false, Optional.empty()).auth().mechanism()).contains("PLAIN");
        server.verifyInteractionCompleted();
    }

    @Test
    void rejectedCredentialsAreTriedExactlyOnce() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN CRAM-MD5");
        server.expectAuth("PLAIN", "535 5.7.8 Username and Password not accepted");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, FROM);

        Reply rejection = Reply.of(535, "5.7.8 Username and Password not accepted");
        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.AuthRejected("PLAIN", rejection));
        assertThat(r.auth()).isEqualTo(new AuthResult(AuthResult.Status.REJECTED, Optional.of("PLAIN"),
                Optional.of(rejection)));
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.NOT_TESTED);
        assertThat(server.receivedLines()).filteredOn(l -> l.startsWith("AUTH")).hasSize(1);
        assertThat(server.authAttempts()).hasSize(1);
        assertThat(server.receivedLines()).last().isEqualTo("QUIT");
        server.verifyInteractionCompleted(); // and no second connection
    }

    @Test
    void authAnswered421EndsWithoutQuit() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH LOGIN");
        server.expectAuth("LOGIN", "421 4.7.0 Too many login failures, closing");

        ProbeResult r = f.withCredentials(Security.SSL, false, Optional.empty());

        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthRejected.class,
                a -> assertThat(a.reply().code()).isEqualTo(421));
        server.verifyInteractionCompleted();
        assertThat(server.receivedLines()).doesNotContain("QUIT");
    }

    @Test
    void authNotOfferedAndNoSupportedMechanism() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("SIZE 1000");
        f.quit();
        server.nextConnection().implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH XOAUTH2 GSSAPI");
        f.quit();

        ProbeResult notOffered = f.withCredentials(Security.SSL, false, FROM);
        ProbeResult noMechanism = f.withCredentials(Security.SSL, false, FROM);

        assertThat(notOffered.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(notOffered.auth()).isEqualTo(AuthResult.of(AuthResult.Status.NOT_OFFERED));
        assertThat(notOffered.sender().status()).isEqualTo(SenderResult.Status.SKIPPED);
        assertThat(noMechanism.auth()).isEqualTo(AuthResult.of(AuthResult.Status.NO_SUPPORTED_MECHANISM));
        assertThat(server.receivedLines()).noneMatch(l -> l.startsWith("AUTH") || l.startsWith("MAIL"));
        server.verifyInteractionCompleted();
    }

    @Test
    void badCramMd5ChallengeIsCancelled() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH CRAM-MD5");
        server.expect("AUTH CRAM-MD5").output("334 this is not base64!");
        server.expect("*").output("501 5.7.0 Authentication cancelled");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, Optional.empty());

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.ProtocolViolation(Step.AUTH,
                ProbeOutcome.ProtocolViolation.Kind.BAD_AUTH_CHALLENGE, "this is not base64!"));
        server.verifyInteractionCompleted();
    }

    /**
     * The AUTH command line is the attempt (issue finding 3): a server that refuses the mechanism itself, or sends
     * a challenge that cannot be answered, has counted an AUTH, so the probe must report it to the gate as used
     * although no credential left it. Otherwise the gate hands the attempt to the next port and the server counts
     * another one.
     */
    @ParameterizedTest(name = "{0} answered {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "LOGIN|535 5.7.8 Authentication failed",
            "LOGIN|504 5.5.4 Unrecognized authentication type",
            "CRAM-MD5|504 5.5.4 Unrecognized authentication type",
            "CRAM-MD5|334 this is not base64!"})
    void anAuthCommandRefusedBeforeAnyCredentialStillUsesTheAttempt(String mechanism, String answer)
            throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH " + mechanism);
        server.expect("AUTH " + mechanism).output(answer);
        if (answer.startsWith("334")) {
            server.expect("*").output("501 5.7.0 Authentication cancelled");
        }
        f.quit();
        List<Boolean> reported = new ArrayList<>();
        AuthGate gate = new AuthGate() {
            @Override
            public boolean acquire(Endpoint endpoint, String address, dev.smtpdoctor.model.Deadline deadline) {
                return true;
            }

            @Override
            public void finished(Endpoint endpoint, boolean authAttempted) {
                reported.add(authAttempted);
            }
        };

        f.probe(new ProbeRequest(f.endpoint(Security.SSL), Optional.of(new Credentials(USER, CANARY.toCharArray())),
                Optional.empty(), false, NORMAL, gate));

        assertThat(server.receivedLines()).filteredOn(l -> l.startsWith("AUTH")).hasSize(1);
        assertThat(reported).as("attempt used, reported to the gate").containsExactly(true);
        server.verifyInteractionCompleted();
    }

    @Test
    void aProbeThatNeverReachesAuthGivesTheAttemptBack() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        server.expect("EHLO *").closeConnection();
        List<Boolean> reported = new ArrayList<>();
        AuthGate gate = new AuthGate() {
            @Override
            public boolean acquire(Endpoint endpoint, String address, dev.smtpdoctor.model.Deadline deadline) {
                return true;
            }

            @Override
            public void finished(Endpoint endpoint, boolean authAttempted) {
                reported.add(authAttempted);
            }
        };

        f.probe(new ProbeRequest(f.endpoint(Security.SSL), Optional.of(new Credentials(USER, CANARY.toCharArray())),
                Optional.empty(), false, NORMAL, gate));

        assertThat(reported).containsExactly(false);
        server.verifyInteractionCompleted();
    }

    // ---- when credentials must not be sent ----------------------------------------------------------------

    @Test
    void credentialsWithheldOnPlaintextWithoutConsent() throws Exception {
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        // Would it take a password unencrypted? AUTH without credentials, cancelled at the challenge.
        server.expect("AUTH PLAIN").output("334 ").expect("*").output("501 5.7.0 Authentication aborted");
        f.quit();

        ProbeResult r = f.withCredentials(Security.NONE, false, FROM);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(r.auth()).isEqualTo(AuthResult.of(AuthResult.Status.WITHHELD_PLAINTEXT));
        assertThat(r.authInClear()).hasValueSatisfying(x -> assertThat(x.code()).isEqualTo(334));
        assertThat(r.sender()).isEqualTo(new SenderResult(SenderResult.Status.SKIPPED, FROM, Optional.empty()));
        assertThat(server.receivedLines()).containsExactly(EHLO, "AUTH PLAIN", "*", "QUIT");
        assertThat(r.transcript()).anyMatch(e -> e.direction() == TranscriptEntry.Direction.INFO
                && e.text().equals("credentials withheld: the connection is not encrypted"));
        server.verifyInteractionCompleted();
    }

    @Test
    void credentialsSentOnPlaintextWithConsent() throws Exception {
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        server.expect("MAIL FROM:<you@example.test>").output("250 2.1.0 OK");
        server.expect("RCPT TO:<you@example.test>").output("250 2.1.5 OK");
        server.expect("RSET").output("250 2.0.0 OK");
        f.quit();

        ProbeResult r = f.withCredentials(Security.NONE, true, FROM);

        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        assertThat(server.authAttempts()).singleElement().satisfies(a -> assertThat(a.proves(PASSWORD)).isTrue());
        server.verifyInteractionCompleted();
    }

    @Test
    void credentialsWithheldFromASelfSignedCertificate() throws Exception {
        server.implicitTls(HeldCertificate.builder().commonName(HOST).addDnsName(HOST).build());
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, FROM);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(r.tls().orElseThrow().chainVerdict().status()).isEqualTo(ChainVerdict.Status.SELF_SIGNED);
        assertThat(r.auth()).isEqualTo(AuthResult.of(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE));
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.SKIPPED);
        assertThat(server.receivedLines()).containsExactly(EHLO, "QUIT");
        server.verifyInteractionCompleted();
    }

    @Test
    void credentialsWithheldFromACertificateForAnotherName() throws Exception {
        // Trusted chain, but it names the provider's server: the classic shared-hosting failure.
        HeldCertificate provider = HeldCertificate.builder().commonName("sv1234.xserver.test")
                .addDnsName("sv1234.xserver.test").signedBy(INTERMEDIATE).build();
        f.greeting();
        f.ehlo("STARTTLS");
        f.startTls(provider);
        f.ehlo("AUTH PLAIN LOGIN");
        f.quit();

        ProbeResult r = f.withCredentials(Security.TLS, false, Optional.empty());

        assertThat(r.tls().orElseThrow().chainVerdict().trusted()).isTrue();
        assertThat(r.tls().orElseThrow().nameVerdict().matches()).isFalse();
        assertThat(r.auth()).isEqualTo(AuthResult.of(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE));
        assertThat(server.receivedLines()).containsExactly(EHLO, "STARTTLS", EHLO, "QUIT");
        server.verifyInteractionCompleted();
    }

    // ---- refusals -----------------------------------------------------------------------------------------

    @Test
    void senderRejected() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        server.expect("MAIL FROM:<you@example.test>")
                .output("553 5.7.1 <you@example.test>: Sender address rejected: not owned by user");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, FROM);

        Reply rejection = Reply.of(553, "5.7.1 <you@example.test>: Sender address rejected: not owned by user");
        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.SenderRejected(rejection));
        assertThat(r.sender()).isEqualTo(new SenderResult(SenderResult.Status.REJECTED, FROM, Optional.of(rejection)));
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(server.receivedLines()).doesNotContain("RSET").last().isEqualTo("QUIT");
        server.verifyInteractionCompleted();
    }

    @Test
    void withPipeliningMailRcptRsetAndQuitGoAsOneGroup() throws Exception {
        // The script reads all four lines before it answers: a client waiting for MAIL's reply would stall here.
        f.greeting();
        f.ehlo("PIPELINING", "SIZE 1000");
        server.expect("MAIL FROM:<you@example.test>").expect("RCPT TO:<you@example.test>").expect("RSET")
                .expect("QUIT").output("250 2.1.0 OK", "250 2.1.5 OK", "250 2.0.0 OK", "221 2.0.0 Bye");

        ProbeResult r = f.probe(new ProbeRequest(f.endpoint(Security.NONE), Optional.empty(), FROM, false, ProbeFixture.FAST));

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        assertThat(steps(r)).endsWith(Step.MAIL_FROM, Step.RCPT_TO, Step.RSET, Step.QUIT);
        assertThat(r.steps()).allMatch(StepRecord::ok);
        server.verifyInteractionCompleted();
    }

    @Test
    void aPipelinedRefusalIsReportedAtItsCommandAndQuitGetsItsOwnReply() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING");
        server.expect("MAIL FROM:<you@example.test>").expect("RCPT TO:<you@example.test>").expect("RSET")
                .expect("QUIT").output("553 5.7.1 Sender address rejected: not owned by user",
                        "503 5.5.1 Error: need MAIL command", "250 2.0.0 OK", "221 2.0.0 Bye");

        ProbeResult r = f.probe(new ProbeRequest(f.endpoint(Security.NONE), Optional.empty(), FROM, false, ProbeFixture.FAST));

        Reply rejection = Reply.of(553, "5.7.1 Sender address rejected: not owned by user");
        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.SenderRejected(rejection));
        assertThat(r.sender()).isEqualTo(new SenderResult(SenderResult.Status.REJECTED, FROM, Optional.of(rejection)));
        assertThat(steps(r)).endsWith(Step.MAIL_FROM);
        assertThat(server.receivedLines()).endsWith("RSET", "QUIT").filteredOn("QUIT"::equals).hasSize(1);
        assertThat(r.transcript()).anyMatch(e -> e.direction() == TranscriptEntry.Direction.SERVER
                && e.text().startsWith("221"));
        server.verifyInteractionCompleted();
    }

    @Test
    void aPipelinedRecipientRefusalIsReportedAtRcpt() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING");
        server.expect("MAIL FROM:<you@example.test>").expect("RCPT TO:<you@example.test>").expect("RSET")
                .expect("QUIT").output("250 2.1.0 OK", "553 5.7.1 Sender address rejected: not owned by user",
                        "250 2.0.0 OK", "221 2.0.0 Bye");

        ProbeResult r = f.probe(new ProbeRequest(f.endpoint(Security.NONE), Optional.empty(), FROM, false, ProbeFixture.FAST));

        assertThat(r.outcome()).isInstanceOf(ProbeOutcome.SenderRejected.class);
        assertThat(steps(r)).endsWith(Step.MAIL_FROM, Step.RCPT_TO);
        assertThat(server.receivedLines()).endsWith("RSET", "QUIT").filteredOn("QUIT"::equals).hasSize(1);
        assertThat(r.transcript()).anyMatch(e -> e.direction() == TranscriptEntry.Direction.SERVER
                && e.text().startsWith("221"));
        server.verifyInteractionCompleted();
    }

    @Test
    void senderTestedWithoutCredentials() throws Exception {
        f.greeting();
        f.ehlo("SIZE 1000");
        server.expect("MAIL FROM:<you@example.test>").output("250 2.1.0 OK");
        server.expect("RCPT TO:<you@example.test>").output("250 2.1.5 OK");
        server.expect("RSET").output("250 2.0.0 OK");
        f.quit();

        ProbeResult r = f.probe(new ProbeRequest(f.endpoint(Security.NONE), Optional.empty(), FROM, false, NORMAL));

        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REQUESTED);
        server.verifyInteractionCompleted();
    }

    /** An exception of ours during a step is INTERNAL_ERROR with its step and class name, not a server's fault. */
    @Test
    void aBugOfOursIsAnInternalErrorNamingTheStepAndClassOnly() {
        // A resolver that answers a null address: List.copyOf throws inside the RESOLVE step, as a bug would.
        dev.smtpdoctor.dns.Resolver broken = (host, port) -> java.util.Arrays.asList((java.net.InetSocketAddress) null);
        Prober prober = new Prober(broken, new dev.smtpdoctor.tls.TlsHandshaker(
                dev.smtpdoctor.tls.TrustConfig.system(), java.time.Clock.systemUTC()), Limits.DEFAULT);

        ProbeResult r = prober.probe(ProbeRequest.anonymous(f.endpoint(Security.NONE), NORMAL), ProbeListener.NONE);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.InternalError(Step.RESOLVE, "NullPointerException"));
        assertThat(r.steps()).last().satisfies(s -> assertThat(s.ok()).isFalse());
    }

    @Test
    void startTlsNotOffered() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING", "AUTH PLAIN LOGIN");
        f.quit();

        ProbeResult r = f.withCredentials(Security.TLS, false, Optional.empty());

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.StartTlsNotOffered());
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REACHED);
        assertThat(server.receivedLines()).containsExactly(EHLO, "QUIT");
        server.verifyInteractionCompleted();
    }

    @Test
    void startTlsRejected() throws Exception {
        f.greeting();
        f.ehlo("STARTTLS");
        server.expect("STARTTLS").output("454 4.7.0 TLS not available due to local problem");
        f.quit();

        ProbeResult r = f.anonymous(Security.TLS, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.StartTlsRejected(
                Reply.of(454, "4.7.0 TLS not available due to local problem")));
        assertThat(r.tls()).isEmpty();
        server.verifyInteractionCompleted();
    }

    @Test
    void greetingRejected() throws Exception {
        server.output("554 5.7.1 Your IP is listed, go away");
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.GreetingRejected(
                Reply.of(554, "5.7.1 Your IP is listed, go away")));
        assertThat(r.greeting().orElseThrow().code()).isEqualTo(554);
        assertThat(server.receivedLines()).containsExactly("QUIT");
        server.verifyInteractionCompleted();
    }

    @Test
    void busyGreetingIsNotAnsweredWithQuit() throws Exception {
        server.output("421 4.3.2 Too many connections, try later");

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isInstanceOf(ProbeOutcome.GreetingRejected.class);
        server.verifyInteractionCompleted();
        assertThat(server.receivedLines()).isEmpty();
    }

    @Test
    void multiLineGreeting() throws Exception {
        server.output("220-" + HOST + " ESMTP", "220-Unsolicited mail is refused.");
        server.output("220 ready");
        f.ehlo();
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.completed()).isTrue();
        assertThat(r.greeting().orElseThrow().lines())
                .containsExactly(HOST + " ESMTP", "Unsolicited mail is refused.", "ready");
        server.verifyInteractionCompleted();
    }

    @Test
    void heloFallbackWhenEhloIsRefused() throws Exception {
        f.greeting();
        server.expect(EHLO).output("502 5.5.1 Command not implemented");
        server.expect("HELO [127.0.0.1]").output("250 " + HOST);
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.completed()).isTrue();
        assertThat(r.ehlo().orElseThrow().extended()).isFalse();
        assertThat(r.ehlo().orElseThrow().domain()).isEqualTo(HOST);
        assertThat(steps(r)).containsExactly(Step.RESOLVE, Step.CONNECT, Step.GREETING, Step.EHLO, Step.HELO,
                Step.QUIT);
        server.verifyInteractionCompleted();
    }

    @Test
    void heloFallbackCannotOfferStartTls() throws Exception {
        f.greeting();
        server.expect(EHLO).output("500 5.5.2 Syntax error, command unrecognized");
        server.expect("HELO [127.0.0.1]").output("250 " + HOST);
        f.quit();

        assertThat(f.anonymous(Security.TLS, NORMAL).outcome()).isEqualTo(new ProbeOutcome.StartTlsNotOffered());
        server.verifyInteractionCompleted();
    }

    @Test
    void ehloAndHeloBothRefused() throws Exception {
        f.greeting();
        server.expect(EHLO).output("502 5.5.1 no");
        server.expect("HELO [127.0.0.1]").output("550 5.7.1 no either");
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.CommandRejected(Step.HELO, Reply.of(550, "5.7.1 no either")));
        server.verifyInteractionCompleted();
    }

    @Test
    void ehloTemporaryFailureIsNotAnsweredWithHelo() throws Exception {
        f.greeting();
        server.expect(EHLO).output("451 4.3.0 try again later");
        f.quit();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.CommandRejected(Step.EHLO, Reply.of(451, "4.3.0 try again later")));
        server.verifyInteractionCompleted();
    }

    @Test
    void quitAnsweredByClosingStillCompletes() throws Exception {
        f.greeting();
        f.ehlo();
        server.expect("QUIT").closeConnection();

        ProbeResult r = f.anonymous(Security.NONE, NORMAL);

        assertThat(r.completed()).isTrue();
        assertThat(r.steps().get(r.steps().size() - 1)).satisfies(s -> {
            assertThat(s.step()).isEqualTo(Step.QUIT);
            assertThat(s.detail()).isEqualTo("closed");
        });
        server.verifyInteractionCompleted();
    }

    // ---- secrets never leak ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
    void canaryPasswordAppearsNowhereEvenWhenTheServerEchoesIt(String mechanism) throws Exception {
        String plainBlob = b64("\0" + USER + "\0" + CANARY);
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH " + mechanism);
        // A hostile or buggy server repeats what it got, decoded and encoded, over several lines.
        server.expectAuth(mechanism, a -> "535-5.7.8 Bad password " + CANARY + " for " + a.username()
                + "\r\n535-5.7.8 you sent " + b64(CANARY) + " and " + plainBlob
                + "\r\n535 5.7.8 raw: \0" + USER + "\0" + CANARY);
        f.quit();
        List<String> heard = new ArrayList<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void stepSucceeded(Endpoint e, Step s, long ms, String detail) {
                heard.add(detail);
            }

            @Override
            public void stepFailed(Endpoint e, Step s, long ms, String reason) {
                heard.add(reason);
            }

            @Override
            public void sent(Endpoint e, String line) {
                heard.add(line);
            }

            @Override
            public void received(Endpoint e, Reply reply) {
                heard.add(reply.toString());
            }

            @Override
            public void note(Endpoint e, String text) {
                heard.add(text);
            }
        };

        ProbeResult r = f.prober().probe(new ProbeRequest(f.endpoint(Security.SSL),
                Optional.of(new Credentials(USER, CANARY.toCharArray())), FROM, false, NORMAL), listener);

        assertThat(server.authAttempts()).singleElement().satisfies(a -> assertThat(a.proves(CANARY)).isTrue());
        assertThat(r.outcome()).isInstanceOf(ProbeOutcome.AuthRejected.class);
        List<String> everything = new ArrayList<>(heard);
        everything.add(r.toString());
        everything.add(String.valueOf(r.outcome()));
        everything.add(String.valueOf(r.auth()));
        r.transcript().forEach(e -> everything.add(e.text()));
        r.steps().forEach(s -> everything.add(s.detail()));
        for (String secret : List.of(CANARY, b64(CANARY), plainBlob)) {
            assertThat(everything).noneMatch(s -> s.contains(secret));
        }
        assertThat(r.auth().reply().orElseThrow().toWireText()).contains("[redacted]");
        assertThat(heard).isNotEmpty();
        server.verifyInteractionCompleted();
    }

    @Test
    void requestAndCredentialsNeverPrintThePassword() {
        Credentials c = new Credentials(USER, CANARY.toCharArray());
        ProbeRequest request = new ProbeRequest(new Endpoint(HOST, 465, Security.SSL), Optional.of(c), FROM, false,
                NORMAL);

        assertThat(c.toString()).doesNotContain(CANARY).contains(USER);
        assertThat(request.toString()).doesNotContain(CANARY);
    }

    // ---- listeners -----------------------------------------------------------------------------------------

    @Test
    void everyStepStartedEndsExactlyOnceAndAThrowingListenerIsIgnored() throws Exception {
        f.greeting();
        f.ehlo("STARTTLS");
        f.startTls(GOOD);
        f.ehlo("AUTH PLAIN");
        f.quit();
        List<String> events = new ArrayList<>();
        ProbeListener listener = new ProbeListener() {
            @Override
            public void stepStarted(Endpoint e, Step s) {
                events.add("start " + s);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void stepSucceeded(Endpoint e, Step s, long ms, String d) {
                events.add("end " + s);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void stepFailed(Endpoint e, Step s, long ms, String r) {
                events.add("end " + s);
            }

            @Override
            public void sent(Endpoint e, String line) {
                throw new IllegalStateException("listener bug");
            }
        };

        ProbeResult r = f.prober().probe(ProbeRequest.anonymous(f.endpoint(Security.TLS), NORMAL), listener);

        assertThat(r.completed()).isTrue();
        List<String> expected = new ArrayList<>();
        for (Step s : steps(r)) {
            expected.add("start " + s);
            expected.add("end " + s);
        }
        assertThat(events).isEqualTo(expected);
        server.verifyInteractionCompleted();
    }

    @Test
    void aTemporaryRcptFailureIsNoVerdictOnTheSender() throws Exception {
        server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        server.expect("MAIL FROM:<you@example.test>").output("250 2.1.0 OK");
        server.expect("RCPT TO:<you@example.test>").output("450 4.7.1 Greylisted, try again later");
        server.expect("RSET").output("250 2.0.0 OK");
        f.quit();

        ProbeResult r = f.withCredentials(Security.SSL, false, FROM);

        assertThat(r.outcome()).isInstanceOf(ProbeOutcome.Completed.class);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        server.verifyInteractionCompleted();
    }
}
