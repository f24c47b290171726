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
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The certificate checks against a real Postfix: what Gmail accepts (a chain to a trusted root and
 * the typed name) and the three classic refusals, probed the way Gmail would (credentials and the
 * user's own address). Trusted roots: the test CA only.
 */
@ExtendWith(PostfixExtension.class)
class PostfixCertificateIT {

    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

    private final PostfixServer postfix;
    private final Prober prober;

    PostfixCertificateIT(PostfixServer postfix) {
        this.postfix = postfix;
        this.prober = postfix.prober();
    }

    private ProbeRequest gmailLike(Endpoint endpoint) {
        return new ProbeRequest(endpoint, Optional.of(postfix.credentials()), Optional.of(PostfixServer.USER),
                false, TIMEOUTS);
    }

    @Test
    void implicitTlsWithCertificateFromTrustedCaCompletes() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = logged("465 ssl, valid certificate",
                prober.probe(gmailLike(postfix.endpoint(Listener.SUBMISSIONS_465, Security.SSL)), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        assertVerified(r);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.auth().reply().orElseThrow().code()).isEqualTo(235);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
        assertThat(r.greeting().orElseThrow().firstLine()).startsWith(PostfixServer.HOST);

        SmtpdSession log = postfix.awaitSmtpdSession(Listener.SUBMISSIONS_465, mark);
        assertThat(log.commandCounters()).containsEntry("auth", "1").containsEntry("mail", "1")
                .containsEntry("rset", "1").containsEntry("quit", "1").doesNotContainKey("starttls");
    }

    @Test
    void starttlsWithCertificateFromTrustedCaCompletes() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = logged("587 tls, valid certificate",
                prober.probe(gmailLike(postfix.endpoint(Listener.SUBMISSION_587, Security.TLS)), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        assertVerified(r);
        // smtpd_tls_auth_only: AUTH is announced only inside TLS.
        assertThat(r.ehlo().orElseThrow().startTls()).isTrue();
        assertThat(r.ehlo().orElseThrow().authAdvertised()).isFalse();
        assertThat(r.ehloTls().orElseThrow().authAdvertised()).isTrue();
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);

        SmtpdSession log = postfix.awaitSmtpdSession(Listener.SUBMISSION_587, mark);
        assertThat(log.commandCounters()).containsEntry("starttls", "1").containsEntry("ehlo", "2")
                .containsEntry("auth", "1").containsEntry("mail", "1");
    }

    @Test
    void certificateForTheProvidersNameOnlyWithholdsCredentials() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = logged("587 tls, certificate names sv1234.hosting.test only",
                prober.probe(gmailLike(postfix.endpoint(Listener.NAME_MISMATCH, Security.TLS)), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        TlsObservation tls = r.tls().orElseThrow();
        assertThat(tls.chainVerdict().status()).isEqualTo(ChainVerdict.Status.TRUSTED);
        assertThat(tls.nameVerdict().matches()).isFalse();
        assertThat(tls.nameVerdict().host()).isEqualTo(PostfixServer.HOST);
        assertThat(tls.nameVerdict().presentedNames()).containsExactly(PostfixServer.PROVIDER_HOST);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.SKIPPED);

        SmtpdSession log = postfix.awaitSmtpdSession(Listener.NAME_MISMATCH, mark);
        assertThat(log.attempts("auth")).as(log.disconnectLine()).isZero();
    }

    @Test
    void dialingTheNameOnTheCertificateFixesTheMismatch() {
        // The product's usual secure fix: the provider's own name, which resolves to the same address.
        ProbeResult r = logged("587 tls, provider's name dialled",
                prober.probe(gmailLike(postfix.endpoint(PostfixServer.PROVIDER_HOST, Listener.NAME_MISMATCH,
                        Security.TLS)), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        assertThat(r.tls().orElseThrow().verified()).isTrue();
        assertThat(r.tls().orElseThrow().sni()).contains(PostfixServer.PROVIDER_HOST);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.ACCEPTED);
    }

    @Test
    void selfSignedCertificateWithholdsCredentials() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = logged("587 tls, self-signed certificate",
                prober.probe(gmailLike(postfix.endpoint(Listener.SELF_SIGNED, Security.TLS)), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        TlsObservation tls = r.tls().orElseThrow();
        assertThat(tls.chainVerdict().status()).isEqualTo(ChainVerdict.Status.SELF_SIGNED);
        assertThat(tls.nameVerdict().matches()).isTrue();
        assertThat(tls.chain()).hasSize(1);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);

        assertThat(postfix.awaitSmtpdSession(Listener.SELF_SIGNED, mark).attempts("auth")).isZero();
    }

    @Test
    void expiredCertificateWithholdsCredentials() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = logged("587 tls, expired certificate",
                prober.probe(gmailLike(postfix.endpoint(Listener.EXPIRED, Security.TLS)), ProbeListener.NONE));

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        TlsObservation tls = r.tls().orElseThrow();
        assertThat(tls.chainVerdict().status()).isEqualTo(ChainVerdict.Status.EXPIRED);
        assertThat(tls.nameVerdict().matches()).isTrue();
        assertThat(tls.daysLeft()).isBetween(-11L, -9L);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);

        assertThat(postfix.awaitSmtpdSession(Listener.EXPIRED, mark).attempts("auth")).isZero();
    }

    private static void assertVerified(ProbeResult r) {
        TlsObservation tls = r.tls().orElseThrow();
        assertThat(tls.chainVerdict().status()).as(describe(r)).isEqualTo(ChainVerdict.Status.TRUSTED);
        assertThat(tls.nameVerdict().matches()).isTrue();
        assertThat(tls.nameVerdict().matchedName()).contains(PostfixServer.HOST);
        assertThat(tls.sni()).contains(PostfixServer.HOST);
        assertThat(tls.protocol()).isIn("TLSv1.2", "TLSv1.3");
    }
}
