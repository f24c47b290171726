package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.report.Text;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Japanese help wraps between words, never inside one, and the help command speaks Japanese too. */
class JapaneseHelpTest {

    private static final String NO_LINE_START = "、。・）」』ー";

    @ParameterizedTest
    @ValueSource(strings = {"check", "probe", "explain", "demo", "help"})
    void everyLineFitsAndNoneStartsWithClosingPunctuation(String command) {
        Cli.Run run = Cli.run(command, "--help", "--lang", "ja");
        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(Text.width(l)).as(l).isLessThanOrEqualTo(80));
        assertThat(lines).allSatisfy(l -> {
            String t = l.strip();
            assertThat(t.isEmpty() || NO_LINE_START.indexOf(t.charAt(0)) < 0).as("line starts with punctuation: " + l).isTrue();
        });
    }

    @Test
    void aJapaneseWordIsNotSplitAcrossLines() {
        Cli.Run run = Cli.run("check", "--help", "--lang", "ja");
        // Words picocli used to cut: 送信 (送 / 信), 伏せ字, 表示します.
        String joined = run.out().replaceAll("\n +", "\n");
        assertThat(joined).doesNotContain("送\n信").doesNotContain("伏せ\n字").doesNotContain("しま\nす");
        assertThat(run.out()).contains("送信ドメイン").contains("伏せ字");
    }

    @Test
    void helpCommandIsLocalisedAndAcceptsLang() {
        Cli.Run self = Cli.run("help", "help", "--lang", "ja");
        assertThat(self.exitCode()).as(self.all()).isZero();
        assertThat(self.out()).contains("コマンドのヘルプを表示します。").contains("ヘルプを表示するコマンド")
                .doesNotContain("Display help information").doesNotContain("Show usage help for the help command");
        Cli.Run all = Cli.run("help", "--lang", "ja");
        assertThat(all.exitCode()).as(all.all()).isZero();
        assertThat(all.out()).contains("使い方:");
        Cli.Run unknown = Cli.run("help", "nosuch", "--lang", "ja");
        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.err()).contains("nosuch というコマンドはありません");
    }
}
