package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import static dev.smtpdoctor.testing.postfix.ProbeReport.describe;
import static dev.smtpdoctor.testing.postfix.ProbeReport.logged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.postfix.PostfixExtension;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import dev.smtpdoctor.testing.postfix.SmtpdSession;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gmail's three security choices against ports that do not match them, and port 25 without STARTTLS,
 * on a real Postfix.
 */
@ExtendWith(PostfixExtension.class)
class PostfixModeIT {

    private final PostfixServer postfix;
    private final Prober prober;

    PostfixModeIT(PostfixServer postfix) {
        this.postfix = postfix;
        this.prober = postfix.prober();
    }

    private ProbeRequest gmailLike(Endpoint endpoint, Timeouts timeouts) {
        return new ProbeRequest(endpoint, Optional.of(postfix.credentials()), Optional.of(PostfixServer.USER),
                false, timeouts);
    }

    @Test
    void tlsOnPortWithoutStartTlsEndsAtEhlo() {
        ProbeResult r = logged("25 tls, no STARTTLS offered",
                prober.probe(gmailLike(postfix.endpoint(Listener.PLAIN_25, Security.TLS),
                        PostfixCertificateIT.TIMEOUTS), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.StartTlsNotOffered.class);
        assertThat(r.ehlo().orElseThrow().startTls()).isFalse();
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REACHED);
        assertThat(r.tls()).isEmpty();
    }

    @Test
    void unsecuredOnPort25CompletesButWithholdsCredentials() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = logged("25 none, AUTH offered in clear",
                prober.probe(gmailLike(postfix.endpoint(Listener.PLAIN_25, Security.NONE),
                        PostfixCertificateIT.TIMEOUTS), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        assertThat(r.ehlo().orElseThrow().authAdvertised()).isTrue();
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_PLAINTEXT);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.SKIPPED);
        assertThat(r.tls()).isEmpty();

        // Would it take a password unencrypted? AUTH PLAIN without credentials, cancelled at Postfix's 334.
        assertThat(r.authInClear()).hasValueSatisfying(x -> assertThat(x.code()).isEqualTo(334));
        SmtpdSession log = postfix.awaitSmtpdSession(Listener.PLAIN_25, mark);
        assertThat(log.commandCounters()).as(log.disconnectLine()).containsEntry("auth", "0/1");
        assertThat(log.count("authentication failed")).as("no credential was tried").isZero();
    }

    @Test
    void unsecuredOnPort25WithConsentLogsIn() {
        // Gmail's "last resort": it works, and the password crossed the wire in clear (base64 only).
        ProbeRequest request = new ProbeRequest(postfix.endpoint(Listener.PLAIN_25, Security.NONE),
                Optional.of(postfix.credentials()), Optional.of(PostfixServer.USER), true, PostfixCertificateIT.TIMEOUTS);
        ProbeResult r = logged("25 none, plaintext AUTH allowed", prober.probe(request, ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
    }

    @Test
    void sslOnStartTlsPortFailsOnPlaintextGreeting() {
        ProbeResult r = logged("587 ssl (STARTTLS port)",
                prober.probe(gmailLike(postfix.endpoint(Listener.SUBMISSION_587, Security.SSL),
                        PostfixCertificateIT.TIMEOUTS), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOfSatisfying(ProbeOutcome.TlsFailed.class, f -> {
            assertThat(f.step()).isEqualTo(Step.TLS_HANDSHAKE);
            assertThat(f.plaintextReply()).as(f.reason()).isTrue();
        });
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REACHED);
        assertThat(r.totalMillis()).isLessThan(5_000);
    }

    @Test
    void tlsOnImplicitTlsPortTimesOutWaitingForGreeting() {
        // smtpd in wrapper mode waits (smtpd_starttls_timeout, 300 s) for a ClientHello; the probe waits
        // for a greeting. Neither speaks: the probe's step timeout ends it.
        Timeouts shortTimeouts = new Timeouts(Duration.ofMillis(1500), Duration.ofSeconds(6));
        ProbeResult r = logged("465 tls (implicit TLS port)",
                prober.probe(gmailLike(postfix.endpoint(Listener.SUBMISSIONS_465, Security.TLS), shortTimeouts),
                        ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isEqualTo(new ProbeOutcome.TimedOut(Step.GREETING));
        assertThat(r.greeting()).isEmpty();
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.NOT_REACHED);
        assertThat(r.totalMillis()).isBetween(1_400L, 5_000L);
    }
}
