package dev.smtpdoctor.diagnosis;

import static dev.smtpdoctor.diagnosis.Probes.certName;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static dev.smtpdoctor.diagnosis.Probes.mismatch;
import static dev.smtpdoctor.diagnosis.Probes.nothingTyped;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.refused;
import static dev.smtpdoctor.diagnosis.Probes.typed;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.diagnosis.Probes.unconfirmedCertName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation.Kind;
import dev.smtpdoctor.diagnosis.Recommendation.PasswordUntested.Why;
import dev.smtpdoctor.diagnosis.Recommendation.Typed;
import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeResult;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: settings that already work stay; never an unsecured route while a secure one was seen on the same
 * server; a password that could not be tested anywhere is said so, with why and how to allow the test.
 */
class TypedAndSecureFirstTest {

    private static final String H = "mail.example.jp";
    private static final String SV = "sv1234.hosting.test";

    private static ProbeResult unsecured25(String host) {
        return probe(host, 25, Security.NONE).ehlo("SIZE 10240000", "AUTH PLAIN LOGIN")
                .auth(AuthResult.Status.WITHHELD_PLAINTEXT).build();
    }

    private static CandidateProbe mailGuess(ProbeResult r) {
        return new CandidateProbe(Candidate.of(r.endpoint().host(), CandidateSource.GUESS_MAIL), r, true, true);
    }

    @Test
    void theTypedSecureCombinationThatWorksIsKeptEvenWhen465Works() {
        Recommendation r = Diagnoser.assess(typedSettings(H, 587, Security.TLS).password().with(
                probe(H, 465, Security.SSL).authDeferred().build(),
                probe(H, 587, Security.TLS).authAccepted().senderAccepted().build()).build()).recommendation();

        assertThat(r.kind()).isEqualTo(Kind.SECURE);
        assertThat(r.choice().orElseThrow().port()).isEqualTo(587);
        assertThat(r.typed()).contains(Typed.KEEP);
        assertThat(r.passwordUntested()).isEmpty();
    }

    @Test
    void aTypedPortThatFailsIsChangedWithTheFindingThatSaysWhy() {
        Recommendation r = Diagnoser.assess(typedSettings(H, 465, Security.SSL).with(
                refused(H, 465, Security.SSL), completedTls(H, 587)).build()).recommendation();

        assertThat(r.choice().orElseThrow().port()).isEqualTo(587);
        assertThat(r.typed()).contains(Typed.FAILED);
        assertThat(r.typedProblem()).hasValueSatisfying(f -> assertThat(f.code()).isEqualTo(FindingCode.CONNECT_REFUSED));
    }

    @Test
    void aTypedUnsecuredRouteIsChangedWhenASecureOneWorks() {
        Recommendation r = Diagnoser.assess(typedSettings(H, 25, Security.NONE).with(
                unsecured25(H), completedSsl(H)).build()).recommendation();

        assertThat(r.choice().orElseThrow().port()).isEqualTo(465);
        assertThat(r.typed()).contains(Typed.INSECURE);
    }

    @Test
    void neverUnsecuredWhileASecureRouteWasSeenOnTheSameServer() {
        // The secure route's login went untested (the attempt never reached it), so it does not "work" by the
        // usual rule; port 25 unsecured does. It is still the same server, seen working with TLS.
        Recommendation r = Diagnoser.assess(nothingTyped().password().with(
                mailGuess(probe(H, 465, Security.SSL).authDeferred().build()),
                mailGuess(unsecured25(H))).build()).recommendation();

        assertThat(r.kind()).isEqualTo(Kind.SECURE);
        assertThat(r.choice().orElseThrow().port()).isEqualTo(465);
        assertThat(r.choice().orElseThrow().loginVerified()).isFalse();
        assertThat(r.risks()).isEmpty();
        assertThat(r.passwordUntested()).hasValueSatisfying(u -> assertThat(u.why()).isEqualTo(Why.NO_LOGIN_OFFERED));
    }

    @Test
    void sharedHostingWithOnlyTheAddress_theCertificateNameToConfirmAndWhyThePasswordWasNotTested() {
        var shared = mismatch(H, SV);
        Recommendation r = Diagnoser.assess(nothingTyped().password().with(
                mailGuess(probe(H, 465, Security.SSL).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE)
                        .build()),
                mailGuess(unsecured25(H)),
                unconfirmedCertName(completedSsl(SV), H)).build()).recommendation();

        assertThat(r.kind()).isEqualTo(Kind.SECURE);
        assertThat(r.choice().orElseThrow().server()).isEqualTo(SV);
        assertThat(r.choice().orElseThrow().confirmWithProvider()).isTrue();
        assertThat(r.passwordUntested()).hasValueSatisfying(u -> {
            assertThat(u.why()).isEqualTo(Why.CERTIFICATE_NAME_UNCONFIRMED);
            assertThat(u.host()).contains(SV);
        });
    }

    @Test
    void aTestedPasswordNeedsNoNotice() {
        Recommendation r = Diagnoser.assess(typedSettings(H, 465, Security.SSL).password().with(
                typed(probe(H, 465, Security.SSL).authAccepted().build()),
                certName(completedSsl(SV), H)).build()).recommendation();

        assertThat(r.passwordUntested()).isEmpty();
        assertThat(r.typed()).contains(Typed.KEEP);
    }
}
