package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link JsonDoc} really reads docs/json.md: a parser that found nothing would make its checks vacuous. */
class JsonDocTest {

    private final JsonDoc doc = JsonDoc.read();

    @Test
    void readsTheTopLevelExample() {
        assertThat(doc.topLevelFields()).containsExactly("schemaVersion", "tool", "toolVersion", "command", "verdict",
                "gmail", "gmailCause", "probe");
    }

    @Test
    void readsEveryRowOfTheProbeTableWithTheSubFieldsItNames() {
        assertThat(doc.probeFields()).extracting(JsonDoc.Field::name).containsExactly("endpoint", "outcome", "address",
                "greeting", "ehlo", "ehloTls", "tls", "auth", "sender", "totalMillis", "bytesRead", "replyDeviations",
                "continuedFrom",
                "steps", "transcript");
        assertThat(doc.probeFields()).filteredOn(f -> f.name().equals("endpoint")).singleElement()
                .extracting(JsonDoc.Field::subFields).asList().containsExactly("host", "port", "security");
        assertThat(doc.probeFields()).filteredOn(f -> f.name().equals("sender")).singleElement()
                .extracting(JsonDoc.Field::subFields).asList().containsExactly("status", "address", "reply");
        assertThat(doc.probeFields()).filteredOn(JsonDoc.Field::array).extracting(JsonDoc.Field::name)
                .containsExactly("steps", "transcript");
    }

    @Test
    void readsOutcomeTypesWithTheirStepsAndExtraFieldsButNotTheirValues() {
        assertThat(doc.outcomes()).hasSize(16).containsKeys("completed", "refused", "auth-rejected", "tls-failed");
        assertThat(doc.outcomes().get("protocol-violation").extraFields()).containsExactly("kind", "evidence");
        assertThat(doc.outcomes().get("tls-failed").extraFields()).containsExactly("reason", "plaintextReply");
        assertThat(doc.outcomes().get("tls-failed").steps()).containsExactly("TLS_HANDSHAKE", "STARTTLS_HANDSHAKE");
        assertThat(doc.outcomes().get("timed-out").steps()).isEmpty();
        assertThat(doc.outcomes().get("completed").extraFields()).isEmpty();
        assertThat(doc.outcomes().get("internal-error").extraFields()).containsExactly("exception");
    }

    @Test
    void readsTheParagraphs() {
        assertThat(doc.paragraphFields("Reply")).containsExactly("code", "enhanced", "lines", "deviations");
        assertThat(doc.paragraphFields("Capabilities")).contains("domain", "startTls", "authMechanisms", "8bitmime",
                "keywords");
        assertThat(doc.paragraphFields("TLS")).contains("protocol", "chainVerdict", "nameVerdict", "verified", "chain")
                .doesNotContain("TRUSTED", "subject");
        assertThat(doc.steps()).startsWith("RESOLVE", "CONNECT").contains("RCPT_TO").endsWith("QUIT");
    }
}
