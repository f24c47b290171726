package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import org.junit.jupiter.api.Test;

/**
 * Port 25 "Unsecured connection" probes withhold the password (no TLS, no consent), so whether the route
 * works depends on what the same server said when another probe did log in: a password or sender refused
 * there is refused here too, and the unsecured route must not be recommended for it.
 */
class UnsecuredRouteTest {

    private static final String H = "mail.example.jp";

    private static ProbeResult unsecured25() {
        return probe(H, 25, Security.NONE).ehlo("SIZE 10240000", "AUTH PLAIN LOGIN")
                .auth(AuthResult.Status.WITHHELD_PLAINTEXT).build();
    }

    private static GmailVerdict verdict(Assessment a, int port, Security security) {
        return a.gmail().stream().filter(v -> v.port() == port && v.security() == security).findFirst().orElseThrow();
    }

    @Test
    void passwordRefusedOnTheSameServerIsRefusedOnPort25Too() {
        Observations o = typedSettings(H, 465, Security.SSL).password().with(
                probe(H, 465, Security.SSL).authRejected(535, "5.7.8 Error: authentication failed").build(),
                probe(H, 587, Security.TLS).authDeferred().build(),
                unsecured25()).build();

        Assessment a = Diagnoser.assess(o);

        assertThat(a.recommendation().kind()).isEqualTo(Recommendation.Kind.NOTHING_WORKS);
        assertThat(a.recommendation().likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(a.recommendation().nextAction()).contains(Recommendation.NextAction.CHECK_CREDENTIALS);
        GmailVerdict unsecured = verdict(a, 25, Security.NONE);
        assertThat(unsecured.status()).isEqualTo(GmailVerdict.Status.FAILS);
        assertThat(unsecured.cause()).contains(FindingCode.AUTH_FAILED);
        assertThat(unsecured.serverReply()).hasValueSatisfying(r -> assertThat(r).contains("535"));
    }

    @Test
    void senderRefusedOnTheSameServerIsRefusedOnPort25Too() {
        Observations o = typedSettings(H, 465, Security.SSL).password().with(
                probe(H, 465, Security.SSL).authAccepted()
                        .senderRejected(553, "5.7.1 <you@example.jp>: Sender address rejected: not owned by user").build(),
                probe(H, 587, Security.TLS).authDeferred().build(),
                unsecured25()).build();

        Assessment a = Diagnoser.assess(o);

        assertThat(a.recommendation().kind()).isEqualTo(Recommendation.Kind.NOTHING_WORKS);
        assertThat(a.recommendation().likelyCauseCode()).contains(FindingCode.SENDER_NOT_OWNED);
        GmailVerdict unsecured = verdict(a, 25, Security.NONE);
        assertThat(unsecured.status()).isEqualTo(GmailVerdict.Status.FAILS);
        assertThat(unsecured.cause()).contains(FindingCode.SENDER_NOT_OWNED);
    }

    @Test
    void withoutAnyRefusalTheUnsecuredRouteStillWorksAsTheLastResort() {
        // The certificate fails, so the password was never sent anywhere: nothing contradicts port 25.
        Observations o = typedSettings(H, 465, Security.SSL).password().with(
                probe(H, 465, Security.SSL).tls(Probes.cert(H, dev.smtpdoctor.tls.ChainVerdict.Status.SELF_SIGNED,
                        true, 90, H)).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build(),
                unsecured25()).build();

        Assessment a = Diagnoser.assess(o);

        assertThat(a.recommendation().kind()).isEqualTo(Recommendation.Kind.INSECURE_ONLY);
        assertThat(a.recommendation().choice().orElseThrow().port()).isEqualTo(25);
        assertThat(verdict(a, 25, Security.NONE).status()).isEqualTo(GmailVerdict.Status.WORKS);
    }

    @Test
    void aRefusalThatOnlyDemandsTlsSaysNothingAboutThePassword() {
        // 538: "encryption required" — the unsecured route would get the same, but that is AUTH_REQUIRES_TLS's
        // business, not a wrong password; the login stays untested rather than failed.
        Observations o = typedSettings(H, 465, Security.SSL).password().with(
                probe(H, 465, Security.SSL).authRejected(538, "5.7.11 Encryption required").build(),
                unsecured25()).build();

        assertThat(Usability.refusedOnSameServer(o, o.probes().get(1))).isFalse();
    }
}
