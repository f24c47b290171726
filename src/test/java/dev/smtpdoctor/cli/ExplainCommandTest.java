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
        assertThat(run.out()).startsWith("This message is known:")
                .contains("TLS Negotiation failed, the certificate doesn't match the host.")
                .contains("Possible causes:")
                .contains("    - Certificate is for another name")
                .contains("    - Certificate not trusted")
                .contains("self-signed")
                .contains("To find out which cause applies, run: smtp-doctor check");
        // The name mismatch is the most common cause: listed first.
        assertThat(run.out().indexOf("Certificate is for another name"))
                .isLessThan(run.out().indexOf("Certificate not trusted"));
    }

    @Test
    void certificateMessageListsNameMismatchAndUntrustedChainInJapanese() {
        Cli.Run run = Cli.run("explain", E1, "--lang", "ja");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("このメッセージは既知のものです:")
                .contains("TLS Negotiation failed, the certificate doesn't match the host.")
                .contains("考えられる原因:")
                .contains("    - 証明書の名前が違う")
                .contains("    - 証明書が信頼されていない")
                .contains("自己署名")
                .contains("どの原因かを確かめるには次を実行してください")
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
        assertThat(en.out()).contains("535 5.7.8 Authentication credentials invalid")
                .contains("The server refused the username or password.")
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
        assertThat(run.out()).contains("Authentication failed. Please check your username/password.")
                .contains("    - Login refused");
    }

    @Test
    void unknownTextSaysSoWithExit2() {
        Cli.Run en = Cli.run("explain", "the printer is on fire", "--lang", "en");
        assertThat(en.exitCode()).isEqualTo(2);
        assertThat(en.out()).contains("smtp-doctor does not know this message.")
                .doesNotContain("Possible causes");
        assertThat(en.err()).isEmpty();

        Cli.Run ja = Cli.run("explain", "the printer is on fire", "--lang", "ja");
        assertThat(ja.exitCode()).isEqualTo(2);
        assertThat(ja.out()).contains("smtp-doctor が知らないメッセージです。");
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
