package dev.smtpdoctor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every code the lint emits has an English and a Japanese message, every field a label, and every
 * named placeholder in those messages is an argument the finding actually carries (or {@code field}).
 */
class LintMessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** Each file on its own (a ResourceBundle would let Japanese silently fall back to English). */
    static Properties load(String suffix) {
        String path = "/" + Messages.BUNDLE.replace('.', '/') + suffix + ".properties";
        try (InputStream in = LintMessagesTest.class.getResourceAsStream(path)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final Properties EN = load("");
    static final Properties JA = load("_ja");

    @Test
    void everyEmittedCodeHasAnEnglishAndAJapaneseMessage() {
        for (FindingCode code : InputLint.CODES) {
            String key = "finding." + code;
            assertThat(EN.getProperty(key)).as(key + " (en)").isNotBlank();
            assertThat(JA.getProperty(key)).as(key + " (ja)").isNotBlank().isNotEqualTo(EN.getProperty(key));
        }
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void everyFieldHasGmailsLabel(Field field) {
        String key = "field." + field;
        assertThat(EN.getProperty(key)).as(key + " (en)").isNotBlank();
        assertThat(JA.getProperty(key)).as(key + " (ja)").isNotBlank();
    }

    @Test
    void gmailsOwnLabels() {
        assertThat(EN.getProperty("field.SERVER")).isEqualTo("SMTP Server");
        assertThat(JA.getProperty("field.SERVER")).isEqualTo("SMTP サーバー");
        assertThat(JA.getProperty("field.USERNAME")).isEqualTo("ユーザー名");
        assertThat(JA.getProperty("field.PASSWORD")).isEqualTo("パスワード");
        assertThat(JA.getProperty("field.PORT")).isEqualTo("ポート");
        assertThat(JA.getProperty("field.ADDRESS")).isEqualTo("メールアドレス");
    }

    /** A placeholder the finding does not fill would show as "{name}" to the user. */
    @Test
    void placeholdersAreArgumentsTheFindingsCarry() {
        InputLintTest.rows().forEach(a -> {
            InputLintTest.Row row = (InputLintTest.Row) ((org.junit.jupiter.api.Named<?>) a.get()[0]).getPayload();
            for (Finding f : InputLint.lint(InputLintTest.typed(row)).findings()) {
                Set<String> available = new HashSet<>(f.args().keySet());
                available.add("field");
                for (Properties b : List.of(EN, JA)) {
                    String text = b.getProperty("finding." + f.code());
                    assertThat(placeholders(text)).as("%s in %s", f.code(), b == EN ? "en" : "ja").isSubsetOf(available);
                }
            }
        });
    }

    @Test
    void englishAndJapaneseUseTheSamePlaceholders() {
        for (FindingCode code : InputLint.CODES) {
            String key = "finding." + code;
            assertThat(placeholders(JA.getProperty(key))).as(key).isEqualTo(placeholders(EN.getProperty(key)));
        }
    }

    /** Named-argument formatting, not MessageFormat: no doubled apostrophes, no {0}. */
    @Test
    void noMessageFormatSyntax() {
        for (FindingCode code : InputLint.CODES) {
            for (Properties b : List.of(EN, JA)) {
                String text = b.getProperty("finding." + code);
                assertThat(text).as(code.name()).doesNotContain("''").doesNotContainPattern("\\{\\d");
            }
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
