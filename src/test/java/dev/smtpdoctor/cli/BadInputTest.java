package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed value gets a clear message in the user's language and exit code 64, never a stack trace. */
class BadInputTest {

    private static final String[] BASE = {"probe", "--server", "mail.example.test", "--port", "587", "--security", "tls",
        "--resolve", "mail.example.test:587:127.0.0.1"};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of("--server", "smtp://mail.example.test"), "not a valid server name", "サーバー名として正しくありません"),
                Arguments.of(List.of("--server", "mail.example.test:587"), "not a valid server name", "サーバー名として正しくありません"),
                Arguments.of(List.of("--server", "mail example.test"), "not a valid server name", "サーバー名として正しくありません"),
                Arguments.of(List.of("--server", ""), "not a valid server name", "サーバー名として正しくありません"),
                Arguments.of(List.of("--port", "0"), "not a valid port", "ポート番号として正しくありません"),
                Arguments.of(List.of("--port", "70000"), "not a valid port", "ポート番号として正しくありません"),
                Arguments.of(List.of("--port", "five"), "not a valid port", "ポート番号として正しくありません"),
                Arguments.of(List.of("--security", "starttls-maybe"), "not a security mode", "セキュリティ方式ではありません"),
                Arguments.of(List.of("--from", "not-an-address"), "not a valid email address", "メールアドレスとして正しくありません"),
                Arguments.of(List.of("--from", "a@b@"), "not a valid email address", "メールアドレスとして正しくありません"),
                Arguments.of(List.of("--resolve", "mail.example.test:587"), "not a valid --resolve entry", "--resolve の形式として正しくありません"),
                Arguments.of(List.of("--resolve", "mail.example.test:587:not-an-ip"), "not a valid --resolve entry", "--resolve の形式として正しくありません"),
                Arguments.of(List.of("--timeout", "-1"), "not a valid timeout", "制限時間として正しくありません"),
                Arguments.of(List.of("--timeout", "soon"), "not a valid timeout", "制限時間として正しくありません"),
                Arguments.of(List.of("--ca-file", "/nonexistent/ca.pem"), "does not exist", "見つかりません"),
                Arguments.of(List.of("--ca-file", "pom.xml"), "contains no certificate", "証明書がありません"),
                Arguments.of(List.of("--no-such-option"), "Unknown option", "不明なオプション"),
                Arguments.of(List.of("--password", "s3cret-On-CommandLine"), "not accepted on the command line", "コマンドラインでは受け付けません"),
                Arguments.of(List.of("--username", "u@example.test", "--password-env", "SMTP_DOCTOR_UNSET_VAR_X"), "is not set", "設定されていません"),
                Arguments.of(List.of("--username", "u@example.test"), "No password", "パスワードが指定されていません"),
                Arguments.of(List.of("--password-stdin"), "no username", "ユーザー名がありません"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void englishMessageAndUsageExit(List<String> extra, String english, String japanese) {
        Cli.Run en = Cli.run(args(extra, "en"));
        assertThat(en.exitCode()).as(en.all()).isEqualTo(64);
        assertThat(en.err()).contains(english).contains("--help").doesNotContain("Exception").doesNotContain("\tat ");
        Cli.Run ja = Cli.run(args(extra, "ja"));
        assertThat(ja.exitCode()).as(ja.all()).isEqualTo(64);
        assertThat(ja.err()).contains(japanese).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void neverEchoesAPasswordGivenOnTheCommandLine(List<String> extra, String english, String japanese) {
        Cli.Run run = Cli.run(args(extra, "en"));
        assertThat(run.all()).doesNotContain("s3cret-On-CommandLine");
    }

    @org.junit.jupiter.api.Test
    void unknownLanguageIsAUsageError() {
        Cli.Run run = Cli.run("--lang", "fr", "--help");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("fr");
    }

    @org.junit.jupiter.api.Test
    void mistypedOptionFollowedByPasswordIsNotEchoed() {
        Cli.Run run = Cli.run("probe", "--server", "mail.example.test", "--port", "587", "--security", "tls",
                "--passwd", "Hunter2-Secret");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.all()).doesNotContain("Hunter2-Secret");
    }

    @org.junit.jupiter.api.Test
    void helpInBothLanguages() {
        Cli.Run en = Cli.run("--lang", "en", "probe", "--help");
        assertThat(en.exitCode()).isZero();
        assertThat(en.out()).contains("--security").contains("implicit TLS");
        Cli.Run ja = Cli.run("--lang", "ja", "probe", "--help");
        assertThat(ja.exitCode()).isZero();
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(ja.out())).contains("使い方").contains("保護されていない接続");
    }

    private static String[] args(List<String> extra, String lang) {
        List<String> all = new ArrayList<>(List.of(BASE));
        // A later --server/--port/... replaces the base value; picocli would refuse a repeat, so drop it first.
        for (int i = 0; i < extra.size(); i++) {
            String opt = extra.get(i);
            int at = all.indexOf(opt);
            if (at >= 0 && opt.startsWith("--") && at + 1 < all.size()) {
                all.remove(at + 1);
                all.remove(at);
            }
        }
        all.addAll(extra);
        all.add("--lang");
        all.add(lang);
        return all.toArray(String[]::new);
    }
}
