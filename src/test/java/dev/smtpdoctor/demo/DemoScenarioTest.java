package dev.smtpdoctor.demo;

import dev.smtpdoctor.model.DnsFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.EnhancedStatus;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each scenario, probed with the product's own Prober: the observation the scenario exists to show. */
class DemoScenarioTest {

    private static final String MAIL = "mail.example-shop.test";
    private static final String PROVIDER = "sv1234.demo-hosting.test";

    @TempDir
    Path tmp;

    @Test
    void sharedHostingCertificateNamesOnlyTheProvidersServer() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            ProbeResult typed = probes.anonymous(MAIL, 465, Security.SSL);

            assertThat(typed.outcome()).isInstanceOf(ProbeOutcome.Completed.class);
            TlsObservation tls = typed.tls().orElseThrow();
            assertThat(tls.chainVerdict().status()).isEqualTo(ChainVerdict.Status.TRUSTED);
            assertThat(tls.nameVerdict().matches()).isFalse();
            assertThat(tls.nameVerdict().presentedNames()).containsExactly(PROVIDER);
            assertThat(typed.greeting().orElseThrow().firstLine()).startsWith(PROVIDER);
        }
    }

    @Test
    void sharedHostingWithholdsThePasswordFromTheTypedNameOn587() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            assertThat(demo.typed()).isEqualTo(new TypedSettings(MAIL, 587, Security.TLS, "taro@example-shop.test"));

            ProbeResult typed = new DemoProbes(demo, tmp).withCredentials(MAIL, 587, Security.TLS);

            assertThat(typed.outcome()).isInstanceOf(ProbeOutcome.Completed.class);
            assertThat(typed.ehlo().orElseThrow().startTls()).isTrue();
            assertThat(typed.tls().orElseThrow().nameVerdict().matches()).isFalse();
            assertThat(typed.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);
        }
    }

    @Test
    void sharedHostingProvidersNameIsVerifiedAndTakesTheDemoPassword() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            ProbeResult ssl = probes.withCredentials(PROVIDER, 465, Security.SSL);
            ProbeResult tls = probes.withCredentials(PROVIDER, 587, Security.TLS);

            for (ProbeResult r : List.of(ssl, tls)) {
                assertThat(r.outcome()).isInstanceOf(ProbeOutcome.Completed.class);
                assertThat(r.tls().orElseThrow().verified()).isTrue();
                assertThat(r.tls().orElseThrow().nameVerdict().matchedName()).contains(PROVIDER);
                assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
                assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
            }
            // Same machine under both names: the certificate's name resolves to the typed host's address.
            assertThat(demo.resolver().resolve(PROVIDER, 465)).isEqualTo(demo.resolver().resolve(MAIL, 465));
        }
    }

    @Test
    void sharedHosting587HidesAuthUntilStartTls() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            ProbeResult r = new DemoProbes(demo, tmp).anonymous(PROVIDER, 587, Security.TLS);

            Capabilities before = r.ehlo().orElseThrow();
            Capabilities after = r.ehloTls().orElseThrow();
            assertThat(before.startTls()).isTrue();
            assertThat(before.authAdvertised()).isFalse();
            assertThat(after.authMechanisms()).contains("PLAIN", "LOGIN");
        }
    }

    @Test
    void sharedHostingPort25TakesThePasswordInPlaintextOnlyWhenAllowed() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            ProbeResult withheld = probes.withPassword(MAIL, 25, Security.NONE, demo.passwordToUse(), false);
            ProbeResult allowed = probes.withPassword(MAIL, 25, Security.NONE, demo.passwordToUse(), true);
            ProbeResult startTls = probes.anonymous(MAIL, 25, Security.TLS);

            assertThat(withheld.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_PLAINTEXT);
            assertThat(allowed.tls()).isEmpty();
            assertThat(allowed.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
            assertThat(allowed.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
            assertThat(startTls.tls().orElseThrow().nameVerdict().presentedNames()).containsExactly(PROVIDER);
        }
    }

    @Test
    void sharedHostingGuessedNamesDoNotExist() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            for (String guess : List.of("smtp.example-shop.test", "example-shop.test")) {
                ProbeResult r = probes.anonymous(guess, 587, Security.TLS);
                assertThat(r.outcome()).isEqualTo(new ProbeOutcome.DnsFailed(guess, DnsFailure.NO_SUCH_HOST));
            }
        }
    }

    @Test
    void selfSigned() throws Exception {
        try (RunningDemo demo = DemoScenario.SELF_SIGNED.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            ProbeResult r = probes.withCredentials(MAIL, 587, Security.TLS);

            TlsObservation tls = r.tls().orElseThrow();
            assertThat(tls.chainVerdict().status()).isEqualTo(ChainVerdict.Status.SELF_SIGNED);
            assertThat(tls.nameVerdict().matches()).isTrue();
            assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);
            assertThat(probes.anonymous(MAIL, 465, Security.SSL).tls().orElseThrow().chainVerdict().status())
                    .isEqualTo(ChainVerdict.Status.SELF_SIGNED);
        }
    }

    @Test
    void expired() throws Exception {
        try (RunningDemo demo = DemoScenario.EXPIRED.start()) {
            ProbeResult r = new DemoProbes(demo, tmp).withCredentials(MAIL, 465, Security.SSL);

            TlsObservation tls = r.tls().orElseThrow();
            assertThat(tls.chainVerdict().status()).isEqualTo(ChainVerdict.Status.EXPIRED);
            assertThat(tls.nameVerdict().matches()).isTrue();
            assertThat(tls.daysLeft()).isBetween(-13L, -11L);
            assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);
        }
    }

    @Test
    void noStartTls() throws Exception {
        try (RunningDemo demo = DemoScenario.NO_STARTTLS.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            ProbeResult typed = probes.withCredentials(MAIL, 587, Security.TLS);
            ProbeResult ssl = probes.anonymous(MAIL, 465, Security.SSL);
            ProbeResult plain = probes.withPassword(MAIL, 587, Security.NONE, demo.passwordToUse(), true);

            assertThat(typed.outcome()).isInstanceOf(ProbeOutcome.StartTlsNotOffered.class);
            assertThat(typed.ehlo().orElseThrow().authAdvertised()).isTrue();
            assertThat(ssl.outcome()).isEqualTo(new ProbeOutcome.Refused("127.0.0.1"));
            assertThat(plain.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        }
    }

    @Test
    void wrongPassword() throws Exception {
        try (RunningDemo demo = DemoScenario.WRONG_PASSWORD.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);
            assertThat(demo.passwordToUse()).isNotEqualTo(demo.demoPassword());

            ProbeResult typed = probes.withCredentials(MAIL, 465, Security.SSL);
            ProbeResult right = probes.withPassword(MAIL, 465, Security.SSL, demo.demoPassword(), false);

            assertThat(typed.tls().orElseThrow().verified()).isTrue();
            assertThat(typed.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthRejected.class,
                    a -> assertThat(a.reply().code()).isEqualTo(535));
            assertThat(typed.auth().status()).isEqualTo(AuthResult.Status.REJECTED);
            assertThat(right.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        }
    }

    @Test
    void senderNotOwned() throws Exception {
        try (RunningDemo demo = DemoScenario.SENDER_NOT_OWNED.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);
            assertThat(demo.typed().username()).isEqualTo("info@example-shop.test");

            ProbeResult typed = probes.withCredentials(MAIL, 465, Security.SSL);
            ProbeResult ownLogin = probes.withLogin(MAIL, 465, Security.SSL, demo.address(), demo.demoPassword(), false);

            assertThat(typed.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
            assertThat(typed.outcome()).isInstanceOfSatisfying(ProbeOutcome.SenderRejected.class, s -> {
                assertThat(s.reply().code()).isEqualTo(553);
                assertThat(s.reply().enhanced()).contains(new EnhancedStatus(5, 7, 1));
                assertThat(s.reply().firstLine()).contains("Sender address rejected: not owned by user");
            });
            assertThat(ownLogin.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        }
    }

    @Test
    void greetingDelay() throws Exception {
        Duration delay = Duration.ofMillis(400);
        try (RunningDemo demo = DemoScenario.GREETING_DELAY.start(DemoOptions.withGreetingDelay(delay))) {
            DemoProbes probes = new DemoProbes(demo, tmp);
            assertThat(demo.greetingDelay()).isEqualTo(delay);

            ProbeResult typed = probes.withCredentials(MAIL, 587, Security.TLS);
            ProbeResult ssl = probes.anonymous(MAIL, 465, Security.SSL);

            for (ProbeResult r : List.of(typed, ssl)) {
                assertThat(r.outcome()).isInstanceOf(ProbeOutcome.Completed.class);
                assertThat(r.greetingMillis()).isGreaterThanOrEqualTo(delay.toMillis());
                assertThat(r.greeting().orElseThrow().lines()).hasSize(2);
            }
            assertThat(typed.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        }
    }

    @Test
    void onlyUnsecured() throws Exception {
        try (RunningDemo demo = DemoScenario.ONLY_UNSECURED.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);

            ProbeResult ssl = probes.anonymous(MAIL, 465, Security.SSL);
            ProbeResult submission = probes.withCredentials(MAIL, 587, Security.TLS);
            ProbeResult startTls25 = probes.anonymous(MAIL, 25, Security.TLS);
            ProbeResult plain = probes.withPassword(MAIL, 25, Security.NONE, demo.passwordToUse(), true);

            assertThat(ssl.outcome()).isInstanceOf(ProbeOutcome.Refused.class);
            assertThat(submission.outcome()).isInstanceOf(ProbeOutcome.Refused.class);
            assertThat(startTls25.outcome()).isInstanceOf(ProbeOutcome.StartTlsNotOffered.class);
            assertThat(plain.outcome()).isInstanceOf(ProbeOutcome.Completed.class);
            assertThat(plain.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
            assertThat(plain.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        }
    }
}
