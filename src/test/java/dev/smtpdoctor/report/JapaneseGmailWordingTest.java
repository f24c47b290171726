package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.diagnosis.GmailErrorExplainer;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.JapaneseWording;
import dev.smtpdoctor.diagnosis.KnownMessage;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gmail's messages as its Japanese interface shows them: English text in 「」 with a gloss, and honest marking. */
class JapaneseGmailWordingTest {

    private static final DiagnosisText JA = new DiagnosisText(Messages.forLocale(Locale.JAPANESE));
    private static final DiagnosisText EN = new DiagnosisText(Messages.forLocale(Locale.ENGLISH));
    private static final String APPROXIMATE = "（文言は推定）";

    private static GmailVerdict fails(KnownMessage m, boolean verbatim, String reply, FindingCode cause) {
        return new GmailVerdict("mail.example.jp", 587, Security.TLS, GmailVerdict.Status.FAILS, Optional.of(m), verbatim,
                Optional.ofNullable(reply), Optional.of(cause), false, false, List.of());
    }

    @Test
    void everyMessageHasAJapaneseWordingAndEnglishOnesAGloss() {
        for (KnownMessage m : KnownMessage.values()) {
            JapaneseWording w = JapaneseWording.of(m);
            assertThat(w).as(m.name()).isNotNull();
            if (w.english()) {
                assertThat(w.gloss()).as(m.name()).isNotBlank().doesNotContain(",").doesNotContain("  ");
            }
            // Confirmed in Japanese never claims more than the English wording.
            if (w.verbatim()) {
                assertThat(m.verbatim()).as(m.name()).isTrue();
            }
            w.sources().forEach(s -> assertThat(s).as(m.name()).startsWith("http"));
        }
    }

    @Test
    void gmailsOwnSentencesWithoutAJapaneseSourceStayApproximate() {
        for (KnownMessage m : List.of(KnownMessage.AUTHENTICATION_FAILED, KnownMessage.COULDNT_REACH_SERVER,
                KnownMessage.STARTTLS_ENFORCEMENT, KnownMessage.SERVER_RETURNED_ERROR,
                KnownMessage.WORKSPACE_EXTERNAL_SMTP_NOT_ALLOWED, KnownMessage.CONNECTION_TIMED_OUT,
                KnownMessage.CONNECTION_REFUSED)) {
            assertThat(JapaneseWording.of(m).verbatim()).as(m.name()).isFalse();
        }
        assertThat(JapaneseWording.of(KnownMessage.CERTIFICATE_DOESNT_MATCH).sources()).isNotEmpty();
        assertThat(JapaneseWording.of(KnownMessage.SEND_AS_BOUNCE).sources()).isNotEmpty();
        assertThat(JapaneseWording.of(KnownMessage.SEND_AS_BOUNCE).english()).isFalse();
    }

    @Test
    void certificateErrorIsShownInEnglishWithAGlossAndNotMarkedApproximate() {
        String line = JA.verdict(fails(KnownMessage.CERTIFICATE_DOESNT_MATCH, true, null, FindingCode.TLS_NAME_MISMATCH));
        assertThat(line).contains("Gmail の表示: 「TLS Negotiation failed, the certificate doesn't match the host.」"
                + "（証明書の名前がサーバー名と一致しないため、TLS 接続に失敗しました）")
                .doesNotContain(APPROXIMATE);
    }

    @Test
    void anUnconfirmedVerdictKeepsTheApproximateMarkWithoutAStraySpace() {
        // Same message for an expired certificate: the wording is not confirmed for that cause.
        String line = JA.verdict(fails(KnownMessage.CERTIFICATE_DOESNT_MATCH, false, null, FindingCode.TLS_EXPIRED));
        assertThat(line).contains("）" + APPROXIMATE).doesNotContain(" " + APPROXIMATE);
    }

    @Test
    void couldntReachServerIsApproximateWithAGloss() {
        String line = JA.verdict(fails(KnownMessage.COULDNT_REACH_SERVER, false, null, FindingCode.CONNECT_TIMEOUT));
        assertThat(line).contains("「Couldn't reach server. Please double-check the server and port number.」"
                + "（サーバーに接続できませんでした。サーバー名とポート番号を確認してください）" + APPROXIMATE);
    }

    @Test
    void gmailsLoginFrameIsApproximateInJapaneseAndQuotesTheServerReply() {
        GmailVerdict v = fails(KnownMessage.AUTHENTICATION_FAILED, true, "535 5.7.8 Error: authentication failed",
                FindingCode.AUTH_FAILED);
        String line = JA.verdict(v);
        assertThat(line).contains("「Authentication failed. Please check your username/password.」（ログインに失敗しました。"
                + "ユーザー名とパスワードを確認してください） Server returned error: \"535 5.7.8 Error: authentication failed\""
                + APPROXIMATE);
        // English output is unchanged: Gmail's confirmed English wording, no mark, no gloss.
        assertThat(EN.verdict(v)).contains("Gmail shows: Authentication failed. Please check your username/password. "
                + "Server returned error: \"535 5.7.8 Error: authentication failed\"")
                .doesNotContain("approximate").doesNotContain("（");
    }

    @Test
    void serverReturnedErrorFrameIsGlossedAndApproximate() {
        String line = JA.verdict(fails(KnownMessage.SERVER_RETURNED_ERROR, false, "554 5.7.1 Access denied",
                FindingCode.AUTH_REQUIRES_TLS));
        assertThat(line).contains("「Server returned error: \"554 5.7.1 Access denied\"」（サーバーがエラーを返しました）"
                + APPROXIMATE);
    }

    @Test
    void englishCertificateLineIsUnchanged() {
        String line = EN.verdict(fails(KnownMessage.CERTIFICATE_DOESNT_MATCH, true, null, FindingCode.TLS_NAME_MISMATCH));
        assertThat(line).isEqualTo("Port 587, Secured connection using TLS (recommended): fails — Gmail shows: TLS "
                + "Negotiation failed, the certificate doesn't match the host. — Certificate is for another name");
    }

    @Test
    void explainGlossesAnEnglishPasteInJapaneseOnly() {
        Explanation e = GmailErrorExplainer.explain("TLS Negotiation failed, the certificate doesn't match the host.")
                .get(0);
        assertThat(JA.explanation(e)).anyMatch(l -> l.contains("「TLS Negotiation failed, the certificate doesn't match "
                + "the host.」（証明書の名前がサーバー名と一致しないため、TLS 接続に失敗しました）"));
        assertThat(EN.explanation(e)).noneMatch(l -> l.contains("証明書"));
    }

    @Test
    void explainRecognisesGmailsJapaneseBounceAndDoesNotGlossIt() {
        String bounce = "[名前] の機能を使用して、別のアドレスまたは別のエイリアスからこのメールを送信しようとしています。"
                + "[名前] のアカウントの設定に誤りがあるか、設定が最新の状態ではありません。設定を確認して、もう一度送信してみてください。";
        List<Explanation> found = GmailErrorExplainer.explain(bounce);
        assertThat(found).extracting(Explanation::message).containsExactly(KnownMessage.SEND_AS_BOUNCE);
        assertThat(GmailErrorExplainer.explain("設定を確認して、もう一度送信してみてください。"))
                .extracting(Explanation::message).containsExactly(KnownMessage.SEND_AS_BOUNCE);
        assertThat(JA.explanation(found.get(0))).noneMatch(l -> l.contains("」（"));
    }
}
