package dev.smtpdoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code explain} against what users actually pasted: {@code explain-corpus.tsv} holds real Gmail "Send mail
 * as" and SMTP error texts as they were posted on forums, issue trackers, provider FAQs and Japanese blogs,
 * each with its source and the cause the thread established. Every row must be recognised as the expected
 * message with the expected first cause, and render in English and Japanese without a missing text.
 */
class ExplainCorpusTest {

    /** One row of the corpus. */
    record Row(String lang, String text, String source, String message, String cause, String established) {
        @Override
        public String toString() {
            String t = text.replace('\n', ' ');
            return message + " ← " + (t.length() > 70 ? t.substring(0, 70) + "…" : t);
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ExplainCorpusTest.class.getResourceAsStream("explain-corpus.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                assertThat(c).as("six columns: %s", line).hasSize(6);
                rows.add(new Row(c[0], unescape(c[1]), c[2], c[3], c[4], c[5]));
            }
        }
        return rows;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Test
    void theCorpusIsBigEnoughAndEveryRowHasASource() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows).filteredOn(r -> r.lang().equals("ja")).isNotEmpty();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.source()).startsWith("http");
            assertThat(r.lang()).isIn("en", "ja");
            assertThat(r.established()).isNotBlank();
        });
        assertThat(rows.stream().map(Row::text).distinct().count()).isEqualTo(rows.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognisesTheMessageAndItsFirstCause(Row row) {
        List<Explanation> found = GmailErrorExplainer.explain(row.text());
        assertThat(found).as("recognised at all (%s)", row.source()).isNotEmpty();
        Explanation first = found.get(0);
        assertThat(first.message().name()).as(row.source()).isEqualTo(row.message());
        if (!row.cause().equals("-")) {
            assertThat(first.causes()).as(row.source()).isNotEmpty();
            assertThat(first.causes().get(0).name()).as(row.source()).isEqualTo(row.cause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rendersInBothLanguages(Row row) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Messages m = Messages.forLocale(locale);
            for (Explanation e : GmailErrorExplainer.explain(row.text())) {
                List<String> lines = new DiagnosisText(m).explanation(e);
                assertThat(lines).isNotEmpty();
                assertThat(String.join("\n", lines)).as(locale + " " + row.source())
                        .contains(m.named(e.meaningKey(), java.util.Map.of()))
                        .contains(m.named(e.checkKey(), java.util.Map.of()))
                        .doesNotContain("!known.", "!explain.", "!finding.");
                // The causes, by their titles in this language.
                e.causes().forEach(c -> assertThat(lines).anySatisfy(l -> assertThat(l)
                        .endsWith(m.named("finding." + c.name() + ".title", java.util.Map.of()))));
            }
        }
    }
}
