package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.diagnosis.Recommendation.PasswordUntested;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the answer at a glance says, and what it never says twice. */
class AnswerTest {

    private static final Messages EN = Messages.forLocale(Locale.ENGLISH);

    private static Recommendation secure(CandidateSource source, boolean confirm, Optional<PasswordUntested> untested) {
        var choice = new Recommendation.Choice("smtp.example.jp", 465, Security.SSL, "you@example.jp", true, source,
                false, false, confirm);
        return new Recommendation(Recommendation.Kind.SECURE, Optional.of(choice), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), untested);
    }

    @Test
    void typedInputToCorrectIsACautionButANoteIsNot() {
        Finding username = Finding.of(FindingCode.INPUT_USERNAME_NOT_ADDRESS, Severity.WARNING, Field.USERNAME,
                Finding.args("username", "you", "address", "you@example.jp"));
        Finding note = Finding.of(FindingCode.INPUT_UNSECURED_NOT_PORT_25, Severity.INFO, Field.SECURITY,
                Finding.args("port", "587"));
        Answer a = Answer.of(secure(CandidateSource.TYPED, false, Optional.empty()), "you@example.jp",
                List.of(username, note), List.of(), Optional.empty(), EN);
        assertThat(a.cautions()).singleElement().asString().contains("you");
        assertThat(String.join("\n", a.cautions())).doesNotContain("Unsecured connection");
    }

    @Test
    void aGuessedServerGetsOneCautionThatSaysWhereItCameFromAndHowToTestIt() {
        Answer a = Answer.of(secure(CandidateSource.GUESS_SMTP, true,
                        Optional.of(new PasswordUntested(PasswordUntested.Why.NOT_VOUCHED_FOR, Optional.of("smtp.example.jp")))),
                "you@example.jp", List.of(), Optional.empty(), EN);
        assertThat(a.cautions()).hasSize(2);
        assertThat(a.cautions().get(0)).contains("was guessed from your address");
        assertThat(a.cautions().get(1)).contains("--server smtp.example.jp");
        assertThat(String.join("\n", a.cautions())).doesNotContain("was not named by you or by your domain");
        assertThat(a.notes()).noneMatch(n -> n.contains("guessed"));
    }

    @Test
    void anUnconfirmedCertificateNameIsSaidOnceWithTheOptionToConfirmIt() {
        Answer a = Answer.of(secure(CandidateSource.CERTIFICATE_NAME, true, Optional.of(new PasswordUntested(
                        PasswordUntested.Why.CERTIFICATE_NAME_UNCONFIRMED, Optional.of("smtp.example.jp")))),
                "you@example.jp", List.of(), Optional.empty(), EN);
        assertThat(a.cautions()).singleElement().asString().startsWith("Your password was NOT tested")
                .contains("--trust-certificate-name smtp.example.jp");
        assertThat(a.notes()).noneMatch(n -> n.contains("certificate"));
    }

    @Test
    void withoutAPasswordTheNameToConfirmStillHasItsCaution() {
        Answer a = Answer.of(secure(CandidateSource.CERTIFICATE_NAME, true, Optional.empty()), "you@example.jp",
                List.of(), Optional.empty(), EN);
        assertThat(a.cautions()).singleElement().asString().contains("is the name in your server's certificate");
        assertThat(a.notes()).contains(EN.named("recommendation.login-not-verified", java.util.Map.of()));
    }
}
