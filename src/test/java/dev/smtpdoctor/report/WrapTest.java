package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrapTest {

    @Test
    void englishBreaksAtSpacesAndKeepsTheIndent() {
        List<String> lines = Wrap.lines("one two three four five six", 12, "- ", "  ");
        assertThat(lines).containsExactly("- one two", "  three four", "  five six");
    }

    @Test
    void japaneseBreaksBetweenCharactersCountingTwoColumnsEach() {
        List<String> lines = Wrap.lines("あいうえおかきくけこ", 10, "", "");
        assertThat(lines).containsExactly("あいうえお", "かきくけこ");
        assertThat(lines).allSatisfy(l -> assertThat(Text.width(l)).isLessThanOrEqualTo(10));
    }

    @Test
    void noLineStartsWithClosingPunctuationOrEndsWithAnOpeningBracket() {
        // A break before "。" or after "「" is moved back one character.
        assertThat(Wrap.lines("あいうえ。かき", 8, "", "")).containsExactly("あいう", "え。かき");
        assertThat(Wrap.lines("あいう「かき」", 8, "", "")).containsExactly("あいう", "「かき」");
    }

    @Test
    void aLatinWordInsideJapaneseIsNotCut() {
        List<String> lines = Wrap.lines("サーバー mail.example.test を使います", 20, "", "");
        assertThat(lines).containsExactly("サーバー", "mail.example.test を", "使います");
    }

    @Test
    void aWordLongerThanTheLineIsCutSoNoLineIsWider() {
        String host = "a".repeat(30) + ".example.test";
        List<String> lines = Wrap.lines("Server " + host, 20, "", "");
        assertThat(lines).allSatisfy(l -> assertThat(Text.width(l)).isLessThanOrEqualTo(20));
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo("Server" + host);
    }

    @Test
    void emptyTextIsOneLineWithTheIndentOnly() {
        assertThat(Wrap.lines("", 80, "  ", "  ")).containsExactly("");
    }
}
