package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.INTERMEDIATE;
import static dev.smtpdoctor.hostile.HostileFixture.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The credential promises that a whole check must keep, proven by counting at the servers (issue 5,
 * item 4; docs/security.md): one AUTH attempt per server per run however many ports and
 * names lead to it; never AUTH on an unencrypted connection without consent; the password only to the
 * server the user named or one provably the same machine. The CLI-level canary ({@code PasswordCanaryTest})
 * and the count on real Postfix ({@code PostfixAuthIT}) prove the same promises at their levels.
 */
class MatrixCredentialSafetyTest {

    /** Names the typed host and the provider's own name, as shared hosting does; both trusted. */
    private static final HeldCertificate TWO_NAMES = HeldCertificate.builder().commonName(HOST).addDnsName(HOST)
            .addDnsName("sv1234.hosting.test").signedBy(INTERMEDIATE).build();

    @ParameterizedTest(name = "AUTH answered {0}")
    @ValueSource(strings = {"235 2.7.0 Authentication successful", "535 5.7.8 Authentication credentials invalid"})
    void exactlyOneAuthAttemptPerServerAcrossTheWholeMatrix(String authReply) throws Exception {
        List<ConcurrentSmtpServer.AuthLine> auth = new ArrayList<>();
        Diagnosis d;
        try (ConcurrentSmtpServer p465 = server(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, authReply);
             ConcurrentSmtpServer p587 = server(ConcurrentSmtpServer.Behaviour.STARTTLS, authReply);
             ConcurrentSmtpServer p25 = server(ConcurrentSmtpServer.Behaviour.STARTTLS, authReply)) {
            // Every port verified and offering AUTH, under two names of one machine: ten cells that could log in.
            LoopbackNetwork net = new LoopbackNetwork();
            for (String name : List.of(HOST, "sv1234.hosting.test")) {
                net.route(name, 465, p465).route(name, 587, p587).route(name, 25, p25);
            }

            d = net.check(32, NORMAL, false, true);

            for (ConcurrentSmtpServer s : List.of(p465, p587, p25)) {
                auth.addAll(s.authLines());
            }
        }

        assertThat(d.probes()).as("the certificate's other name joined the matrix")
                .anyMatch(p -> p.candidate().source() == CandidateSource.CERTIFICATE_NAME);
        assertThat(auth).as("AUTH commands received by all servers of the check").hasSize(1)
                .allSatisfy(a -> assertThat(a.overTls()).isTrue());
        assertThat(d.probes()).filteredOn(p -> p.result().auth().attempted()).hasSize(1);
        assertThat(d.probes()).filteredOn(p -> p.result().auth().status() == AuthResult.Status.DEFERRED)
                .isNotEmpty();
        if (authReply.startsWith("235")) {
            assertThat(d.recommendation().orElseThrow().choice().orElseThrow().loginVerified()).isTrue();
        } else {
            assertThat(d.findings()).anyMatch(f -> f.code() == FindingCode.AUTH_FAILED);
        }
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    /**
     * The AUTH command line is the attempt: a server that refuses the mechanism before any credential (535 or 504
     * to {@code AUTH LOGIN} or {@code AUTH CRAM-MD5}) or sends a CRAM-MD5 challenge that is not base64 has counted
     * one AUTH already, so no other port may try again. 465, 587 and 25 all verified and offering only that
     * mechanism, each refusing the same way.
     */
    @ParameterizedTest(name = "{0} answered {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "LOGIN|535 5.7.8 Authentication failed",
            "LOGIN|504 5.5.4 Unrecognized authentication type",
            "CRAM-MD5|504 5.5.4 Unrecognized authentication type",
            "CRAM-MD5|535 5.7.8 Authentication failed",
            "CRAM-MD5|334 this is not base64!"})
    void anAuthCommandRefusedBeforeAnyCredentialIsTheOneAttempt(String mechanism, String answer) throws Exception {
        ConcurrentSmtpServer.Answers refuseTheCommand = new ConcurrentSmtpServer.Answers() {
            @Override
            public String auth(String m, String username, String password) {
                return "235 2.7.0 Authentication successful";
            }

            @Override
            public String command(String m) {
                return answer;
            }
        };
        List<ConcurrentSmtpServer.AuthLine> auth = new ArrayList<>();
        try (ConcurrentSmtpServer p465 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS,
                     NORMAL_CERTIFICATE, mechanism, refuseTheCommand);
             ConcurrentSmtpServer p587 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.STARTTLS,
                     NORMAL_CERTIFICATE, mechanism, refuseTheCommand);
             ConcurrentSmtpServer p25 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.STARTTLS,
                     NORMAL_CERTIFICATE, mechanism, refuseTheCommand)) {
            Diagnosis d = new LoopbackNetwork().route(HOST, 465, p465).route(HOST, 587, p587).route(HOST, 25, p25)
                    .check(32, NORMAL, false, true);
            for (ConcurrentSmtpServer s : List.of(p465, p587, p25)) {
                auth.addAll(s.authLines());
                assertThat(s.credentials()).as("credentials received").isEmpty();
            }
            HostileServerCatalogTest.assertSafeToShow(d);
        }

        assertThat(auth).as("AUTH commands received by all servers of the check").hasSize(1);
    }

    /**
     * A machine that got the password (587) presents it in a certificate on 465: CN as typed, SAN lower-cased.
     * The probe of 465 does not send the password but masks it, so nothing of it, ignoring case, reaches the
     * check's text or JSON report.
     */
    @Test
    void aCertificateNamingThePasswordIsMaskedInTheCheckReports() throws Exception {
        String canary = HostileFixture.PASSWORD;
        HeldCertificate leaking = HeldCertificate.builder().commonName(canary)
                .addDnsName(canary.toLowerCase(java.util.Locale.ROOT) + ".leak.test").addDnsName(HOST)
                .signedBy(INTERMEDIATE).build();
        Diagnosis d;
        try (ConcurrentSmtpServer p465 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS,
                     leaking, "PLAIN", ConcurrentSmtpServer.Answers.always("535 5.7.8 no"));
             ConcurrentSmtpServer p587 = server(ConcurrentSmtpServer.Behaviour.STARTTLS,
                     "235 2.7.0 Authentication successful")) {
            d = new LoopbackNetwork().route(HOST, 465, p465).route(HOST, 587, p587).check(32, NORMAL, false, true);
        }

        assertThat(d.probes()).anyMatch(p -> p.result().tls().flatMap(t -> t.leaf())
                .filter(l -> l.dnsNames().contains("[redacted].leak.test")).isPresent());
        List<String> outputs = new ArrayList<>();
        for (java.util.Locale l : List.of(java.util.Locale.ENGLISH, java.util.Locale.JAPANESE)) {
            outputs.add(new dev.smtpdoctor.report.CheckTextReport(dev.smtpdoctor.report.Messages.forLocale(l))
                    .render(d, dev.smtpdoctor.report.CheckTextReport.Detail.VERBOSE));
        }
        outputs.add(dev.smtpdoctor.report.CheckJson.document(d, "check", "test").toString());
        assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContainIgnoringCase(canary));
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    @Test
    void noAuthOnAnUnencryptedConnectionWithoutConsent() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> auth;
        List<ConcurrentSmtpServer.AuthLine> cancelled;
        List<ConcurrentSmtpServer.Received> credentials;
        try (ConcurrentSmtpServer plain = server(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                "235 2.7.0 Authentication successful")) {
            // No TLS anywhere, and AUTH PLAIN LOGIN announced in the clear on every port.
            d = new LoopbackNetwork().route(HOST, plain).check(32, NORMAL, false, true);
            auth = plain.authLines();
            cancelled = plain.cancelledAuthLines();
            credentials = plain.credentials();
        }

        assertThat(auth).as("AUTH commands that began a login").isEmpty();
        assertThat(credentials).as("credentials received").isEmpty();
        // Whether it would take a password unencrypted: one credential-free AUTH, cancelled, for the one server.
        assertThat(cancelled).as("cancelled credential-free AUTH").hasSize(1)
                .allSatisfy(a -> assertThat(a.line()).isEqualTo("AUTH PLAIN"));
        assertThat(d.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.AUTH_PLAINTEXT_OFFERED);
            assertThat(f.args()).containsEntry("hint", "confirmed");
        });
        assertThat(d.probes()).filteredOn(p -> p.result().auth().status() == AuthResult.Status.WITHHELD_PLAINTEXT)
                .isNotEmpty();
        assertThat(d.recommendation().orElseThrow().kind()).isEqualTo(Recommendation.Kind.INSECURE_ONLY);
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    @Test
    void withConsentThePlaintextLoginIsStillOneAttempt() throws Exception {
        List<ConcurrentSmtpServer.AuthLine> auth;
        try (ConcurrentSmtpServer plain = server(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                "535 5.7.8 Authentication credentials invalid")) {
            new LoopbackNetwork().route(HOST, plain).check(32, NORMAL, true, true);
            auth = plain.authLines();
        }

        // The control for the test above: consent is what lets the password out, and then only once.
        assertThat(auth).hasSize(1).allSatisfy(a -> assertThat(a.overTls()).isFalse());
    }

    @Test
    void aGuessedServerWithAValidCertificateDoesNotTakeTheLoginTestFromTheTypedServer() throws Exception {
        // Issue 10: a guess under the address's own domain may now receive the password when its certificate
        // verifies for its name (OWN_DOMAIN_VERIFIED); the one attempt still goes to the server the user typed.
        HeldCertificate guessedName = HeldCertificate.builder().commonName("smtp.example.test")
                .addDnsName("smtp.example.test").signedBy(INTERMEDIATE).build();
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> typedAuth;
        List<ConcurrentSmtpServer.AuthLine> guessedAuth;
        // Another machine (127.0.0.2), so the one-attempt-per-address gate cannot be what stops it.
        try (ConcurrentSmtpServer typed = server(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS,
                "535 5.7.8 Authentication credentials invalid");
             ConcurrentSmtpServer guessed = new ConcurrentSmtpServer(InetAddress.getByName("127.0.0.2"),
                     ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, guessedName, "235 2.7.0 Authentication successful",
                     Duration.ZERO)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, 465, typed).route("smtp.example.test", 465, guessed);

            d = net.check(32, NORMAL, false, true);
            typedAuth = typed.authLines();
            guessedAuth = guessed.authLines();
        }

        assertThat(typedAuth).hasSize(1);
        assertThat(guessedAuth).as("AUTH commands at the server the user did not name").isEmpty();
        assertThat(d.probes()).filteredOn(p -> p.candidate().source() == CandidateSource.GUESS_SMTP)
                .isNotEmpty().allSatisfy(p -> assertThat(p.result().auth().attempted()).isFalse());
    }

    /** Names only the typed host: one machine, three ports. */
    private static final HeldCertificate NORMAL_CERTIFICATE = HostileFixture.GOOD;

    private static ConcurrentSmtpServer server(ConcurrentSmtpServer.Behaviour behaviour, String authReply) {
        return new ConcurrentSmtpServer(behaviour, TWO_NAMES, authReply, Duration.ZERO);
    }
}
