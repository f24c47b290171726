package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code smtp-doctor explain "TEXT"}: the error Gmail showed, pasted back, gives the known message, its
 * possible causes (by their finding titles) and the check that tells them apart — in English and Japanese.
 * Unknown text is answered honestly (exit 2); no text at all is a usage error (64).
 */
class ExplainCommandTest {

    /** Gmail's E1, verbatim, with the code it appends. */
    private static final String E1 = "TLS Negotiation failed, the certificate doesn't match the host., code: 550";
    /** Gmail's E2, verbatim. */
    private static final String E2 = "STARTTLS not supported and the user requires enforcement., code: 500";

    @Test
    void certificateMessageListsNameMismatchAndUntrustedChainInEnglish() {
        Cli.Run run = Cli.run("explain", E1, "--lang", "en");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).isEmpty();
        // What it means first, then the message as pasted.
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(run.out())).startsWith("Gmail could not verify the server's certificate.")
                .doesNotContain("This message is known")
                .contains("Message: TLS Negotiation failed, the certificate doesn't match the host., code: 550")
                .contains("Possible causes:")
                .contains(" - Certificate is for another name")
                .contains(" - Certificate not trusted")
                .contains("self-signed")
                .contains("Next step: Run smtp-doctor check with the server you typed")
                .contains("To find out which cause applies, run this with your own address, server and port:")
                .contains(" smtp-doctor check you@example.com --server SERVER --port PORT")
                .doesNotContain("ssl|tls|none");
        assertThat(run.out().lines()).allSatisfy(l -> assertThat(dev.smtpdoctor.report.Text.width(l)).as(l).isLessThanOrEqualTo(80));
        // The name mismatch is the most common cause: listed first.
        assertThat(run.out().indexOf("Certificate is for another name"))
                .isLessThan(run.out().indexOf("Certificate not trusted"));
    }

    @Test
    void certificateMessageListsNameMismatchAndUntrustedChainInJapanese() {
        Cli.Run run = Cli.run("explain", E1, "--lang", "ja");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out().lines()).allSatisfy(l -> assertThat(dev.smtpdoctor.report.Text.width(l)).as(l).isLessThanOrEqualTo(80));
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(run.out())).startsWith("Gmail がサーバーの証明書を確認できませんでした")
                .doesNotContain("既知のもの")
                .contains("メッセージ: 「TLS Negotiation failed, the certificate doesn't match the host., code: 550」（証明書の名前がサーバー名と一致しないため、TLS 接続に失敗しました）")
                .contains("考えられる原因:")
                .contains(" - 証明書の名前が違う")
                .contains(" - 証明書が信頼されていない")
                .contains("自己署名")
                .contains("どの原因かを確かめるには、ご自分のアドレス・サーバー・ポートで次を実行してください")
                .doesNotContain("Possible causes");
    }

    @Test
    void pastingIsForgiving() {
        // Full-width characters from a Japanese IME, curly quote, a line break and no "code:" suffix.
        Cli.Run run = Cli.run("explain", "ＴＬＳ Negotiation failed,\nthe certificate doesn’t match the host.",
                "--lang", "en");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Certificate is for another name");
    }

    @Test
    void starttlsEnforcementMessage() {
        Cli.Run en = Cli.run("explain", E2, "--lang", "en");
        assertThat(en.exitCode()).as(en.all()).isZero();
        assertThat(en.out()).contains("STARTTLS not supported and the user requires enforcement.")
                .contains("    - No STARTTLS")
                .contains("    - Security option does not fit the port")
                .contains("Secured connection using SSL");

        Cli.Run ja = Cli.run("explain", E2, "--lang", "ja");
        assertThat(ja.exitCode()).isZero();
        assertThat(ja.out()).contains("    - STARTTLS 非対応").contains("    - ポートとセキュリティの組み合わせ違い")
                .contains("SSL を使用したセキュリティで保護された接続");
    }

    @Test
    void serverReply535() {
        Cli.Run en = Cli.run("explain", "535 Authentication credentials invalid", "--lang", "en");
        assertThat(en.exitCode()).as(en.all()).isZero();
        // The heading shows what was pasted, not the catalogue's "535 5.7.8 ..." neighbour.
        assertThat(en.out()).contains("Message: 535 Authentication credentials invalid")
                .doesNotContain("5.7.8")
                .startsWith("The server refused the username or password.")
                .contains("    - Login refused")
                .contains("    - Provider may block Google (logins from abroad)");

        Cli.Run ja = Cli.run("explain", "535 Authentication credentials invalid", "--lang", "ja");
        assertThat(ja.exitCode()).isZero();
        assertThat(ja.out()).contains("    - ログインを拒否された").contains("国外からの接続制限");
    }

    @Test
    void gmailsAuthenticationFrameWithPostfixReply() {
        // What Gmail shows with Postfix + Dovecot behind it: its E3 frame around the server's 535.
        Cli.Run run = Cli.run("explain", "Authentication failed. Please check your username/password. "
                + "Server returned error: \"535 5.7.8 Error: authentication failed: authentication failure\"",
                "--lang", "en");
        assertThat(run.exitCode()).isZero();
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(run.out())).contains("Authentication failed. Please check your username/password.")
                .contains(" - Login refused");
        // The frame names no cause the reply did not: its causes and next step are not said twice.
        assertThat(run.out().split("Possible causes:", -1)).hasSize(2);
        assertThat(run.out().split("Next step:", -1)).hasSize(2);
    }

    @Test
    void unknownTextSaysSoWithExit2() {
        Cli.Run en = Cli.run("explain", "the printer is on fire", "--lang", "en");
        assertThat(en.exitCode()).isEqualTo(2);
        assertThat(en.out()).contains("smtp-doctor does not know this message.")
                .contains("Paste the whole error as Gmail showed it")
                .doesNotContain("Possible causes");
        assertThat(en.err()).isEmpty();

        Cli.Run ja = Cli.run("explain", "the printer is on fire", "--lang", "ja");
        assertThat(ja.exitCode()).isEqualTo(2);
        assertThat(ja.out()).contains("smtp-doctor が知らないメッセージです。")
                .contains("Gmail に表示されたエラーを全文貼り付けるか");
    }

    @Test
    void unknownTextGetsTheClosestNextStepInTheUsersLanguage() {
        Cli.Run ja = Cli.run("explain", "SSL handshake aborted by peer", "--lang", "ja");
        assertThat(ja.exitCode()).isEqualTo(2);
        assertThat(ja.out()).contains("証明書や暗号化に関するメッセージのようです。");
        Cli.Run en = Cli.run("explain", "SSL handshake aborted by peer", "--lang", "en");
        assertThat(en.out()).contains("It mentions certificates or encryption");
    }

    @Test
    void workspaceRefusalNamesTheAdminSettingInBothLanguages() {
        String pasted = "You must send through example.jp SMTP servers when you send as you@example.jp. However, this "
                + "functionality is not available for your account. Please contact your domain administrator for more information.";
        Cli.Run en = Cli.run("explain", pasted, "--lang", "en");
        assertThat(en.exitCode()).as(en.all()).isZero();
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(en.out())).startsWith("Google Workspace does not let this account send through another mail server")
                .contains("Allow per-user outbound gateways").doesNotContain("Possible causes");
        Cli.Run ja = Cli.run("explain", pasted, "--lang", "ja");
        assertThat(dev.smtpdoctor.testing.Unwrapped.of(ja.out())).contains("ユーザーごとの送信ゲートウェイを許可");
    }

    @Test
    void googleSignInBlockNamesAppPasswords() {
        Cli.Run ja = Cli.run("explain", "534-5.7.14 Please log in via your web browser and then try again.", "--lang", "ja");
        assertThat(ja.exitCode()).as(ja.all()).isZero();
        assertThat(ja.out()).startsWith("Google がこのログインをブロックしました。").contains("アプリ パスワード");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void emptyTextIsAUsageError(String text) {
        Cli.Run en = Cli.run("explain", text, "--lang", "en");
        assertThat(en.exitCode()).isEqualTo(64);
        assertThat(en.out()).isEmpty();
        assertThat(en.err()).contains("Give the error text to explain, in quotes.")
                .contains("smtp-doctor explain --help");

        Cli.Run ja = Cli.run("explain", text, "--lang", "ja");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("説明するエラーの文面を引用符で囲んで指定してください。");
    }

    @Test
    void missingTextIsAUsageError() {
        Cli.Run run = Cli.run("explain", "--lang", "en");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("TEXT").doesNotContain("Exception");
    }
}
