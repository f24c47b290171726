package dev.smtpdoctor;

import static dev.smtpdoctor.MtaCheck.finding;
import static dev.smtpdoctor.MtaCheck.gmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.KnownMessage;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.testing.exim.EximExtension;
import dev.smtpdoctor.testing.exim.EximServer;
import dev.smtpdoctor.testing.SharedHostingMta.Listener;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code check} end to end against a real Exim 4 (exim4-daemon-heavy, GnuTLS, its own authenticators): the
 * shared-hosting server whose certificate names only the provider's host, on "465" (implicit TLS), "587"
 * (STARTTLS, AUTH only after it) and "25" (AUTH announced in clear text, answered 538 5.7.11). Exim's main log
 * is the witness: {@code acl_smtp_auth} writes one line per AUTH command.
 */
@ExtendWith(EximExtension.class)
class EximCheckIT {

    private static MtaCheck.Network network;

    private final EximServer exim;

    EximCheckIT(EximServer exim) {
        this.exim = exim;
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
        MtaCheck.Logged r = check(fields().password(exim.credentials().password()), false, Set.of(EximServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.status()).as(r.run().summary()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(r.run().summary()).isEqualTo(EximServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.secure()).isTrue();
        assertThat(c.source()).isEqualTo(CandidateSource.CERTIFICATE_NAME);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(c.confirmWithProvider()).isFalse();
        assertThat(finding(d, FindingCode.TLS_NAME_MISMATCH).args())
                .containsEntry("host", EximServer.HOST).containsEntry("names", EximServer.PROVIDER_HOST);
        assertThat(gmail(d, 587, Security.TLS).message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);
        assertThat(gmail(d, 465, Security.SSL).message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);

        // Exim's log: one AUTH command in the whole check, on 465, and no failed authentication.
        assertThat(EximServer.loginAuthCommands(r.lines())).as(r.describe()).hasSize(1);
        assertThat(EximServer.loginAuthCommands(r.lines()).get(0)).contains("on port " + exim.port(Listener.SSL_465));
        assertThat(r.lines()).noneMatch(l -> l.contains("authenticator failed"));
    }

    @Test
    void anUnconfirmedCertificateNameIsRecommendedButNeverGetsThePassword() {
        MtaCheck.Logged r = check(fields().password(exim.credentials().password()), false, Set.of());
        Diagnosis d = r.run().d();

        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(r.run().summary()).isEqualTo(EximServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.secure()).isTrue();
        assertThat(c.confirmWithProvider()).isTrue();
        assertThat(c.loginVerified()).isFalse();
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        assertThat(finding(d, FindingCode.TLS_NAME_MISMATCH).args()).containsEntry("host", EximServer.HOST);
        assertThat(EximServer.loginAuthCommands(r.lines())).as(r.describe()).isEmpty();
    }

    // ---- b. wrong password ---------------------------------------------------------------------------

    @Test
    void wrongPasswordIsTriedOnceForTheWholeCheck() {
        MtaCheck.Logged r = check(fields().password(exim.wrongPassword().password()), false, Set.of(EximServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.status()).as(r.run().summary()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation rec = d.recommendation().orElseThrow();
        assertThat(rec.choice()).as(r.run().summary()).isEmpty();
        assertThat(rec.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(finding(d, FindingCode.AUTH_FAILED).args()).containsEntry("username", EximServer.USER)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("535"));
        assertThat(d.probes()).filteredOn(p -> p.result().auth().attempted()).hasSize(1);

        // Exim's log: one AUTH command, and its authenticator logged one failure.
        assertThat(EximServer.loginAuthCommands(r.lines())).as(r.describe()).hasSize(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("authenticator failed")).hasSize(1);
    }

    // ---- c. 538 Encryption required in clear text ----------------------------------------------------

    @Test
    void encryptionRequiredOnAnUnencryptedAuthIsRecordedAndTheRecommendationStaysSecure() {
        // Plaintext AUTH allowed, the provider's name not confirmed: no TLS route may take the one attempt,
        // so it goes to "25" in clear text, where Exim answers 538 5.7.11.
        MtaCheck.Logged r = check(fields().password(exim.credentials().password()), true, Set.of());
        Diagnosis d = r.run().d();

        assertThat(finding(d, FindingCode.AUTH_REQUIRES_TLS).args())
                .containsEntry("host", EximServer.HOST).containsEntry("port", "25")
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("538 5.7.11"));
        assertThat(d.findings()).extracting(f -> f.code()).doesNotContain(FindingCode.AUTH_FAILED);
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(r.run().summary()).isEqualTo(EximServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.secure()).isTrue();
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();

        // Exim's log: the one AUTH command of the check was the refused one on "25".
        assertThat(EximServer.loginAuthCommands(r.lines())).as(r.describe()).hasSize(1);
        assertThat(EximServer.loginAuthCommands(r.lines()).get(0)).contains("on port " + exim.port(Listener.PLAIN_25));
        // Exim refused two AUTH commands with 538: the one login attempt, and the credential-free AUTH that asks
        // whether a password would be taken in clear (its own connection, no initial response, cancelled).
        assertThat(r.lines()).filteredOn(l -> l.contains("rejected AUTH") && l.contains("538 5.7.11")).hasSize(2);
    }

    // ---- the harness ---------------------------------------------------------------------------------

    private MtaCheck.Logged check(RawFields.Builder fields, boolean allowPlaintextAuth, Set<String> confirmed) {
        return network.check("exim-check-it", exim, fields.build(), allowPlaintextAuth, confirmed);
    }

    /** The dialog: the user's address, username, typed server on 587 STARTTLS (what the hosting docs say). */
    private static RawFields.Builder fields() {
        return RawFields.builder().address(EximServer.USER).username(EximServer.USER)
                .server(EximServer.HOST).port("587").security("tls");
    }
}
