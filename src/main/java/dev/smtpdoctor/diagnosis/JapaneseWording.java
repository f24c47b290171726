package dev.smtpdoctor.diagnosis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user of Gmail's Japanese interface sees for each {@link KnownMessage}, and whether that is confirmed.
 * Gmail shows some texts in English inside its Japanese screens (the server's reply, and the certificate error
 * quoted in its Japanese bounce); such a text comes with a short Japanese gloss to show after it.
 *
 * <p>Confirmed wordings and where they were seen:
 * <ul>
 *   <li>{@link KnownMessage#SEND_AS_BOUNCE}: the Japanese bounce 「メールの配信エラー」 with the server's English reply
 *       after 「応答:」, quoted in full on igreks.jp, mindtech.jp, nldot.info and eripyon.com (URLs in
 *       {@link #sources()}).</li>
 *   <li>{@link KnownMessage#CERTIFICATE_DOESNT_MATCH}: shown in English inside that Japanese bounce (igreks.jp,
 *       mindtech.jp, spt.clara.jp).</li>
 *   <li>{@link KnownMessage#COMMAND_REJECTED}: the server's English reply, quoted by Japanese users of Sakura
 *       (internetcom.jp, cleverone.net).</li>
 *   <li>Every other server reply (535, 550, 530, 534 …): the mail server's own words, which Gmail quotes and does
 *       not translate; confirmed as far as the English wording is.</li>
 * </ul>
 * Gmail's own dialog sentences ({@code Authentication failed…}, {@code Couldn't reach server…}, the
 * {@code Server returned error} frame, the STARTTLS and Workspace refusals, connection errors) have no public
 * source showing how the Japanese dialog words them: they stay approximate ({@link #verbatim()} false).
 *
 * @param text     what the Japanese interface shows (English where Gmail shows English)
 * @param english  true when {@code text} is English, so a Japanese gloss is shown after it
 * @param gloss    a short Japanese gloss of an English text (empty for a Japanese text)
 * @param verbatim true when the wording a Japanese user sees is confirmed
 * @param sources  pages showing that wording to Japanese users (empty for a server's own reply)
 */
public record JapaneseWording(String text, boolean english, String gloss, boolean verbatim, List<String> sources) {

    private static final String IGREKS = "https://igreks.jp/dev/gmail%e3%81%8b%e3%82%89%e3%82%a8%e3%83%83%e3%82%af"
            + "%e3%82%b9%e3%82%b5%e3%83%bc%e3%83%90%e3%81%b8%e3%81%aesmtp%e6%8e%a5%e7%b6%9a%e3%81%8ctls%e3%82%a8"
            + "%e3%83%a9%e3%83%bc%e3%81%ab%e3%81%aa%e3%82%8b";
    private static final String MINDTECH = "https://mindtech.jp/?p=1216";
    private static final String NLDOT = "https://nldot.info/g-mail-cannot-be-sent-from-its-own-domain-tls-negotiation"
            + "-failed-the-certificate-doesnt-match-the-host/";
    private static final String ERIPYON = "https://eripyon.com/mt/2020/10/gmail_sent_tls_negotiation_failed_error.html";
    private static final String CLARA = "https://spt.clara.jp/faq/?include_tag=gmail";
    private static final String INTERNETCOM = "http://internetcom.jp/busnews/20140327/4.html";
    private static final String CLEVERONE = "https://cleverone.net/2026/02/%e5%82%99%e5%bf%98%e9%8c%b2gmail%e3%81%ae"
            + "-%e4%bb%96%e3%81%ae%e3%83%a1%e3%83%bc%e3%83%ab%e3%82%a2%e3%83%89%e3%83%ac%e3%82%b9-%e3%81%8b%e3%82%89"
            + "%e3%81%ae%e3%83%a1%e3%83%bc%e3%83%ab%e9%80%81%e4%bf%a1";

    private static final Map<KnownMessage, JapaneseWording> TABLE = new EnumMap<>(KnownMessage.class);

    static {
        sourced(KnownMessage.CERTIFICATE_DOESNT_MATCH, "証明書の名前がサーバー名と一致しないため、TLS 接続に失敗しました",
                IGREKS, MINDTECH, CLARA);
        gmailOwn(KnownMessage.STARTTLS_ENFORCEMENT, "サーバーが STARTTLS に対応していないため、暗号化が必須の設定では接続できません");
        gmailOwn(KnownMessage.AUTHENTICATION_FAILED, "ログインに失敗しました。ユーザー名とパスワードを確認してください");
        serverReply(KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED, "ユーザー名とパスワードが受け付けられませんでした");
        serverReply(KnownMessage.GOOGLE_WEB_LOGIN_REQUIRED, "ウェブブラウザーでログインしてから、もう一度お試しください");
        serverReply(KnownMessage.GOOGLE_APP_PASSWORD_REQUIRED, "アプリ パスワードが必要です");
        gmailOwn(KnownMessage.WORKSPACE_EXTERNAL_SMTP_NOT_ALLOWED, "このアドレスで送信するには指定の SMTP サーバーを使う必要が"
                + "ありますが、お使いのアカウントではこの機能を使えません。ドメインの管理者にお問い合わせください");
        serverReply(KnownMessage.WORKSPACE_RELAY_DENIED, "リレーの認証情報が正しくありません");
        gmailOwn(KnownMessage.DNS_NO_SUCH_HOST, "DNS のエラーです。そのドメイン名は存在しません");
        gmailOwn(KnownMessage.COULDNT_REACH_SERVER, "サーバーに接続できませんでした。サーバー名とポート番号を確認してください");
        serverReply(KnownMessage.COMMAND_REJECTED, "サーバーがコマンドを拒否しました", INTERNETCOM, CLEVERONE);
        serverReply(KnownMessage.TLS_NOT_AVAILABLE, "サーバー側の問題で TLS を使えません");
        serverReply(KnownMessage.BASIC_AUTH_NOT_SUPPORTED, "メールの送信ではパスワードによる基本認証に対応していません");
        serverReply(KnownMessage.SMTP_AUTH_DISABLED, "ログインに失敗しました。この組織では SMTP 認証が無効になっています");
        serverReply(KnownMessage.MUST_ISSUE_STARTTLS, "先に STARTTLS で暗号化を始める必要があります");
        serverReply(KnownMessage.ENCRYPTION_REQUIRED, "この認証方式では暗号化が必要です");
        gmailOwn(KnownMessage.CONNECTION_TIMED_OUT, "接続がタイムアウトしました");
        gmailOwn(KnownMessage.CONNECTION_REFUSED, "接続が拒否されました");
        TABLE.put(KnownMessage.SEND_AS_BOUNCE, new JapaneseWording(KnownMessage.SEND_AS_BOUNCE.text(), false, "",
                KnownMessage.SEND_AS_BOUNCE.verbatim(), List.of(IGREKS, MINDTECH, NLDOT, ERIPYON)));
        serverReply(KnownMessage.SENDER_NOT_OWNED, "送信者のアドレスが拒否されました。このユーザーのアドレスではありません");
        serverReply(KnownMessage.AUTH_CREDENTIALS_INVALID, "認証情報が正しくありません");
        gmailOwn(KnownMessage.SERVER_RETURNED_ERROR, "サーバーがエラーを返しました");
    }

    public JapaneseWording {
        sources = List.copyOf(sources);
    }

    /** The wording of {@code m} in Gmail's Japanese interface. */
    public static JapaneseWording of(KnownMessage m) {
        return TABLE.get(m);
    }

    /** The gloss to show after an English text; empty when the text is Japanese. */
    public Optional<String> glossIfEnglish() {
        return english && !gloss.isEmpty() ? Optional.of(gloss) : Optional.empty();
    }

    /** English as Japanese users saw it quoted: confirmed, with the pages that show it. */
    private static void sourced(KnownMessage m, String gloss, String... sources) {
        TABLE.put(m, new JapaneseWording(m.text(), true, gloss, m.verbatim(), List.of(sources)));
    }

    /** Gmail's own sentence: how its Japanese interface words it is not known. */
    private static void gmailOwn(KnownMessage m, String gloss) {
        TABLE.put(m, new JapaneseWording(m.text(), true, gloss, false, List.of()));
    }

    /** The mail server's own reply: Gmail quotes it untranslated, so it is as confirmed as the English wording. */
    private static void serverReply(KnownMessage m, String gloss, String... sources) {
        TABLE.put(m, new JapaneseWording(m.text(), true, gloss, m.verbatim(), List.of(sources)));
    }
}
