package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Input-lint texts start with {@code {field}}: the report fills in Gmail's label for the field. */
class FindingFieldLabelTest {

    private static final Finding INVALID_ADDRESS = Finding.of(FindingCode.INPUT_INVALID_ADDRESS, Severity.ERROR,
            Field.ADDRESS, Finding.args("original", "taro-example.test"));

    @Test
    void englishLabel() {
        String text = new DiagnosisText(Messages.forLocale(Locale.ENGLISH)).finding(INVALID_ADDRESS);
        assertThat(text).startsWith("Email address: \"taro-example.test\" is not an email address.")
                .doesNotContain("{field}");
    }

    @Test
    void japaneseLabel() {
        String text = new DiagnosisText(Messages.forLocale(Locale.JAPANESE)).finding(INVALID_ADDRESS);
        assertThat(text).startsWith("メールアドレス: 「taro-example.test」はメールアドレスとして正しくありません。")
                .doesNotContain("{field}");
    }

    @Test
    void aFindingWithoutFieldIsUnchanged() {
        Finding f = Finding.of(FindingCode.CONNECT_REFUSED, Severity.ERROR,
                Finding.args("host", "mail.example.jp", "port", "465"));
        assertThat(new DiagnosisText(Messages.forLocale(Locale.ENGLISH)).finding(f))
                .startsWith("mail.example.jp refused the connection on port 465");
    }
}
