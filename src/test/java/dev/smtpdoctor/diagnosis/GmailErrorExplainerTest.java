package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GmailErrorExplainerTest {

    static List<KnownMessage> explained(String text) {
        return GmailErrorExplainer.explain(text).stream().map(Explanation::message).toList();
    }

    /** Pasted text → the known message it must match first. */
    static Stream<Arguments> firstMatch() {
        return Stream.of(
                // Verbatim dialog texts (reference §2), with and without Gmail's code suffix.
                Arguments.of("TLS Negotiation failed, the certificate doesn't match the host.",
                        KnownMessage.CERTIFICATE_DOESNT_MATCH),
                Arguments.of("TLS Negotiation failed, the certificate doesn't match the host., code: 0",
                        KnownMessage.CERTIFICATE_DOESNT_MATCH),
                Arguments.of("Server returned error: \"TLS Negotiation failed, the certificate doesn't match the host., code: 550\"",
                        KnownMessage.CERTIFICATE_DOESNT_MATCH),
                Arguments.of("STARTTLS not supported and the user requires enforcement., code: 500",
                        KnownMessage.STARTTLS_ENFORCEMENT),
                // The server's reply inside Gmail's frame is read first.
                Arguments.of("Authentication failed. Please check your username/password.\n"
                        + "Server returned error: \"535 Authentication Failed code(535)\"", KnownMessage.AUTH_CREDENTIALS_INVALID),
                Arguments.of("Authentication failed. Please check your username/password.", KnownMessage.AUTHENTICATION_FAILED),
                Arguments.of("535 5.7.8 Username and Password not accepted", KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED),
                Arguments.of("Couldn't reach server. Please double-check the server and port number.",
                        KnownMessage.COULDNT_REACH_SERVER),
                Arguments.of("454 4.7.0 TLS not available due to local problem", KnownMessage.TLS_NOT_AVAILABLE),
                Arguments.of("550 5.7.30 Basic authentication is not supported for Client Submission.",
                        KnownMessage.BASIC_AUTH_NOT_SUPPORTED),
                Arguments.of("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
                        KnownMessage.SMTP_AUTH_DISABLED),
                Arguments.of("530 5.7.0 Must issue a STARTTLS command first", KnownMessage.MUST_ISSUE_STARTTLS),
                Arguments.of("538 5.7.11 Encryption required for requested authentication mechanism",
                        KnownMessage.ENCRYPTION_REQUIRED),
                Arguments.of("Connection timed out", KnownMessage.CONNECTION_TIMED_OUT),
                Arguments.of("Connection refused", KnownMessage.CONNECTION_REFUSED),
                Arguments.of("553 5.7.1 <you@example.jp>: Sender address rejected: not owned by user",
                        KnownMessage.SENDER_NOT_OWNED),
                // OpenSMTPD's refusal has code 530 but is about the sender, not "log in first".
                Arguments.of("530 Sender rejected", KnownMessage.SENDER_NOT_OWNED),
                Arguments.of("554 5.2.252 SendAsDenied; user@contoso.com not allowed to send as you@example.jp",
                        KnownMessage.SENDER_NOT_OWNED),
                // Case, spacing, line breaks, curly quotes, full-width characters, partial pastes.
                Arguments.of("tls   negotiation\nFAILED, the certificate doesn’t match", KnownMessage.CERTIFICATE_DOESNT_MATCH),
                Arguments.of("ｔｈｅ ｃｅｒｔｉｆｉｃａｔｅ ｄｏｅｓｎ'ｔ ｍａｔｃｈ ｔｈｅ ｈｏｓｔ", KnownMessage.CERTIFICATE_DOESNT_MATCH),
                Arguments.of("requires enforcement", KnownMessage.STARTTLS_ENFORCEMENT),
                Arguments.of("couldnt reach server", KnownMessage.COULDNT_REACH_SERVER),
                // Bare reply codes.
                Arguments.of("535 5.7.8", KnownMessage.AUTH_CREDENTIALS_INVALID),
                Arguments.of("535-5.7.8", KnownMessage.AUTH_CREDENTIALS_INVALID),
                Arguments.of("550 5.7.1 Command rejected", KnownMessage.COMMAND_REJECTED),
                Arguments.of("530 5.7.0", KnownMessage.MUST_ISSUE_STARTTLS),
                Arguments.of("534-5.7.9 Application-specific password required.",
                        KnownMessage.GOOGLE_APP_PASSWORD_REQUIRED),
                Arguments.of("534-5.7.14", KnownMessage.GOOGLE_WEB_LOGIN_REQUIRED),
                Arguments.of("5.7.139", KnownMessage.SMTP_AUTH_DISABLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void firstMatch(String text, KnownMessage expected) {
        assertThat(explained(text)).first().isEqualTo(expected);
    }

    @Test
    void japaneseBounceWithTheSakuraReply() {
        String bounce = """
                メールの配信エラー
                [名前] の機能を使用して、別のアドレスまたは別のエイリアスからこのメールを送信しようとしています。\
                [名前] のアカウントの設定に誤りがあるか、設定が最新の状態ではありません。\
                設定を確認して、もう一度送信してみてください。
                詳細
                応答: 550 5.7.1 <***@***.co.jp>... Command rejected
                """;
        assertThat(explained(bounce)).containsExactly(KnownMessage.COMMAND_REJECTED, KnownMessage.SEND_AS_BOUNCE);
        Explanation e = GmailErrorExplainer.explain(bounce).get(0);
        assertThat(e.causes()).startsWith(FindingCode.PROVIDER_FOREIGN_IP_FILTER);
        assertThat(e.checkKey()).isEqualTo("known.COMMAND_REJECTED.check");
        assertThat(e.meaningKey()).isEqualTo("known.COMMAND_REJECTED");
    }

    @Test
    void japaneseBounceAlone() {
        assertThat(explained("メールの配信エラー")).containsExactly(KnownMessage.SEND_AS_BOUNCE);
        assertThat(explained("ﾒｰﾙの配信エラー")).containsExactly(KnownMessage.SEND_AS_BOUNCE);
    }

    @Test
    void aSpecificReplyComesBeforeGmailsFrameAndReplacesTheBareCode() {
        assertThat(explained("Authentication failed. Please check your username/password. Server returned error: "
                + "\"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.\""))
                .containsExactly(KnownMessage.SMTP_AUTH_DISABLED, KnownMessage.AUTHENTICATION_FAILED);
    }

    @Test
    void anInnerDnsErrorIsANameThatDoesNotExistNotAPassword() {
        // Gmail's password frame around a DNS failure: the inner reply decides.
        List<Explanation> found = GmailErrorExplainer.explain("Authentication failed. Please check your "
                + "username/password.\nServer returned error: \"DNS Error: DNS type 'a' lookup of smtp.example.jp "
                + "responded with code NXDOMAIN\"");
        assertThat(found.get(0).message()).isEqualTo(KnownMessage.DNS_NO_SUCH_HOST);
        assertThat(found.get(0).causes()).containsExactly(FindingCode.DNS_NO_SUCH_HOST);
        assertThat(found.get(0).pasted()).startsWith("DNS Error: DNS type 'a' lookup of smtp.example.jp");
        assertThat(found).extracting(Explanation::message).doesNotContain(KnownMessage.AUTH_CREDENTIALS_INVALID)
                .endsWith(KnownMessage.AUTHENTICATION_FAILED);
    }

    @Test
    void theJapaneseFramesAreReadTheSameWay() {
        assertThat(explained("サーバーからエラーが返されました: \"DNS Error: NXDOMAIN\"")).first()
                .isEqualTo(KnownMessage.DNS_NO_SUCH_HOST);
        assertThat(explained("詳細 応答: 535 5.7.8 Error: authentication failed")).first()
                .isEqualTo(KnownMessage.AUTH_CREDENTIALS_INVALID);
    }

    @Test
    void aBareCodeNeverOutranksTheWordsThatComeWithIt() {
        // 530 alone would be "Must issue STARTTLS"; 5.7.3 alone a refused login; 534 5.7.9 the App Password.
        assertThat(explained("451 5.7.3 STARTTLS is required to send mail")).first()
                .isEqualTo(KnownMessage.MUST_ISSUE_STARTTLS);
        assertThat(explained("Invalid login: 534-5.7.9 Please log in with your web browser and then try again"))
                .containsExactly(KnownMessage.GOOGLE_WEB_LOGIN_REQUIRED);
        assertThat(explained("550 5.7.1 Invalid credentials for relay")).containsExactly(KnownMessage.WORKSPACE_RELAY_DENIED);
    }

    @Test
    void workspaceRefusalsAreRecognised() {
        assertThat(explained("You must send through example.jp SMTP servers when you send as you@example.jp. "
                + "However, this functionality is not available for your account.")).first()
                .isEqualTo(KnownMessage.WORKSPACE_EXTERNAL_SMTP_NOT_ALLOWED);
    }

    @Test
    void theShownMessageIsWhatWasPastedNotTheCatalogue() {
        Explanation e = GmailErrorExplainer.explain("535 Authentication credentials invalid").get(0);
        assertThat(e.message()).isEqualTo(KnownMessage.AUTH_CREDENTIALS_INVALID);
        assertThat(e.pasted()).isEqualTo("535 Authentication credentials invalid");
        assertThat(e.text()).isEqualTo("535 5.7.8 Authentication credentials invalid");
        String longPaste = "535 Authentication credentials invalid " + "x".repeat(500);
        assertThat(GmailErrorExplainer.explain(longPaste).get(0).pasted()).hasSize(Explanation.PASTED_MAX).endsWith("…");
    }

    @Test
    void unknownTextsGetTheClosestNextStep() {
        assertThat(GmailErrorExplainer.hint("SSL handshake aborted")).isEqualTo(GmailErrorExplainer.Hint.CERTIFICATE);
        assertThat(GmailErrorExplainer.hint("パスワードが違います")).isEqualTo(GmailErrorExplainer.Hint.LOGIN);
        assertThat(GmailErrorExplainer.hint("サーバーに接続できませんでした")).isEqualTo(GmailErrorExplainer.Hint.CONNECTION);
        assertThat(GmailErrorExplainer.hint("Sender verify failed")).isEqualTo(GmailErrorExplainer.Hint.SENDER);
        assertThat(GmailErrorExplainer.hint("421 4.4.2 closing")).isEqualTo(GmailErrorExplainer.Hint.REPLY_CODE);
        assertThat(GmailErrorExplainer.hint("the printer is on fire")).isEqualTo(GmailErrorExplainer.Hint.NONE);
    }

    @Test
    void certificateMessageNamesTheCausesAndTheDecidingCheck() {
        Explanation e = GmailErrorExplainer.explain("the certificate doesn't match the host").get(0);
        assertThat(e.causes()).containsExactly(FindingCode.TLS_NAME_MISMATCH, FindingCode.TLS_UNTRUSTED_CHAIN,
                FindingCode.TLS_EXPIRED);
        assertThat(e.verbatim()).isTrue();
        assertThat(e.text()).isEqualTo("TLS Negotiation failed, the certificate doesn't match the host.");
    }

    @Test
    void couldntReachIsMarkedUnconfirmed() {
        assertThat(GmailErrorExplainer.explain("Couldn't reach server").get(0).verbatim()).isFalse();
    }

    @Test
    void unknownTextGivesNothing() {
        assertThat(GmailErrorExplainer.explain("Hello, world")).isEmpty();
        assertThat(GmailErrorExplainer.explain("")).isEmpty();
        assertThat(GmailErrorExplainer.explain("   \n ")).isEmpty();
        assertThat(GmailErrorExplainer.explain(null)).isEmpty();
        assertThat(GmailErrorExplainer.explain("code")).isEmpty();
        // Codes inside longer numbers are not codes.
        assertThat(GmailErrorExplainer.explain("order 15350 shipped")).isEmpty();
    }
}
