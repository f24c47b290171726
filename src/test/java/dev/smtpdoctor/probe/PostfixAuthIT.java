package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Security;
import static dev.smtpdoctor.testing.postfix.ProbeReport.describe;
import static dev.smtpdoctor.testing.postfix.ProbeReport.logged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.smtp.EnhancedStatus;
import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.postfix.PostfixExtension;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import dev.smtpdoctor.testing.postfix.SmtpdSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credentials and sender ownership against Postfix with Dovecot SASL, on the implicit-TLS listener
 * ("465") with a valid certificate. The Postfix log is the witness that the probe made exactly one
 * AUTH attempt (docs/security.md).
 */
@ExtendWith(PostfixExtension.class)
class PostfixAuthIT {

    private final PostfixServer postfix;
    private final Prober prober;

    PostfixAuthIT(PostfixServer postfix) {
        this.postfix = postfix;
        this.prober = postfix.prober();
    }

    private ProbeResult probe(String scenario, Listener listener, Credentials credentials,
                              String mailFrom) {
        ProbeRequest request = new ProbeRequest(postfix.endpoint(listener, listener.implicitTls() ? Security.SSL
                : Security.TLS), Optional.of(credentials), Optional.of(mailFrom), false, PostfixCertificateIT.TIMEOUTS);
        return logged(scenario, prober.probe(request, ProbeListener.NONE));
    }

    @Test
    void correctPasswordIsAcceptedOnce() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = probe("465 ssl, correct password", Listener.SUBMISSIONS_465, postfix.credentials(),
                PostfixServer.USER);

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.Completed.class);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.auth().mechanism()).contains("PLAIN");

        SmtpdSession log = postfix.awaitSmtpdSession(Listener.SUBMISSIONS_465, mark);
        assertThat(log.commandCounters()).containsEntry("auth", "1");
        assertThat(log.count("authentication failed")).isZero();
    }

    @Test
    void wrongPasswordIsRejectedAfterExactlyOneAttempt() {
        MailLog.Mark mark = postfix.mark();
        MailLog.Mark dovecotMark = postfix.dovecotLog().mark();
        ProbeResult r = probe("465 ssl, wrong password", Listener.SUBMISSIONS_465, postfix.wrongPassword(),
                PostfixServer.USER);

        assertThat(r.outcome()).as(describe(r)).isInstanceOfSatisfying(ProbeOutcome.AuthRejected.class, a -> {
            assertThat(a.mechanism()).isEqualTo("PLAIN");
            assertThat(a.reply().code()).isEqualTo(535);
            assertThat(a.reply().enhanced()).contains(new EnhancedStatus(5, 7, 8));
        });
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.REJECTED);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.NOT_TESTED);
        assertThat(r.transcript()).noneMatch(e -> e.text().contains("-wrong"));

        // The Postfix log: one connection (awaitSmtpdSession checks), one AUTH command, and it failed.
        SmtpdSession log = postfix.awaitSmtpdSession(Listener.SUBMISSIONS_465, mark);
        assertThat(log.count("SASL PLAIN authentication failed")).as(log.toString()).isEqualTo(1);
        assertThat(log.attempts("auth")).as(log.disconnectLine()).isEqualTo(1);
        assertThat(log.commandCounters()).containsEntry("auth", "0/1");
        // And Dovecot checked one password.
        List<String> dovecot = postfix.dovecotLog().await(dovecotMark, ls -> !ls.isEmpty(),
                Duration.ofSeconds(5), "Dovecot auth failure line");
        assertThat(dovecot).filteredOn(l -> l.contains("assword mismatch")).hasSize(1);
    }

    @Test
    void senderTheAccountDoesNotOwnIsRejectedAtMailFrom() {
        MailLog.Mark mark = postfix.mark();
        ProbeResult r = probe("465 ssl, sender not owned", Listener.SUBMISSIONS_465, postfix.credentials(),
                PostfixServer.FOREIGN_ADDRESS);

        assertThat(r.auth().status()).as(describe(r)).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.SenderRejected.class, s -> {
            assertThat(s.reply().code()).isEqualTo(553);
            assertThat(s.reply().enhanced()).contains(new EnhancedStatus(5, 7, 1));
            assertThat(s.reply().firstLine()).contains("not owned by user " + PostfixServer.USER);
        });
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.REJECTED);
        assertThat(r.sender().address()).contains(PostfixServer.FOREIGN_ADDRESS);

        SmtpdSession log = postfix.awaitSmtpdSession(Listener.SUBMISSIONS_465, mark);
        assertThat(log.count("Sender address rejected: not owned by user")).isEqualTo(1);
        assertThat(log.commandCounters()).containsEntry("mail", "0/1");
    }

    @Test
    void senderMismatchIsCaughtAtRcptToWithPostfixDefaultDelayReject() {
        // With Postfix's default smtpd_delay_reject = yes the sender restriction is applied at RCPT TO,
        // so MAIL FROM gets 250; the probe's RCPT TO to the address itself gets the 553.
        ProbeResult r = probe("587 tls, sender not owned, smtpd_delay_reject=yes", Listener.SUBMISSION_DELAYED_REJECT,
                postfix.credentials(), PostfixServer.FOREIGN_ADDRESS);

        assertThat(r.outcome()).as(describe(r)).isInstanceOf(ProbeOutcome.SenderRejected.class);
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.sender().status()).isEqualTo(SenderResult.Status.REJECTED);
        assertThat(r.sender().reply().orElseThrow().code()).isEqualTo(553);
        assertThat(r.steps()).anySatisfy(s -> assertThat(s.step()).isEqualTo(Step.RCPT_TO));
    }
}
