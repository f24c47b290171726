package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.ADDRESS;
import static dev.smtpdoctor.hostile.HostileFixture.GOOD;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.INTERMEDIATE;
import static dev.smtpdoctor.hostile.HostileFixture.NORMAL;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static dev.smtpdoctor.hostile.HostileFixture.TRUST;
import static dev.smtpdoctor.hostile.HostileFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.diagnosis.Recommendation.PasswordUntested.Why;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, whole checks against fake servers with real TLS: only the address typed is a first-class path (a
 * guess under the address's own domain whose certificate verifies for its name gets the one login test; shared
 * hosting ends with the provider's name to confirm, never port 25 unsecured), and typed settings that work stay.
 * {@value HostileFixture#HOST} is both the typed host of the other tests and the {@code mail.} guess here.
 */
class AddressOnlyAndTypedTest {

    private static final String PROVIDER = "sv1.hosting.test";
    /** Shared hosting: a valid chain that names only the provider's server. */
    private static final HeldCertificate PROVIDERS = HeldCertificate.builder().commonName(PROVIDER)
            .addDnsName(PROVIDER).signedBy(INTERMEDIATE).build();
    private static final String OK = "235 2.7.0 Authentication successful";

    private static Diagnosis check(LoopbackNetwork net, RawFields.Builder fields) {
        return check(net, fields, false);
    }

    private static Diagnosis check(LoopbackNetwork net, RawFields.Builder fields, boolean allowPlaintextAuth) {
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(net).trust(TRUST).maxSockets(32).build();
        return doctor.diagnose(new CheckRequest(fields.password(PASSWORD.toCharArray()).build(), allowPlaintextAuth,
                NORMAL, List.of(), Set.of()), ProbeListener.NONE);
    }

    @Test
    void addressOnly_aGuessNeverGetsThePasswordInPlaintextEvenWithConsent() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> auth;
        try (ConcurrentSmtpServer plain = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH, GOOD,
                OK, Duration.ZERO)) {
            d = check(new LoopbackNetwork().route(HOST, 25, plain), addressOnly(), true);
            auth = plain.authLines();
        }

        assertThat(auth).as("--allow-plaintext-auth is for the server the user typed, not a guess").isEmpty();
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.INSECURE_ONLY);
        assertThat(r.passwordUntested()).hasValueSatisfying(u -> assertThat(u.why()).isEqualTo(Why.PLAINTEXT_ONLY));
    }

    private static RawFields.Builder addressOnly() {
        return RawFields.builder().address(ADDRESS);
    }

    private static List<String> firstLines(Diagnosis d, Locale locale, int n) {
        String text = new CheckTextReport(Messages.forLocale(locale)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.DETAILS);
        return text.lines().filter(l -> !l.isBlank()).limit(n).toList();
    }

    @Test
    void addressOnly_aGuessWithAValidCertificateForItsNameGetsTheOneLoginTest() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> auth;
        try (ConcurrentSmtpServer server = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, GOOD,
                OK, Duration.ZERO)) {
            d = check(new LoopbackNetwork().route(HOST, 465, server), addressOnly());
            auth = server.authLines();
        }

        assertThat(auth).hasSize(1).allSatisfy(a -> assertThat(a.overTls()).isTrue());
        assertThat(d.probes()).filteredOn(p -> p.candidate().source() == CandidateSource.GUESS_MAIL)
                .isNotEmpty().allSatisfy(p -> assertThat(p.credentialsAllowed()).isTrue());
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.SECURE);
        Recommendation.Choice c = r.choice().orElseThrow();
        assertThat(c.server()).isEqualTo(HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.loginVerified()).isTrue();
        assertThat(r.passwordUntested()).isEmpty();
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
    }

    @Test
    void addressOnly_sharedHostingRecommendsTheProvidersNameToConfirmAndSaysThePasswordWasNotTested() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> tlsAuth;
        List<ConcurrentSmtpServer.AuthLine> plainAuth;
        try (ConcurrentSmtpServer tls = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, PROVIDERS,
                OK, Duration.ZERO);
             ConcurrentSmtpServer plain = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                     PROVIDERS, OK, Duration.ZERO)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, 465, tls).route(HOST, 25, plain)
                    .route(PROVIDER, 465, tls);
            d = check(net, addressOnly());
            tlsAuth = tls.authLines();
            plainAuth = plain.authLines();
        }

        assertThat(tlsAuth).as("the provider's name is confirmed by nobody: no password on DNS alone").isEmpty();
        assertThat(plainAuth).as("never in plaintext").isEmpty();
        Recommendation r = d.recommendation().orElseThrow();
        Recommendation.Choice c = r.choice().orElseThrow();
        assertThat(c.server()).isEqualTo(PROVIDER);
        assertThat(c.security()).isNotEqualTo(Security.NONE);
        assertThat(c.confirmWithProvider()).isTrue();
        assertThat(r.passwordUntested()).hasValueSatisfying(u -> {
            assertThat(u.why()).isEqualTo(Why.CERTIFICATE_NAME_UNCONFIRMED);
            assertThat(u.host()).contains(PROVIDER);
        });
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(String.join("\n", firstLines(d, Locale.ENGLISH, 5))))
                .contains("Your password was NOT tested").contains("--trust-certificate-name " + PROVIDER);
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(String.join("\n", firstLines(d, Locale.JAPANESE, 5))))
                .contains("ログインは試していません").contains("--trust-certificate-name " + PROVIDER);
        var json = dev.smtpdoctor.report.CheckJson.document(d, "check", "test").get("recommendation");
        assertThat(json.get("passwordUntested").get("reason").asText()).isEqualTo("CERTIFICATE_NAME_UNCONFIRMED");
        assertThat(json.get("passwordUntested").get("host").asText()).isEqualTo(PROVIDER);
        assertThat(json.get("typed").isNull()).as("nothing but the address was typed").isTrue();
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    @Test
    void addressOnly_aWrongPasswordOnAVerifiedGuessIsAuthFailed() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> auth;
        try (ConcurrentSmtpServer server = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, GOOD,
                "535 5.7.8 Authentication credentials invalid", Duration.ZERO);
             ConcurrentSmtpServer plain = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                     GOOD, OK, Duration.ZERO)) {
            d = check(new LoopbackNetwork().route(HOST, 465, server).route(HOST, 25, plain), addressOnly());
            auth = server.authLines();
        }

        assertThat(auth).hasSize(1);
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(d.status().exitCode()).isEqualTo(2);
    }

    @Test
    void typed587WithTlsThatWorksIsKeptAndGetsTheLoginTest() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> auth587;
        List<ConcurrentSmtpServer.AuthLine> auth465;
        try (ConcurrentSmtpServer starttls = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.STARTTLS, GOOD,
                OK, Duration.ZERO);
             ConcurrentSmtpServer implicit = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, GOOD,
                     OK, Duration.ZERO)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, 587, starttls).route(HOST, 465, implicit);
            d = check(net, RawFields.builder().address(ADDRESS).server(HOST).port("587").security("tls").username(USER));
            auth587 = starttls.authLines();
            auth465 = implicit.authLines();
        }

        assertThat(auth587).as("the one login test goes to the typed combination").hasSize(1);
        assertThat(auth465).isEmpty();
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.typed()).contains(Recommendation.Typed.KEEP);
        Recommendation.Choice c = r.choice().orElseThrow();
        assertThat(c.port()).isEqualTo(587);
        assertThat(c.security()).isEqualTo(Security.TLS);
        assertThat(c.loginVerified()).isTrue();
        assertThat(firstLines(d, Locale.ENGLISH, 2).get(1)).startsWith("Your settings are right");
        assertThat(firstLines(d, Locale.JAPANESE, 2).get(1)).startsWith("入力した設定で問題ありません");
        assertThat(dev.smtpdoctor.report.CheckJson.document(d, "check", "test").get("recommendation").get("typed")
                .asText()).isEqualTo("KEEP");
    }
}
