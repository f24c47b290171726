package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.diagnosis.Probes.certName;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static dev.smtpdoctor.diagnosis.Probes.connectTimeout;
import static dev.smtpdoctor.diagnosis.Probes.mismatch;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.typed;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation.Kind;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.AuthResult;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnoserTest {

    static final String H = "mail.example.jp";
    static final String SV = "sv1234.xserver.jp";

    /** The classic Xserver case end to end: mail.<customer> fails Gmail's check, the sv name fixes it. */
    static Observations xserverClassic() {
        var shared = mismatch(H, "*.xserver.jp", "xserver.jp");
        return typedSettings(H, 587, TLS).password().with(
                typed(probe(H, 465, SSL).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build()),
                typed(probe(H, 587, TLS).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build()),
                typed(connectTimeout(H, 25, TLS)),
                typed(connectTimeout(H, 25, NONE)),
                certName(probe(SV, 465, SSL).authAccepted().senderAccepted().build(), H),
                certName(probe(SV, 587, TLS).authDeferred().build(), H),
                certName(connectTimeout(SV, 25, TLS), H)).build();
    }

    @Test
    void xserverClassicEndToEnd() {
        Assessment a = Diagnoser.assess(xserverClassic());

        assertThat(a.findings()).extracting(f -> f.severity() + " " + f.code()).containsExactly(
                "ERROR TLS_NAME_MISMATCH",
                "WARNING PROVIDER_FOREIGN_IP_FILTER",
                "INFO CERTIFICATE_NAME_ON_SAME_SERVER",
                "INFO PORT25_MAY_BE_BLOCKED_LOCALLY");
        assertThat(a.findings().get(0).args()).containsEntry("ports", "465, 587")
                .containsEntry("names", "*.xserver.jp, xserver.jp");

        Recommendation r = a.recommendation();
        assertThat(r.kind()).isEqualTo(Kind.SECURE);
        var c = r.choice().orElseThrow();
        assertThat(c.server()).isEqualTo(SV);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(SSL);
        assertThat(c.source()).isEqualTo(CandidateSource.CERTIFICATE_NAME);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(c.confirmWithProvider()).isFalse();

        assertThat(a.gmail()).first().satisfies(v -> {
            assertThat(v.host()).isEqualTo(H);
            assertThat(v.status()).isEqualTo(GmailVerdict.Status.FAILS);
            assertThat(v.message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);
        });
    }

    @Test
    void findingsAreSortedBySeverityThenCodeAndDeduplicated() {
        Finding info = Finding.of(FindingCode.CONNECT_REFUSED, Severity.INFO, Map.of("host", "a"));
        Finding error = Finding.of(FindingCode.TLS_NAME_MISMATCH, Severity.ERROR, Field.SERVER, Map.of("host", "a"));
        Finding sameAsInfoButError = Finding.of(FindingCode.CONNECT_REFUSED, Severity.ERROR, Map.of("host", "a"));
        Finding dns = Finding.of(FindingCode.DNS_NO_SUCH_HOST, Severity.ERROR, Map.of("host", "a"));
        List<Finding> out = Diagnoser.normalize(List.of(info, error, sameAsInfoButError, dns, error));
        assertThat(out).extracting(f -> f.severity() + " " + f.code()).containsExactly(
                "ERROR DNS_NO_SUCH_HOST", "ERROR CONNECT_REFUSED", "ERROR TLS_NAME_MISMATCH");
    }

    @Test
    void lintFindingsArePassedThrough() {
        Finding lint = Finding.of(FindingCode.INPUT_SURROUNDING_WHITESPACE, Severity.WARNING, Field.SERVER,
                Map.of("value", " mail.example.jp", "corrected", H));
        Assessment a = Diagnoser.assess(typedSettings(H, 465, SSL).lint(lint).with(completedSsl(H)).build());
        assertThat(a.findings()).contains(lint);
    }

    @Test
    void aRuleCanBeRunAlone() {
        Assessment a = Diagnoser.assess(xserverClassic(), List.of(new Port25Rule()));
        assertThat(a.findings()).extracting(Finding::code).containsExactly(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY);
    }

    @Test
    void sameObservationsSameAssessment() {
        assertThat(Diagnoser.assess(xserverClassic())).isEqualTo(Diagnoser.assess(xserverClassic()));
    }

    @Test
    void healthyServerHasNoErrors() {
        Assessment a = Diagnoser.assess(typedSettings(H, 465, SSL).password().with(
                probe(H, 465, SSL).authAccepted().senderAccepted().build(),
                probe(H, 587, TLS).authDeferred().build(),
                completedTls(H, 25), probe(H, 25, NONE).build()).build());
        assertThat(a.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
        assertThat(a.recommendation().kind()).isEqualTo(Kind.SECURE);
    }

    /** Observations hold no password (only whether one was given), so no rule can leak it. */
    @Test
    void observationsCarryNoPassword() {
        for (Class<?> type : List.of(Observations.class, SendAsSettings.class, CandidateProbe.class)) {
            assertThat(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName))
                    .noneMatch(n -> n.toLowerCase().contains("password") && !n.equals("hasPassword"))
                    .noneMatch(n -> n.toLowerCase().contains("secret")
                            || n.toLowerCase().contains("credential") && !n.equals("credentialsAllowed"));
        }
        Assessment a = Diagnoser.assess(xserverClassic());
        assertThat(a.findings()).allSatisfy(f ->
                assertThat(f.args().keySet()).noneMatch(k -> k.toLowerCase().contains("password")));
    }
}
