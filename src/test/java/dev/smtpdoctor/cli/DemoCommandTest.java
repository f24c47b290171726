package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.model.FindingCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import dev.smtpdoctor.testing.Unwrapped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code smtp-doctor demo}, in-process, for every scenario: the exit code is the answer (docs/exit-codes.md)
 * and the report says it in English, in Japanese and in JSON. The expectations follow the README: the most
 * secure configuration that works; when only "port 25 + Unsecured connection" works, exit 1 with its risks and
 * what to ask the provider; when nothing works (the password or the sender is refused, which port 25 would
 * not change), exit 2 with the most likely cause and the next step.
 *
 * <p>greeting-delay waits 6 s for the final greeting (its point); it runs once, as JSON. The others take well
 * under a second each.
 */
class DemoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "taro@example-shop.test";
    private static final String MAIL_HOST = "mail.example-shop.test";
    private static final String PROVIDER_HOST = "sv1234.demo-hosting.test";
    /** The demo mailboxes' password, and the one the wrong-password scenario types: never printed. */
    private static final List<String> PASSWORDS = List.of("demo-password-1234", "demo-password-1243");

    private static final List<String> RISKS = List.of("PASSWORD_READABLE", "MAIL_READABLE_ALTERABLE",
            "SERVER_IMPERSONATION", "SPOOFING_WITH_STOLEN_CREDENTIALS", "COMPLIANCE");

    /**
     * What one scenario must answer.
     *
     * @param server        the recommended "SMTP Server", empty when nothing works
     * @param findings      codes that must be among the findings, the first one the key finding
     * @param en            a phrase of the key finding's English text
     * @param ja            the same in Japanese
     * @param ask           what the provider is asked to change (insecure only)
     * @param likelyCause   when nothing works
     */
    record Expected(String scenario, int exitCode, String status, Optional<String> server, int port, String security,
                    String source, List<FindingCode> findings, String en, String ja, List<String> ask,
                    Optional<FindingCode> likelyCause, String nextAction) {

        @Override
        public String toString() {
            return scenario;
        }

        static Expected secure(String scenario, String server, int port, String security, String source,
                               List<FindingCode> findings, String en, String ja) {
            return new Expected(scenario, 0, "SECURE", Optional.of(server), port, security, source, findings, en, ja,
                    List.of(), Optional.empty(), null);
        }

        static Expected insecureOnly(String scenario, List<FindingCode> findings, String en, String ja, String ask) {
            return new Expected(scenario, 1, "INSECURE_ONLY", Optional.of(MAIL_HOST), 25, "none", "TYPED", findings, en,
                    ja, List.of(ask), Optional.empty(), null);
        }

        static Expected nothingWorks(String scenario, FindingCode cause, String next, String en, String ja) {
            return new Expected(scenario, 2, "NOTHING_WORKS", Optional.empty(), 0, null, null, List.of(cause), en, ja,
                    List.of(), Optional.of(cause), next);
        }
    }

    static Stream<Expected> fastScenarios() {
        return Stream.of(
                Expected.secure("shared-hosting", PROVIDER_HOST, 465, "ssl", "CERTIFICATE_NAME",
                        List.of(FindingCode.TLS_NAME_MISMATCH, FindingCode.CERTIFICATE_NAME_ON_SAME_SERVER),
                        "it names: " + PROVIDER_HOST, "別の名前（" + PROVIDER_HOST),
                Expected.insecureOnly("self-signed", List.of(FindingCode.TLS_UNTRUSTED_CHAIN),
                        "is not from a trusted certificate authority", "信頼された認証局が発行したものではありません",
                        "TRUSTED_CERTIFICATE"),
                Expected.insecureOnly("expired", List.of(FindingCode.TLS_EXPIRED),
                        "The certificate of " + MAIL_HOST + " expired on", "に期限が切れました",
                        "TRUSTED_CERTIFICATE"),
                Expected.insecureOnly("no-starttls", List.of(FindingCode.STARTTLS_NOT_OFFERED, FindingCode.CONNECT_REFUSED),
                        "does not offer STARTTLS on port 587", "ポート 587 は暗号化（STARTTLS）に対応していない",
                        "TLS_SUBMISSION"),
                Expected.nothingWorks("wrong-password", FindingCode.AUTH_FAILED, "CHECK_CREDENTIALS",
                        "The server refused the login for username " + ADDRESS,
                        "ユーザー名 " + ADDRESS + " でのログインをサーバーが拒否しました"),
                Expected.nothingWorks("sender-not-owned", FindingCode.SENDER_NOT_OWNED, "CHECK_SENDER",
                        "the server refused " + ADDRESS + " as the sender", "送信者 " + ADDRESS + " を拒否しました"),
                Expected.insecureOnly("only-unsecured", List.of(FindingCode.CONNECT_REFUSED, FindingCode.STARTTLS_NOT_OFFERED),
                        MAIL_HOST + " refused the connection on port 587",
                        MAIL_HOST + " はポート 587 への接続を拒否しました", "TLS_SUBMISSION"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastScenarios")
    void english(Expected e) {
        Cli.Run run = Cli.run("demo", "--scenario", e.scenario(), "--lang", "en");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(e.exitCode());
        assertClean(run);
        String out = Unwrapped.of(run.out());
        assertThat(out).contains("smtp-doctor demo: " + e.scenario())
                .contains("smtp-doctor check for " + ADDRESS).contains(e.en());
        switch (e.status()) {
            case "SECURE" -> assertThat(out).contains("Type this into Gmail:")
                    .contains("SMTP Server: " + e.server().orElseThrow()).contains("Port: " + e.port())
                    .contains("Secured connection using SSL");
            case "INSECURE_ONLY" -> assertThat(out)
                    .contains("Only an unsecured connection works; these settings work but are NOT safe:")
                    .contains("SMTP Server: " + MAIL_HOST).contains("Port: 25").contains(" Unsecured connection")
                    .contains("What the unsecured connection costs:")
                    .contains("Anyone on the network path can read your mailbox password.")
                    .contains("Every message you send can be read and changed on the way.")
                    .contains("Ask your provider:");
            default -> assertThat(out).contains("No configuration works yet.").contains("Cause:")
                    .contains("Next step:").doesNotContain("Type this into Gmail:").doesNotContain("SMTP Server:");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastScenarios")
    void japanese(Expected e) {
        Cli.Run run = Cli.run("demo", "--scenario", e.scenario(), "--lang", "ja");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(e.exitCode());
        assertClean(run);
        String out = Unwrapped.of(run.out());
        assertThat(out).contains("smtp-doctor デモ: " + e.scenario()).contains(e.ja())
                .doesNotContain("Type this into Gmail").doesNotContain("Why:");
        switch (e.status()) {
            case "SECURE" -> assertThat(out).contains("Gmail には次のように入力してください:")
                    .contains("SMTP サーバー: " + e.server().orElseThrow()).contains("ポート: " + e.port())
                    .contains("SSL を使用したセキュリティで保護された接続");
            case "INSECURE_ONLY" -> assertThat(out)
                    .contains("使えるのは保護されていない接続だけです。次の設定は安全ではありません:")
                    .contains("SMTP サーバー: " + MAIL_HOST).contains("ポート: 25").contains("保護されていない接続を使うと:")
                    .contains("通信の途中にいる人なら誰でも、メールのパスワードを読めます。");
            default -> assertThat(out).contains("まだ使える設定が見つかっていません。").contains("原因:")
                    .doesNotContain("SMTP サーバー:");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastScenarios")
    void json(Expected e) throws Exception {
        JsonNode doc = json(e.scenario());
        assertDocument(doc, e);
    }

    @Test
    void greetingDelayIsMeasuredAndLabelledNotBlamed() throws Exception {
        // The one slow scenario (6 s, on purpose): a correctly configured server behind a postscreen-like pause.
        JsonNode doc = json("greeting-delay");
        // Issue 10: the typed 587 with STARTTLS works, so it stays (it was 465 before).
        assertDocument(doc, Expected.secure("greeting-delay", MAIL_HOST, 587, "tls", "TYPED",
                List.of(FindingCode.GREETING_DELAYED), "", ""));
        JsonNode delayed = findings(doc).stream().filter(f -> f.get("code").asText().equals("GREETING_DELAYED"))
                .findFirst().orElseThrow();
        assertThat(delayed.get("severity").asText()).isEqualTo("INFO");
        assertThat(delayed.get("args").get("seconds").asDouble()).isBetween(5.9, 10.0);
        assertThat(doc.get("recommendation").get("loginVerified").asBoolean()).isTrue();
    }

    @Test
    void listNamesEveryScenarioAndTheDefault() {
        Cli.Run en = Cli.run("demo", "--list", "--lang", "en");
        assertThat(en.exitCode()).isZero();
        List<String> lines = en.out().lines().toList();
        assertThat(lines).hasSize(DemoScenario.values().length);
        for (DemoScenario s : DemoScenario.values()) {
            assertThat(lines).anySatisfy(l -> assertThat(l.strip()).startsWith(s.id() + " "));
        }
        assertThat(lines).filteredOn(l -> l.contains("(default)")).singleElement()
                .satisfies(l -> assertThat(l.strip()).startsWith("shared-hosting"));

        Cli.Run ja = Cli.run("demo", "--list", "--lang", "ja");
        assertThat(ja.exitCode()).isZero();
        assertThat(ja.out().lines()).hasSize(DemoScenario.values().length);
        assertThat(ja.out()).contains("（既定）").contains("greeting-delay");
    }

    @Test
    void unknownScenarioIsAUsageError() {
        Cli.Run en = Cli.run("demo", "--scenario", "no-such-thing", "--lang", "en");
        assertThat(en.exitCode()).isEqualTo(64);
        assertThat(en.out()).isEmpty();
        assertThat(en.err()).contains("Unknown demo scenario 'no-such-thing'").contains("smtp-doctor demo --list")
                .doesNotContain("Exception");

        Cli.Run ja = Cli.run("demo", "--scenario", "no-such-thing", "--lang", "ja");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("デモ 'no-such-thing' はありません");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static JsonNode json(String scenario) throws Exception {
        Cli.Run run = Cli.run("demo", "--scenario", scenario, "--json");
        assertClean(run);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("exitCode").asInt()).as("exit code and JSON agree").isEqualTo(run.exitCode());
        return doc;
    }

    private static void assertDocument(JsonNode doc, Expected e) {
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.get("command").asText()).isEqualTo("demo");
        assertThat(doc.get("status").asText()).isEqualTo(e.status());
        assertThat(doc.get("exitCode").asInt()).isEqualTo(e.exitCode());
        assertThat(doc.get("settings").get("address").asText()).isEqualTo(ADDRESS);
        assertThat(doc.get("settings").get("passwordGiven").asBoolean()).isTrue();

        JsonNode r = doc.get("recommendation");
        assertThat(r.get("kind").asText()).isEqualTo(e.status());
        if (e.server().isPresent()) {
            assertThat(r.get("server").asText()).isEqualTo(e.server().get());
            assertThat(r.get("port").asInt()).isEqualTo(e.port());
            assertThat(r.get("security").asText()).isEqualTo(e.security());
            assertThat(r.get("source").asText()).isEqualTo(e.source());
            assertThat(r.get("username").asText()).isEqualTo(ADDRESS);
            assertThat(r.get("secure").asBoolean()).isEqualTo(e.exitCode() == 0);
        } else {
            assertThat(r.get("server").isNull()).isTrue();
            assertThat(r.get("secure").asBoolean()).isFalse();
        }
        assertThat(texts(r.get("risks"))).isEqualTo(e.exitCode() == 1 ? RISKS : List.of());
        assertThat(texts(r.get("askProvider"))).containsExactlyElementsOf(e.ask());
        if (e.likelyCause().isPresent()) {
            assertThat(r.get("likelyCause").get("code").asText()).isEqualTo(e.likelyCause().get().name());
            assertThat(r.get("nextAction").asText()).isEqualTo(e.nextAction());
        } else {
            assertThat(r.get("likelyCause").isNull()).isTrue();
        }

        List<String> codes = findings(doc).stream().map(f -> f.get("code").asText()).toList();
        assertThat(codes).containsAll(e.findings().stream().map(Enum::name).toList());
        if (e.exitCode() != 0) {
            // The key finding is the first (errors first) — what the user reads before anything else.
            assertThat(codes.get(0)).isEqualTo(e.findings().get(0).name());
        }
        assertThat(doc.get("gmail")).hasSize(7);
        assertThat(doc.get("probes").size()).isGreaterThanOrEqualTo(5);
    }

    private static List<JsonNode> findings(JsonNode doc) {
        List<JsonNode> out = new ArrayList<>();
        doc.get("findings").forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * No stack trace, nothing on stderr, and the password typed into the demo's dialog never shown. (JSON may
     * quote the JDK's certificate-path verdict, whose text names an exception class: data, not a crash.)
     */
    private static void assertClean(Cli.Run run) {
        assertThat(run.err()).isEmpty();
        assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        if (!run.out().startsWith("{")) {
            // Every placeholder filled: no "{1}" or "{field}" left in a sentence.
            assertThat(run.out()).doesNotContain("Exception").doesNotContainPattern("\\{[A-Za-z0-9_.-]+}");
        }
        for (String p : PASSWORDS) {
            assertThat(run.all()).doesNotContain(p);
        }
    }
}
