package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed values for the options of check, explain and demo (probe has its own table in
 * {@link BadInputTest}): a message in the user's language, exit code 64, no stack trace, and nothing
 * probed — every case fails before any connection or DNS question.
 */
class EveryCommandBadInputTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (List<String> command : List.of(
                List.of("check", "you@example.test", "--no-login"),
                List.of("explain", "TLS Negotiation failed", "--address", "you@example.test", "--no-login"))) {
            all.add(Arguments.of(with(command, "--timeout", "0"), "not a valid timeout", "制限時間として正しくありません"));
            all.add(Arguments.of(with(command, "--timeout", "forever"), "not a valid timeout", "制限時間として正しくありません"));
            all.add(Arguments.of(with(command, "--resolve", "nonsense"), "not a valid --resolve entry", "--resolve の形式"));
            all.add(Arguments.of(with(command, "--ca-file", "/nonexistent/ca.pem"), "does not exist", "見つかりません"));
            all.add(Arguments.of(with(command, "--ca-file", "pom.xml"), "contains no certificate", "証明書がありません"));
            all.add(Arguments.of(with(command, "--dns-server", "not-an-ip"), "--dns-server", "--dns-server"));
            all.add(Arguments.of(with(command, "--password", "Typed-On-The-Line-1"), "not accepted on the command line",
                    "コマンドラインでは受け付けません"));
            all.add(Arguments.of(with(command, "--frobnicate"), "Unknown option", "不明なオプション"));
            all.add(Arguments.of(with(command.subList(0, command.size() - 1), "--password-env", "SMTP_DOCTOR_SURELY_UNSET"),
                    "is not set", "設定されていません"));
            all.add(Arguments.of(with(command, "--password-env", "SMTP_DOCTOR_SURELY_UNSET"), "contradict", "両立しません"));
        }
        all.add(Arguments.of(List.of("check", "not-an-address", "--no-login"), "Email address", "メールアドレス"));
        all.add(Arguments.of(List.of("check"), "Missing required", "必須"));
        all.add(Arguments.of(List.of("check", "you@example.test", "--port", "seven", "--no-login"), "Port", "ポート"));
        all.add(Arguments.of(List.of("demo", "--scenario", "no-such-demo"), "no-such-demo", "no-such-demo"));
        all.add(Arguments.of(List.of("demo", "--frobnicate"), "Unknown option", "不明なオプション"));
        all.add(Arguments.of(List.of("explain", ""), "Give the error text", "エラーの文面"));
        all.add(Arguments.of(List.of("explain"), "Missing required", "必須"));
        all.add(Arguments.of(List.of("no-such-command"), "Unknown option or extra argument", "不明なオプション"));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void usageErrorInBothLanguages(List<String> args, String english, String japanese) {
        Cli.Run en = Cli.run(withLang(args, "en"));
        assertThat(en.exitCode()).as(en.all()).isEqualTo(64);
        assertThat(en.err()).contains(english).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(en.all()).doesNotContain("Typed-On-The-Line-1");
        Cli.Run ja = Cli.run(withLang(args, "ja"));
        assertThat(ja.exitCode()).as(ja.all()).isEqualTo(64);
        assertThat(ja.err()).contains(japanese).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(ja.all()).doesNotContain("Typed-On-The-Line-1");
    }

    private static List<String> with(List<String> base, String... extra) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(extra));
        return out;
    }

    private static String[] withLang(List<String> args, String lang) {
        List<String> out = new ArrayList<>(List.of("--lang", lang));
        out.addAll(args);
        return out.toArray(String[]::new);
    }
}
