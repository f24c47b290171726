package dev.smtpdoctor.cli;

import static dev.smtpdoctor.cli.CliFixture.FROM;
import static dev.smtpdoctor.cli.CliFixture.GOOD;
import static dev.smtpdoctor.cli.CliFixture.HOST;
import static dev.smtpdoctor.cli.CliFixture.SELF_SIGNED;
import static dev.smtpdoctor.cli.CliFixture.USER;
import static dev.smtpdoctor.cli.CliFixture.WRONG_NAME;
import static dev.smtpdoctor.cli.CliFixture.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code smtp-doctor probe} end to end: the command line, the prober against {@link CliFixture}'s fake
 * server, the report in English and Japanese, the JSON of docs/json.md and the exit codes of
 * docs/exit-codes.md. Each scenario is one row; every row runs as English text, Japanese text and JSON.
 */
class ProbeCommandTest {

    private static final String PASSWORD = "Pr0be-Secret-91ab";
    private static final List<String> LOGIN = List.of("--username", USER, "--password-stdin");
    private static final List<String> LOGIN_AND_SENDER = List.of("--username", USER, "--password-stdin",
            "--from", FROM);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliFixture f = new CliFixture();

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    /**
     * One way a probe can go.
     *
     * @param authAttempts AUTH exchanges the server must have seen
     * @param english      sentences the English report must contain
     * @param japanese     the same in the Japanese report
     */
    record Scenario(String name, String security, Consumer<CliFixture> script, List<String> args, int exitCode,
                    String verdict, String outcome, String authStatus, int authAttempts, List<String> english,
                    List<String> japanese) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("ssl with login and sender accepted", "ssl", f -> {
                    f.server.implicitTls(GOOD);
                    f.greeting();
                    f.ehlo("AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES");
                    f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
                    f.senderAccepted();
                    f.quit();
                }, LOGIN_AND_SENDER, 0, "secure", "completed", "ACCEPTED", 1,
                        List.of("SSL (implicit TLS)", "Result: works, securely", "Certificate chain: trusted.",
                                "Name: the certificate covers mail.example.test (as mail.example.test).",
                                "Login: accepted (PLAIN).",
                                "Sender you@example.test: accepted (this account may send as this address)."),
                        List.of("、SSL の調査", "結果: 使えます。安全です", "証明書チェーン: 信頼されています。",
                                "名前: 証明書は mail.example.test に一致します（mail.example.test として）。",
                                "ログイン: 成功しました（PLAIN）。", "送信者 you@example.test: 許可されています")),
                new Scenario("starttls with login accepted", "tls", f -> {
                    f.greeting();
                    f.ehlo("PIPELINING", "STARTTLS");
                    f.startTls(GOOD);
                    f.ehlo("PIPELINING", "AUTH PLAIN LOGIN");
                    f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
                    f.quit();
                }, LOGIN, 0, "secure", "completed", "ACCEPTED", 1,
                        List.of("TLS (STARTTLS)", "Result: works, securely", "EHLO (in TLS)",
                                "Login: accepted (PLAIN)."),
                        List.of("TLS（STARTTLS）", "結果: 使えます。安全です", "EHLO（TLS 内）",
                                "ログイン: 成功しました（PLAIN）。")),
                new Scenario("certificate for other names", "ssl", f -> {
                    f.server.implicitTls(WRONG_NAME);
                    f.greeting();
                    f.ehlo("AUTH PLAIN LOGIN");
                    f.quit();
                }, LOGIN, 2, "failed", "completed", "WITHHELD_UNVERIFIED_CERTIFICATE", 0,
                        // The same verdict as check: Gmail refuses it, and the certificate names its server.
                        List.of("Result: does not work in Gmail: the server answers, but Gmail refuses its certificate.",
                                "Gmail shows: TLS Negotiation failed, the certificate doesn't match the host.",
                                "The certificate of mail.example.test is not made out for that name; it names: "
                                        + "other.example.test, www.other.example.test",
                                "Name: the certificate does NOT cover mail.example.test; it names: "
                                        + "other.example.test, www.other.example.test",
                                "Login: not tested: the password is not sent to a server whose certificate fails"),
                        List.of("結果: Gmail では使えません。サーバーは応答しますが、Gmail はその証明書を拒否します。",
                                "TLS Negotiation failed, the certificate doesn't match the host.",
                                "other.example.test, www.other.example.test",
                                "名前: 証明書は mail.example.test に一致しません。証明書の名前: "
                                        + "other.example.test, www.other.example.test",
                                "ログイン: 未確認。証明書の確認に通らないサーバーにはパスワードを送りません。")),
                new Scenario("self-signed certificate", "ssl", f -> {
                    f.server.implicitTls(SELF_SIGNED);
                    f.greeting();
                    f.ehlo("AUTH PLAIN LOGIN");
                    f.quit();
                }, List.of(), 2, "failed", "completed", "NOT_REQUESTED", 0,
                        List.of("Result: does not work in Gmail: the server answers, but Gmail refuses its certificate.",
                                "Gmail shows: TLS Negotiation failed, the certificate doesn't match the host.",
                                "Certificate chain: SELF-SIGNED, not trusted (Gmail refuses it).",
                                "Login: not tested (no username or password given)."),
                        List.of("結果: Gmail では使えません。",
                                "証明書チェーン: 自己署名で、信頼されていません（Gmail は拒否します）。",
                                "ログイン: 未確認（ユーザー名またはパスワードの指定なし）。")),
                new Scenario("unsecured", "none", f -> {
                    f.greeting();
                    f.ehlo("PIPELINING", "AUTH PLAIN LOGIN");
                    // Would it take a password unencrypted? Asked without one, and cancelled (RFC 4954 §4).
                    f.server.expect("AUTH PLAIN").output("334 ").expect("*").output("501 5.7.0 Authentication aborted");
                    f.quit();
                }, List.of(), 1, "insecure", "completed", "NOT_REQUESTED", 0,
                        List.of("unsecured", "Result: works, but NOT securely", "Login: not tested (no username or password given)."),
                        List.of("保護されていない接続", "結果: つながりますが、安全ではありません",
                                "ログイン: 未確認（ユーザー名またはパスワードの指定なし）。")),
                new Scenario("STARTTLS not offered", "tls", f -> {
                    f.greeting();
                    f.ehlo("PIPELINING", "AUTH PLAIN LOGIN");
                    f.quit();
                }, LOGIN, 2, "failed", "start-tls-not-offered", "NOT_REACHED", 0,
                        List.of("Result: does not work.",
                                "The server does not offer STARTTLS, so \"TLS\" cannot work on this port.",
                                "Login: not reached."),
                        List.of("結果: 使えません。",
                                "サーバーが STARTTLS を提供していないため、このポートでは「TLS」は使えません。",
                                "ログイン: その前の段階で終了しました。")),
                new Scenario("wrong password", "ssl", f -> {
                    f.server.implicitTls(GOOD);
                    f.greeting();
                    f.ehlo("AUTH PLAIN LOGIN");
                    f.server.expectAuth("PLAIN", "535 5.7.8 Error: authentication failed: authentication failure");
                    f.quit();
                }, LOGIN_AND_SENDER, 2, "failed", "auth-rejected", "REJECTED", 1,
                        List.of("Result: does not work.",
                                "Login (PLAIN) was refused: 535 5.7.8 Error: authentication failed: "
                                        + "authentication failure",
                                "Login: REFUSED (PLAIN): 535 5.7.8 Error: authentication failed"),
                        List.of("結果: 使えません。",
                                "ログイン（PLAIN）が拒否されました: 535 5.7.8 Error: authentication failed: "
                                        + "authentication failure",
                                "ログイン: 拒否されました（PLAIN）: 535 5.7.8 Error: authentication failed")),
                new Scenario("sender refused at MAIL FROM", "ssl", f -> {
                    f.server.implicitTls(GOOD);
                    f.greeting();
                    f.ehlo("AUTH PLAIN LOGIN");
                    f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
                    f.server.expect("MAIL FROM:<" + FROM + ">")
                            .output("553 5.7.1 <you@example.test>: Sender address rejected: not owned by user");
                    f.quit();
                }, LOGIN_AND_SENDER, 2, "failed", "sender-rejected", "ACCEPTED", 1,
                        List.of("Result: does not work.",
                                "The server refused this sender address: 553 5.7.1 <you@example.test>: "
                                        + "Sender address rejected: not owned by user",
                                "Login: accepted (PLAIN).",
                                "Sender you@example.test: REFUSED: 553 5.7.1"),
                        List.of("結果: 使えません。",
                                "サーバーがこの送信者アドレスを拒否しました: 553 5.7.1 <you@example.test>: "
                                        + "Sender address rejected: not owned by user",
                                "ログイン: 成功しました（PLAIN）。",
                                "送信者 you@example.test: 拒否されました: 553 5.7.1")),
                new Scenario("sender refused at RCPT TO (delayed rejection)", "tls", f -> {
                    f.greeting();
                    f.ehlo("STARTTLS");
                    f.startTls(GOOD);
                    f.ehlo("AUTH LOGIN");
                    f.server.expectAuth("LOGIN", "235 2.7.0 Authentication successful");
                    f.server.expect("MAIL FROM:<" + FROM + ">").output("250 2.1.0 Ok");
                    f.server.expect("RCPT TO:<" + FROM + ">")
                            .output("553 5.7.1 <you@example.test>: Sender address rejected: not owned by user");
                    f.quit();
                }, LOGIN_AND_SENDER, 2, "failed", "sender-rejected", "ACCEPTED", 1,
                        List.of("Result: does not work.", "The server refused this sender address: 553 5.7.1",
                                "Login: accepted (LOGIN).", "Sender you@example.test: REFUSED: 553 5.7.1"),
                        List.of("結果: 使えません。", "サーバーがこの送信者アドレスを拒否しました: 553 5.7.1",
                                "ログイン: 成功しました（LOGIN）。", "送信者 you@example.test: 拒否されました: 553 5.7.1")),
                new Scenario("nothing listens on the port", "ssl", CliFixture::useClosedPort, LOGIN, 2, "failed",
                        "refused", "NOT_REACHED", 0,
                        List.of("Result: does not work.", "Connection refused by 127.0.0.1: nothing listens on this port."),
                        List.of("結果: 使えません。", "127.0.0.1 に接続を拒否されました。このポートでは何も待ち受けていません。")));
    }

    // ---- text ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void englishText(Scenario s) throws Exception {
        Cli.Run run = probe(s, "--lang", "en");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(s.exitCode());
        assertThat(run.out()).startsWith("Probe of " + HOST + " port " + f.port() + ", ");
        assertThat(run.out()).contains(s.english());
        assertWellFormed(run);
        assertServerSaw(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void japaneseText(Scenario s) throws Exception {
        Cli.Run run = probe(s, "--lang", "ja");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(s.exitCode());
        assertThat(run.out()).startsWith(HOST + " ポート " + f.port() + "、");
        assertThat(run.out()).contains(s.japanese());
        assertThat(run.out()).doesNotContain("Result:", "Login:", "Certificate chain:");
        assertWellFormed(run);
        assertServerSaw(s);
    }

    @Test
    void languageComesFromTheEnvironmentWithoutLang() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING");
        f.quit();

        Cli.Run run = Cli.runWith(Map.of("LANG", "ja_JP.UTF-8"), "", f.probe("none"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("結果: つながりますが、安全ではありません");
        f.verify();
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void json(Scenario s) throws Exception {
        Cli.Run run = probe(s, "--json", "--lang", "ja");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(s.exitCode());
        assertThat(run.err()).isEmpty();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.get("tool").asText()).isEqualTo("smtp-doctor");
        assertThat(doc.get("command").asText()).isEqualTo("probe");
        assertThat(doc.get("verdict").asText()).isEqualTo(s.verdict());
        JsonNode probe = doc.get("probe");
        assertThat(probe.at("/endpoint/host").asText()).isEqualTo(HOST);
        assertThat(probe.at("/endpoint/port").asInt()).isEqualTo(f.port());
        assertThat(probe.at("/endpoint/security").asText()).isEqualTo(s.security());
        assertThat(probe.at("/outcome/type").asText()).isEqualTo(s.outcome());
        assertThat(probe.at("/auth/status").asText()).isEqualTo(s.authStatus());
        JsonDoc.read().assertComplete(doc);
        // Language-neutral even under --lang ja: no kana or kanji anywhere.
        assertThat(run.out()).doesNotContainPattern("[\\u3040-\\u30ff\\u4e00-\\u9fff\\uff00-\\uffef]");
        assertThat(run.out()).doesNotContain(PASSWORD);
        assertServerSaw(s);
    }

    @Test
    void jsonShowsTheNamesOfACertificateForOtherHosts() throws Exception {
        f.server.implicitTls(WRONG_NAME);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        f.quit();

        Cli.Run run = Cli.run(f.probe("ssl", "--json").toArray(String[]::new));

        // probe and check agree: Gmail refuses it (exit 2, "failed"), with check's verdict and cause.
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("verdict").asText()).isEqualTo("failed");
        assertThat(root.at("/gmail/status").asText()).isEqualTo("FAILS");
        assertThat(root.at("/gmail/message").asText()).isEqualTo("CERTIFICATE_DOESNT_MATCH");
        assertThat(root.at("/gmail/cause").asText()).isEqualTo("TLS_NAME_MISMATCH");
        assertThat(root.at("/gmailCause/code").asText()).isEqualTo("TLS_NAME_MISMATCH");
        assertThat(root.at("/gmailCause/args/names").asText()).contains("other.example.test");
        JsonNode tls = root.at("/probe/tls");
        assertThat(tls.at("/nameVerdict/matches").asBoolean()).isFalse();
        assertThat(tls.at("/nameVerdict/host").asText()).isEqualTo(HOST);
        assertThat(tls.at("/nameVerdict/matchedName").isNull()).isTrue();
        assertThat(tls.at("/nameVerdict/presentedNames")).extracting(JsonNode::asText)
                .containsExactly("other.example.test", "www.other.example.test");
        assertThat(tls.at("/chainVerdict/status").asText()).isEqualTo("TRUSTED");
        assertThat(tls.get("verified").asBoolean()).isFalse();
        assertThat(tls.get("chain")).hasSize(2);
        assertThat(tls.at("/chain/0/dnsNames")).extracting(JsonNode::asText)
                .containsExactly("other.example.test", "www.other.example.test");
        f.verify();
    }

    @Test
    void jsonOfASecureProbeHasAVerifiedMatchingCertificate() throws Exception {
        Scenario s = scenarios().findFirst().orElseThrow();
        s.script().accept(f);

        Cli.Run run = Cli.runWith(Map.of(), PASSWORD + "\n", f.probe(s.security(), concat(s.args(), "--json")));

        JsonNode probe = JSON.readTree(run.out()).get("probe");
        assertThat(probe.at("/tls/nameVerdict/matches").asBoolean()).isTrue();
        assertThat(probe.at("/tls/nameVerdict/matchedName").asText()).isEqualTo(HOST);
        assertThat(probe.at("/tls/verified").asBoolean()).isTrue();
        assertThat(probe.at("/tls/sni").asText()).isEqualTo(HOST);
        assertThat(probe.at("/auth/mechanism").asText()).isEqualTo("PLAIN");
        assertThat(probe.at("/auth/reply/code").asInt()).isEqualTo(235);
        assertThat(probe.at("/sender/status").asText()).isEqualTo("ACCEPTED");
        assertThat(probe.at("/sender/address").asText()).isEqualTo(FROM);
        assertThat(probe.get("steps")).extracting(n -> n.get("step").asText()).containsExactly("RESOLVE", "CONNECT",
                "TLS_HANDSHAKE", "GREETING", "EHLO", "AUTH", "MAIL_FROM", "RCPT_TO", "RSET", "QUIT");
        assertThat(probe.get("transcript")).extracting(n -> n.get("text").asText()).contains("AUTH PLAIN [redacted]");
        f.verify();
    }

    // ---- --verbose ----------------------------------------------------------------------------------

    @Test
    void verboseShowsTheConversationWithAuthRedacted() throws Exception {
        Scenario s = scenarios().findFirst().orElseThrow();
        s.script().accept(f);

        Cli.Run run = Cli.runWith(Map.of(), PASSWORD + "\n",
                f.probe(s.security(), concat(s.args(), "--verbose", "--lang", "en")));

        assertThat(run.exitCode()).isZero();
        String out = run.out();
        assertThat(out).contains("Conversation (login data redacted):");
        assertThat(out).containsPattern("S: 220 " + HOST + " ESMTP ready")
                .containsPattern("C: EHLO \\[127\\.0\\.0\\.1]")
                .contains("C: AUTH PLAIN [redacted]")
                .contains("S: 235 2.7.0 Authentication successful")
                .contains("C: MAIL FROM:<" + FROM + ">")
                .contains("C: QUIT");
        assertThat(out).doesNotContain(PASSWORD, b64(PASSWORD), b64("\0" + USER + "\0" + PASSWORD));
        // The server did get the password: the redaction is in the report, not on the wire.
        assertThat(f.server.authAttempts()).singleElement().satisfies(a -> assertThat(a.proves(PASSWORD)).isTrue());
        f.verify();
    }

    @Test
    void verboseLoginMechanismRedactsEveryCredentialLine() throws Exception {
        f.server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH LOGIN");
        f.server.expectAuth("LOGIN", "235 2.7.0 Authentication successful");
        f.quit();

        Cli.Run run = Cli.runWith(Map.of(), PASSWORD + "\n", f.probe("ssl", concat(LOGIN, "--verbose", "--lang", "ja")));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("やり取り（ログイン情報は伏せ字）:");
        List<String> clientLines = run.out().lines().filter(l -> l.contains(" C: ")).map(l -> l.replaceAll("^.* C: ", ""))
                .toList();
        assertThat(clientLines).containsExactly("EHLO [127.0.0.1]", "AUTH LOGIN", "[redacted]", "[redacted]", "QUIT");
        assertThat(run.out()).doesNotContain(PASSWORD, b64(PASSWORD), b64(USER));
        f.verify();
    }

    @Test
    void withoutVerboseThereIsNoTranscript() throws Exception {
        Scenario s = scenarios().findFirst().orElseThrow();
        s.script().accept(f);

        Cli.Run run = Cli.runWith(Map.of(), PASSWORD + "\n", f.probe(s.security(), concat(s.args(), "--lang", "en")));

        assertThat(run.out()).doesNotContain("Conversation", "C: ", "S: 235");
        f.verify();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Cli.Run probe(Scenario s, String... output) {
        s.script().accept(f);
        return Cli.runWith(Map.of(), PASSWORD + "\n", f.probe(s.security(), concat(s.args(), output)));
    }

    private void assertServerSaw(Scenario s) throws InterruptedException {
        f.verify();
        assertThat(f.server.authAttempts()).as("AUTH exchanges").hasSize(s.authAttempts());
        f.server.authAttempts().forEach(a -> {
            assertThat(a.username()).isEqualTo(USER);
            assertThat(a.proves(PASSWORD)).isTrue();
        });
        if (s.authAttempts() == 0) {
            assertThat(f.loginAuthCommands()).isEmpty();
        }
    }

    /** No unfilled placeholder, no missing message key, no stack trace, nothing on stderr, no password. */
    private static void assertWellFormed(Cli.Run run) {
        assertThat(run.out()).doesNotContainPattern("\\{\\d+}").doesNotContainPattern("![a-z][\\w.-]*!");
        assertThat(run.all()).doesNotContain("Exception", "\tat ", PASSWORD);
        assertThat(run.err()).isEmpty();
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
