package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.diagnosis.Probes.certName;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static dev.smtpdoctor.diagnosis.Probes.connectTimeout;
import static dev.smtpdoctor.diagnosis.Probes.dnsFailed;
import static dev.smtpdoctor.diagnosis.Probes.guess;
import static dev.smtpdoctor.diagnosis.Probes.mismatch;
import static dev.smtpdoctor.diagnosis.Probes.nothingTyped;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.refused;
import static dev.smtpdoctor.diagnosis.Probes.typed;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation.Ask;
import dev.smtpdoctor.diagnosis.Recommendation.Choice;
import dev.smtpdoctor.diagnosis.Recommendation.Kind;
import dev.smtpdoctor.diagnosis.Recommendation.NextAction;
import dev.smtpdoctor.diagnosis.Recommendation.Risk;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.model.Security;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecommenderTest {

    static final String H = "mail.example.jp";
    static final String SV = "sv1234.xserver.jp";
    static final String GUESS = "smtp.example.jp";

    static Recommendation recommend(Probes.Obs obs) {
        return Diagnoser.assess(obs.build()).recommendation();
    }

    /** Ranking: which server, port and mode is chosen. */
    static Stream<Arguments> ranking() {
        var shared = mismatch(H, "*.xserver.jp");
        return Stream.of(
                Arguments.of("465 SSL before 587 TLS on the same server", typedSettings(H, 25, NONE)
                        .with(completedTls(H, 587), completedSsl(H), completedTls(H, 25)), H, 465, SSL, CandidateSource.TYPED),
                // Issue 10: settings that already work securely stay, even when 465 would rank higher.
                Arguments.of("the typed 587 TLS that works stays, though 465 works too", typedSettings(H, 587, TLS)
                        .with(completedTls(H, 587), completedSsl(H), completedTls(H, 25)), H, 587, TLS, CandidateSource.TYPED),
                Arguments.of("587 TLS when 465 is closed", typedSettings(H, 465, SSL)
                        .with(refused(H, 465, SSL), completedTls(H, 25), completedTls(H, 587)), H, 587, TLS, CandidateSource.TYPED),
                Arguments.of("STARTTLS on 25 when nothing else works", typedSettings(H, 587, TLS)
                        .with(refused(H, 465, SSL), refused(H, 587, TLS), completedTls(H, 25), probe(H, 25, NONE)
                                .ehlo("AUTH PLAIN").build()), H, 25, TLS, CandidateSource.TYPED),
                Arguments.of("the certificate's own name on the same server", typedSettings(H, 465, SSL)
                        .with(typed(probe(H, 465, SSL).tls(shared).build()), certName(completedSsl(SV), H)),
                        SV, 465, SSL, CandidateSource.CERTIFICATE_NAME),
                Arguments.of("the certificate name before a guess, even on 587 against 465", typedSettings(H, 465, SSL)
                        .with(typed(probe(H, 465, SSL).tls(shared).build()), guess(completedSsl(GUESS)),
                                certName(completedTls(SV, 587), H)), SV, 587, TLS, CandidateSource.CERTIFICATE_NAME),
                Arguments.of("a secure certificate name beats the typed server's STARTTLS on 25 when 25 was not "
                        + "what was typed: tier first, 25 is the lower tier", typedSettings(H, 465, SSL)
                        .with(typed(completedTls(H, 25)), certName(completedSsl(SV), H)), SV, 465, SSL,
                        CandidateSource.CERTIFICATE_NAME),
                // Issue 10: STARTTLS on 25 with a certificate Gmail accepts is secure; typed, it stays.
                Arguments.of("the typed STARTTLS on 25 that works stays", typedSettings(H, 25, TLS)
                        .with(typed(completedTls(H, 25)), certName(completedSsl(SV), H)), H, 25, TLS,
                        CandidateSource.TYPED),
                Arguments.of("a guess when nothing typed works", typedSettings(H, 465, SSL)
                        .with(typed(dnsFailed(H, 465, SSL)), guess(completedSsl(GUESS))), GUESS, 465, SSL,
                        CandidateSource.GUESS_SMTP),
                Arguments.of("the typed server before a guess that also works", typedSettings(H, 587, TLS)
                        .with(guess(completedSsl(GUESS)), typed(completedTls(H, 587))), H, 587, TLS, CandidateSource.TYPED),
                Arguments.of("nothing typed: the first guess that works", nothingTyped()
                        .with(dnsFailed(GUESS, 465, SSL), completedSsl("mail.example.jp")), "mail.example.jp", 465, SSL,
                        CandidateSource.GUESS_SMTP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ranking(String name, Probes.Obs obs, String server, int port, Security security, CandidateSource source) {
        Recommendation r = recommend(obs);
        assertThat(r.kind()).isEqualTo(Kind.SECURE);
        Choice c = r.choice().orElseThrow();
        assertThat(c.server()).isEqualTo(server);
        assertThat(c.port()).isEqualTo(port);
        assertThat(c.security()).isEqualTo(security);
        assertThat(c.source()).isEqualTo(source);
        assertThat(c.secure()).isTrue();
        assertThat(c.confirmWithProvider()).isEqualTo(source != CandidateSource.TYPED
                && source != CandidateSource.CERTIFICATE_NAME);
        assertThat(r.risks()).isEmpty();
    }

    @Test
    void verifiedLoginAndSenderAreReported() {
        Choice c = recommend(typedSettings(H, 465, SSL).password().username("you@example.jp")
                .with(probe(H, 465, SSL).authAccepted().senderAccepted().build())).choice().orElseThrow();
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(c.username()).isEqualTo("you@example.jp");
    }

    @Test
    void usernameDefaultsToTheAddress() {
        Choice c = recommend(typedSettings(H, 465, SSL).with(completedSsl(H))).choice().orElseThrow();
        assertThat(c.username()).isEqualTo(Probes.MAIL_ADDRESS);
        assertThat(c.loginVerified()).isFalse();
    }

    @Test
    void aDeferredLoginCountsWhenAnotherProbeOfTheSameHostWasAccepted() {
        Choice c = recommend(typedSettings(H, 25, NONE).password()
                .with(probe(H, 587, TLS).authAccepted().senderAccepted().build(), probe(H, 465, SSL).authDeferred().build()))
                .choice().orElseThrow();
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
    }

    @Test
    void aDeferredLoginCountsWhenAProbeOfTheSameAddressWasAccepted() {
        String alias = "www1234.xserver.jp";
        Choice c = recommend(typedSettings(H, 465, SSL).password().with(
                typed(probe(H, 465, SSL).tls(mismatch(H, "*.xserver.jp"))
                        .auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build()),
                certName(probe(SV, 465, SSL).authDeferred().build(), H),
                certName(probe(alias, 587, TLS).authAccepted().build(), H))).choice().orElseThrow();
        assertThat(c.server()).isEqualTo(SV);
        assertThat(c.loginVerified()).isTrue();
    }

    @Test
    void aDeferredLoginWithoutAnAcceptedAttemptIsNotEnoughWhenAPasswordWasGiven() {
        Recommendation r = recommend(typedSettings(H, 465, SSL).password()
                .with(probe(H, 465, SSL).authDeferred().build(), probe(H, 587, TLS).authAccepted().build()));
        assertThat(r.choice().orElseThrow().port()).isEqualTo(465);
        Recommendation alone = recommend(typedSettings(H, 465, SSL).password()
                .with(probe(H, 465, SSL).authDeferred().build()));
        assertThat(alone.kind()).isEqualTo(Kind.NOTHING_WORKS);
    }

    @Test
    void aRefusedPasswordIsNotAnsweredWithAnUntestedUnsecuredRoute() {
        // The demo's wrong-password case: 465 refused the login; 587 and 25 never tried it.
        Recommendation r = recommend(typedSettings(H, 465, SSL).password().with(
                probe(H, 465, SSL).authRejected(535, "5.7.8 Authentication credentials invalid").build(),
                probe(H, 587, TLS).authDeferred().build(),
                probe(H, 25, NONE).ehlo("AUTH PLAIN LOGIN").auth(AuthResult.Status.WITHHELD_PLAINTEXT).build()));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
    }

    @Test
    void aSenderRefusedAfterLoginIsNotAnsweredWithAnUntestedRoute() {
        Recommendation r = recommend(typedSettings(H, 465, SSL).password().with(
                probe(H, 465, SSL).authAccepted().senderRejected(553, "5.7.1 Sender address rejected: not owned by user").build(),
                probe(H, 587, TLS).authDeferred().build(),
                probe(H, 25, NONE).ehlo("AUTH PLAIN LOGIN").auth(AuthResult.Status.WITHHELD_PLAINTEXT).build()));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.SENDER_NOT_OWNED);
    }

    @Test
    void onlyUnsecuredWorks() {
        var shared = mismatch(H, "*.xserver.jp");
        Recommendation r = recommend(typedSettings(H, 465, SSL).password().with(
                probe(H, 465, SSL).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build(),
                probe(H, 587, TLS).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build(),
                probe(H, 25, NONE).ehlo("STARTTLS", "AUTH PLAIN LOGIN").auth(AuthResult.Status.WITHHELD_PLAINTEXT).build()));
        assertThat(r.kind()).isEqualTo(Kind.INSECURE_ONLY);
        Choice c = r.choice().orElseThrow();
        assertThat(c.secure()).isFalse();
        assertThat(c.port()).isEqualTo(25);
        assertThat(c.security()).isEqualTo(NONE);
        assertThat(c.loginVerified()).isFalse();
        assertThat(r.risks()).containsExactly(Risk.values());
        assertThat(r.askProvider()).containsExactly(Ask.CERTIFICATE_FOR_HOST);
    }

    @Test
    void unsecuredWithoutAuthBeforeTlsDoesNotWork() {
        Recommendation r = recommend(typedSettings(H, 25, NONE).with(
                probe(H, 465, SSL).tls(mismatch(H, "other.example")).build(), probe(H, 25, NONE).build()));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.TLS_NAME_MISMATCH);
        assertThat(r.nextAction()).contains(NextAction.ASK_PROVIDER);
        assertThat(r.askProvider()).containsExactly(Ask.CERTIFICATE_FOR_HOST);
    }

    @Test
    void port587UnsecuredIsNeverRecommended() {
        Recommendation r = recommend(typedSettings(H, 587, NONE).with(probe(H, 587, NONE).ehlo("AUTH PLAIN").build()));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
    }

    @Test
    void portsGmailCannotChooseAreNotRecommended() {
        Recommendation r = recommend(typedSettings(H, 2525, TLS).with(completedTls(H, 2525)));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
    }

    @Test
    void aRefusedPasswordIsNotHiddenByAGuessThatNeverReceivedIt() {
        Recommendation r = recommend(typedSettings(H, 465, SSL).password().with(
                typed(probe(H, 465, SSL).authRejected(535, "5.7.8 Authentication credentials invalid").build()),
                guess(completedSsl(GUESS))));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(r.nextAction()).contains(NextAction.CHECK_CREDENTIALS);
        assertThat(r.likelyCause().orElseThrow().args()).containsEntry("reply", "535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void aRefusedSenderIsTheCause() {
        Recommendation r = recommend(typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL).authAccepted()
                .senderRejected(553, "5.7.1 Sender address rejected: not owned by user").build()));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.SENDER_NOT_OWNED);
        assertThat(r.nextAction()).contains(NextAction.CHECK_SENDER);
    }

    @Test
    void aMailFromRefusalWithoutLoginDoesNotDisqualify() {
        Recommendation r = recommend(typedSettings(H, 587, TLS).with(probe(H, 587, TLS)
                .senderRejected(530, "5.7.0 Authentication required").build()));
        assertThat(r.kind()).isEqualTo(Kind.SECURE);
    }

    @Test
    void aNameThatDoesNotExist() {
        Recommendation r = recommend(typedSettings(H, 465, SSL).with(dnsFailed(H, 465, SSL), dnsFailed(H, 587, TLS)));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.choice()).isEmpty();
        assertThat(r.likelyCauseCode()).contains(FindingCode.DNS_NO_SUCH_HOST);
        assertThat(r.nextAction()).contains(NextAction.CHECK_SERVER_NAME);
    }

    @Test
    void everythingSilent() {
        Recommendation r = recommend(typedSettings(H, 587, TLS).with(connectTimeout(H, 587, TLS), connectTimeout(H, 465, SSL)));
        assertThat(r.likelyCauseCode()).contains(FindingCode.CONNECT_TIMEOUT);
        assertThat(r.nextAction()).contains(NextAction.CHECK_NETWORK);
    }

    @Test
    void badInputWithoutProbes() {
        Finding lint = Finding.of(FindingCode.INPUT_INVALID_HOST, Severity.ERROR, Field.SERVER,
                Map.of("value", "smtp//example"));
        Recommendation r = recommend(typedSettings("smtp//example", 465, SSL).lint(lint));
        assertThat(r.kind()).isEqualTo(Kind.NOTHING_WORKS);
        assertThat(r.likelyCause()).contains(lint);
        assertThat(r.nextAction()).contains(NextAction.FIX_INPUT);
    }
}
