package dev.smtpdoctor;

import static dev.smtpdoctor.MtaCheck.finding;
import static dev.smtpdoctor.MtaCheck.gmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.KnownMessage;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdExtension;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdServer;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code check} end to end against a real OpenSMTPD 6.8: the shared-hosting server whose certificate names
 * only the provider's host, on "465" ({@code smtps}), "587" ({@code tls-require}) and "25" (no TLS, no AUTH);
 * logins against SHA-512 crypt hashes, and {@code senders <table>}, which answers a sender the account does
 * not own with {@code 530 Sender rejected}. smtpd's own log is the witness for the AUTH commands.
 */
@ExtendWith(OpenSmtpdExtension.class)
class OpenSmtpdCheckIT {

    private static MtaCheck.Network network;

    private final OpenSmtpdServer smtpd;

    OpenSmtpdCheckIT(OpenSmtpdServer smtpd) {
        this.smtpd = smtpd;
    }

    @BeforeAll
    static void start() throws IOException {
        network = MtaCheck.Network.local();
    }

    @AfterAll
    static void stop() throws IOException {
        if (network != null) {
            network.close();
        }
    }

    // ---- a. the shared-hosting classic --------------------------------------------------------------

    @Test
    void nameMismatchIsFixedByTheNameOnTheCertificate() {
        MtaCheck.Logged r = check(fields(OpenSmtpdServer.USER).password(smtpd.credentials().password()),
                Set.of(OpenSmtpdServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.status()).as(r.run().summary()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(r.run().summary()).isEqualTo(OpenSmtpdServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.secure()).isTrue();
        assertThat(c.source()).isEqualTo(CandidateSource.CERTIFICATE_NAME);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(c.confirmWithProvider()).isFalse();
        assertThat(finding(d, FindingCode.TLS_NAME_MISMATCH).args())
                .containsEntry("host", OpenSmtpdServer.HOST).containsEntry("names", OpenSmtpdServer.PROVIDER_HOST);
        assertThat(gmail(d, 587, Security.TLS).message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);
        assertThat(gmail(d, 465, Security.SSL).message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);

        // smtpd's log: one AUTH command in the whole check, and it succeeded.
        assertThat(OpenSmtpdServer.authCommands(r.lines())).as(r.describe()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("smtp authentication user=" + OpenSmtpdServer.USER
                + " result=ok")).hasSize(1);
    }

    @Test
    void anUnconfirmedCertificateNameIsRecommendedButNeverGetsThePassword() {
        MtaCheck.Logged r = check(fields(OpenSmtpdServer.USER).password(smtpd.credentials().password()), Set.of());
        Diagnosis d = r.run().d();

        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(r.run().summary()).isEqualTo(OpenSmtpdServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.confirmWithProvider()).isTrue();
        assertThat(c.loginVerified()).isFalse();
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        assertThat(finding(d, FindingCode.TLS_NAME_MISMATCH).args()).containsEntry("host", OpenSmtpdServer.HOST);
        assertThat(OpenSmtpdServer.authCommands(r.lines())).as(r.describe()).isZero();
    }

    // ---- b. wrong password ---------------------------------------------------------------------------

    @Test
    void wrongPasswordIsTriedOnceForTheWholeCheck() {
        MtaCheck.Logged r = check(fields(OpenSmtpdServer.USER).password(smtpd.wrongPassword().password()),
                Set.of(OpenSmtpdServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.status()).as(r.run().summary()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation rec = d.recommendation().orElseThrow();
        assertThat(rec.choice()).as(r.run().summary()).isEmpty();
        assertThat(rec.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(finding(d, FindingCode.AUTH_FAILED).args()).containsEntry("username", OpenSmtpdServer.USER)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("535"));
        assertThat(d.probes()).filteredOn(p -> p.result().auth().attempted()).hasSize(1);

        assertThat(OpenSmtpdServer.authCommands(r.lines())).as(r.describe()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("result=permfail")).hasSize(1);
    }

    // ---- d. 530 Sender rejected after a successful login ---------------------------------------------

    /**
     * What the product should report (issue 10: "a 5xx reply to MAIL FROM or RCPT TO that names the sender is
     * SENDER_NOT_OWNED — OpenSMTPD answers {@code 530 Sender rejected} with no enhanced code").
     */
    @Test
    void senderTheAccountDoesNotOwnIsReported() {
        MtaCheck.Logged r = check(fields(OpenSmtpdServer.FOREIGN_ADDRESS).password(smtpd.credentials().password()),
                Set.of(OpenSmtpdServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.status()).as(r.run().summary()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation rec = d.recommendation().orElseThrow();
        assertThat(rec.choice()).as(r.run().summary()).isEmpty();
        assertThat(rec.likelyCauseCode()).contains(FindingCode.SENDER_NOT_OWNED);
        assertThat(rec.nextAction()).contains(Recommendation.NextAction.CHECK_SENDER);
        assertThat(finding(d, FindingCode.SENDER_NOT_OWNED).args())
                .containsEntry("address", OpenSmtpdServer.FOREIGN_ADDRESS)
                .containsEntry("username", OpenSmtpdServer.USER)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("530 Sender rejected"));
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.AUTH_FAILED);

        assertThat(OpenSmtpdServer.authCommands(r.lines())).as(r.describe()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("result=ok")).hasSize(1);
    }

    /**
     * The server's half of the case above, which holds today and after the fix: one successful login in the
     * whole check, and OpenSMTPD's 530 to the foreign sender recorded by the probe that logged in.
     */
    @Test
    void senderRejectedAfterTheOneSuccessfulLogin() {
        MtaCheck.Logged r = check(fields(OpenSmtpdServer.FOREIGN_ADDRESS).password(smtpd.credentials().password()),
                Set.of(OpenSmtpdServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.probes()).as(r.run().summary())
                .filteredOn(p -> p.result().outcome() instanceof ProbeOutcome.SenderRejected s
                        && s.reply().code() == 530 && p.result().auth().attempted())
                .singleElement().satisfies(p -> {
                    assertThat(p.result().endpoint().host()).isEqualTo(OpenSmtpdServer.PROVIDER_HOST);
                    assertThat(p.result().endpoint().port()).isEqualTo(465);
                });
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.AUTH_FAILED);
        assertThat(d.status().exitCode()).isEqualTo(2);
        assertThat(OpenSmtpdServer.authCommands(r.lines())).as(r.describe()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("result=ok")).hasSize(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("result=\"530 Sender rejected\"")).hasSize(1);
    }

    // ---- the harness ---------------------------------------------------------------------------------

    private MtaCheck.Logged check(RawFields.Builder fields, Set<String> confirmed) {
        return network.check("opensmtpd-check-it", smtpd, fields.build(), false, confirmed);
    }

    /** The dialog: the address to send as, the account's username, typed server on 587 STARTTLS. */
    private static RawFields.Builder fields(String address) {
        return RawFields.builder().address(address).username(OpenSmtpdServer.USER)
                .server(OpenSmtpdServer.HOST).port("587").security("tls");
    }
}
