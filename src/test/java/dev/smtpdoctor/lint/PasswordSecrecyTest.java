package dev.smtpdoctor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The password's value never appears in anything the lint returns or prints. */
class PasswordSecrecyTest {

    /** Visible, whitespace, full-width and invisible parts: each could be quoted by a careless finding. */
    private static final String CANARY = " Qz7-CANARY-ｋａｎａ\u200Bぱす ";
    private static final List<String> PIECES = List.of("Qz7", "CANARY", "ｋａｎａ", "kana", "ぱす", "U+200B");

    @Test
    void theCanaryAppearsNowhere() {
        RawFields raw = RawFields.builder().address("you@example.jp").server(" smtp.example.jp").port("587")
                .username("you").password(CANARY.toCharArray()).build();

        LintResult result = InputLint.lint(raw);

        assertThat(result.findings()).extracting(f -> f.code().name()).contains(
                "INPUT_PASSWORD_WHITESPACE", "INPUT_PASSWORD_INVISIBLE_CHARACTER", "INPUT_PASSWORD_FULL_WIDTH");
        assertSecret(raw.toString());
        assertSecret(result.toString());
        assertSecret(result.corrected().toString());
        for (Finding f : result.findings()) {
            assertSecret(f.toString());
            f.args().forEach((k, v) -> {
                assertSecret(k);
                assertSecret(v);
            });
        }
    }

    @Test
    void aPasswordPastedInAServerUrlIsRedacted() {
        RawFields raw = RawFields.builder().address("you@example.jp")
                .server(" smtps://you:Qz7-CANARY@mail.example.jp:465/").build();

        LintResult result = InputLint.lint(raw);

        assertThat(result.corrected().server()).contains("mail.example.jp");
        assertThat(result.findings()).isNotEmpty();
        assertSecret(result.toString());
        assertSecret(raw.toString());
    }

    @Test
    void aFullWidthUrlPasswordIsRedactedToo() {
        RawFields raw = RawFields.builder().address("you@example.jp")
                .server("ｓｍｔｐ：／／ｙｏｕ：ＱＺ７ＣＡＮＡＲＹ＠ｍａｉｌ．ｅｘａｍｐｌｅ．ｊｐ").build();

        LintResult result = InputLint.lint(raw);

        assertThat(result.corrected().server()).contains("mail.example.jp");
        assertThat(result.toString()).doesNotContain("ＱＺ７ＣＡＮＡＲＹ").doesNotContain("QZ7CANARY");
    }

    @Test
    void theCallersPasswordIsLeftIntact() {
        char[] mine = "secret".toCharArray();
        RawFields raw = RawFields.builder().address("you@example.jp").password(mine).build();

        InputLint.lint(raw);

        assertThat(mine).containsExactly("secret".toCharArray());
        assertThat(raw.password()).containsExactly("secret".toCharArray());
        raw.wipe();
        assertThat(raw.password()).containsOnly('\0');
        assertThat(mine).containsExactly("secret".toCharArray());
    }

    private static void assertSecret(String s) {
        for (String piece : PIECES) {
            assertThat(s).doesNotContain(piece);
        }
    }
}
