package dev.smtpdoctor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import org.junit.jupiter.api.Test;

/** "Unsecured connection" is Gmail's choice for port 25: with 587 or 465 it is accepted and tried, but noted. */
class UnsecuredPortNoteTest {

    private static LintResult lint(String port, String security) {
        return InputLint.lint(new RawFields("you@example.test", "mail.example.test", port, security, null, new char[0]));
    }

    @Test
    void unsecuredOn587IsAcceptedWithANote() {
        LintResult r = lint("587", "none");
        assertThat(r.settings()).isPresent();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.INPUT_UNSECURED_NOT_PORT_25);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.args()).containsEntry("port", "587");
        });
    }

    @Test
    void unsecuredOn25AndEncryptedOn587AreNotNoted() {
        assertThat(lint("25", "none").findings()).extracting(Finding::code).doesNotContain(FindingCode.INPUT_UNSECURED_NOT_PORT_25);
        assertThat(lint("587", "tls").findings()).extracting(Finding::code).doesNotContain(FindingCode.INPUT_UNSECURED_NOT_PORT_25);
    }
}
