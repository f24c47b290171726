package dev.smtpdoctor.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    /** Input and expected output as Java escapes ({@code \}{@code uXXXX}), so the table itself stays printable. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "plain text 250 OK                       | plain text 250 OK",
            "日本語のテキスト                           | 日本語のテキスト",
            "emoji \\uD83D\\uDCE7 kept (pair)         | emoji \\uD83D\\uDCE7 kept (pair)",
            "a\\u0000b                               | a\\uFFFDb",
            "bell\\u0007                             | bell\\uFFFD",
            "\\u001B]0;title\\u0007                  | \\uFFFD]0;title\\uFFFD",
            "\\u001B[2J\\u001B[31mred                | \\uFFFD[2J\\uFFFD[31mred",
            "cr\\rlf\\n                              | cr\\uFFFDlf\\uFFFD",
            "tab\\there kept where text enters       | tab\\there kept where text enters",
            "del\\u007F                              | del\\uFFFD",
            "c1 \\u0080 \\u0085 \\u009B \\u009D \\u009F | c1 \\uFFFD \\uFFFD \\uFFFD \\uFFFD \\uFFFD",
            "rlo \\u202Etxt.exe                      | rlo \\uFFFDtxt.exe",
            "\\u202A\\u202B\\u202C\\u202D\\u202E       | \\uFFFD\\uFFFD\\uFFFD\\uFFFD\\uFFFD",
            "\\u2066\\u2067\\u2068\\u2069             | \\uFFFD\\uFFFD\\uFFFD\\uFFFD",
            "marks \\u200E\\u200F\\u061C             | marks \\uFFFD\\uFFFD\\uFFFD",
            "zw \\u200B\\u200C\\u200D\\u2060\\uFEFF   | zw \\uFFFD\\uFFFD\\uFFFD\\uFFFD\\uFFFD",
            "soft\\u00ADhyphen                       | soft\\uFFFDhyphen",
            "line\\u2028para\\u2029end               | line\\uFFFDpara\\uFFFDend",
            "tag \\uDB40\\uDC41                      | tag \\uFFFD",
            "lone high \\uD800 x                     | lone high \\uFFFD x",
            "lone low \\uDC00                        | lone low \\uFFFD",
            "already \\uFFFD                         | already \\uFFFD",
    })
    void table(String input, String expected) {
        assertThat(UntrustedText.clean(unescape(input.strip()))).isEqualTo(unescape(expected.strip()));
    }

    @Test
    void everyForbiddenCodePointNamedInTheBriefIsReplaced() {
        IntStream named = IntStream.concat(IntStream.concat(IntStream.rangeClosed(0, 0x1F).filter(c -> c != '\t'),
                        IntStream.rangeClosed(0x7F, 0x9F)),
                IntStream.of(0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
                        0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x2028, 0x2029, 0xD800, 0xDFFF));
        named.forEach(cp -> {
            assertThat(UntrustedText.isForbidden(cp)).as("U+%04X", cp).isTrue();
            assertThat(UntrustedText.cleanLines("x" + new String(Character.toChars(cp)) + "y"))
                    .as("U+%04X", cp).isEqualTo(cp == '\n' ? "x\ny" : "x\uFFFDy");
            assertThat(UntrustedText.clean("x" + new String(Character.toChars(cp)) + "y"))
                    .as("U+%04X", cp).isEqualTo("x\uFFFDy");
        });
    }

    @Test
    void theOutputNeverHoldsAForbiddenCodePoint() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < 0x30000; cp++) {
            all.appendCodePoint(cp);
        }
        String out = UntrustedText.clean(all.toString());
        assertThat(out.codePoints().filter(cp -> cp != '\t').filter(UntrustedText::isForbidden).count()).isZero();
        assertThat(UntrustedText.needsCleaning(out)).isFalse();
        String lines = UntrustedText.cleanLines(all.toString());
        assertThat(lines.codePoints().filter(cp -> cp != '\n').filter(UntrustedText::isForbidden).count()).isZero();
    }

    @Test
    void unchangedTextIsTheSameInstance() {
        String s = "250-mail.example.jp Hello";
        assertThat(UntrustedText.clean(s)).isSameAs(s);
        assertThat(UntrustedText.clean((String) null)).isNull();
    }

    @Test
    void cleanLinesKeepsLineBreaksOnly() {
        assertThat(UntrustedText.cleanLines("a\nb\r\n\u001B[31mc\u2028\n\rd\r\te"))
                .isEqualTo("a\nb\r\n\uFFFD[31mc\uFFFD\n\uFFFDd\uFFFD e");
    }

    @Test
    void boundedLength() {
        assertThat(UntrustedText.clean("abcdef", 6)).isEqualTo("abcdef");
        assertThat(UntrustedText.clean("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(UntrustedText.clean("a\u0007cdefg", 4)).isEqualTo("a\uFFFDc…");
        // never cut between the halves of a pair
        assertThat(UntrustedText.clean("ab\uD83D\uDCE7cd", 4)).isEqualTo("ab…");
        assertThatThrownBy(() -> UntrustedText.clean("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'u') {
                    sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                    i += 5;
                    continue;
                }
                sb.append(switch (n) {
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
                i++;
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
