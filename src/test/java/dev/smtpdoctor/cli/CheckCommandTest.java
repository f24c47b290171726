package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import dev.smtpdoctor.testing.Unwrapped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code check} command's surface: bad input through the input lint (64, the lint's message in the
 * user's language on stderr), where the password comes from ({@code --password-env}, {@code --password-stdin},
 * {@code --no-login}), and the JSON document (docs/json.md). Checks that probe run against the demo's
 * shared-hosting servers, reached through a test resolver (the demo's ports are ephemeral, so
 * {@code --resolve} cannot map them) and trusted through {@code --ca-file}, as a user would give it.
 */
class CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "taro@example-shop.test";
    private static final String TYPED = "mail.example-shop.test";
    private static final String PROVIDER = "sv1234.demo-hosting.test";
    private static final String PASSWORD = "demo-password-1234";
    private static final String ENV = "SMTP_DOCTOR_TEST_PASSWORD";

    private static RunningDemo demo;

    @BeforeAll
    static void startDemo() {
        demo = DemoScenario.SHARED_HOSTING.start();
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    /**
     * {@code check ADDRESS --server mail.example-shop.test --port 587 --security tls --ca-file DEMO-CA
     * --trust-certificate-name sv1234.demo-hosting.test ...}: the user confirmed the provider's name.
     */
    private static Cli.Run check(Map<String, String> env, InputStream stdin, String... more) {
        List<String> args = new ArrayList<>(List.of("check", ADDRESS, "--server", TYPED, "--port", "587",
                "--security", "tls", "--ca-file", demo.caFile().toString(), "--timeout", "5",
                "--trust-certificate-name", PROVIDER));
        args.addAll(List.of(more));
        return Cli.runCheck(demo.resolver(), env, stdin, args.toArray(String[]::new));
    }

    private static Cli.Run check(String... more) {
        return check(Map.of(ENV, PASSWORD), InputStream.nullInputStream(), more);
    }

    @Test
    void anUnconfirmedCertificateNameIsRecommendedToConfirmAndNeverGetsThePassword() throws Exception {
        Cli.Run run = Cli.runCheck(demo.resolver(), Map.of(ENV, PASSWORD), InputStream.nullInputStream(), "check",
                ADDRESS, "--server", TYPED, "--port", "587", "--security", "tls", "--ca-file",
                demo.caFile().toString(), "--timeout", "5", "--password-env", ENV, "--json");

        JsonNode doc = JSON.readTree(run.out());
        JsonNode r = doc.get("recommendation");
        assertThat(r.get("server").asText()).isEqualTo(PROVIDER);
        assertThat(r.get("loginVerified").asBoolean()).isFalse();
        assertThat(r.get("confirmWithProvider").asBoolean()).isTrue();
        assertThat(authStatuses(doc)).as("no probe sent the password").noneMatch(s -> s.equals("ACCEPTED")
                || s.equals("REJECTED"));

        Cli.Run text = Cli.runCheck(demo.resolver(), Map.of(ENV, PASSWORD), InputStream.nullInputStream(), "check",
                ADDRESS, "--server", TYPED, "--ca-file", demo.caFile().toString(), "--timeout", "5",
                "--password-env", ENV, "--lang", "en");
        assertThat(Unwrapped.of(text.out())).contains("is the name in your server's certificate").doesNotContain("points to the same server.")
                .contains("--trust-certificate-name " + PROVIDER).contains("Your password was NOT tested");
    }

    @Test
    void aTrustedCertificateNameMustBeAServerName() {
        Cli.Run run = check("--password-env", ENV, "--trust-certificate-name", "*.demo-hosting.test");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("is not a server name for --trust-certificate-name");
    }

    // ---- bad input: the lint decides, nothing is probed -----------------------------------------

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("taro-example.test"), "INPUT_INVALID_ADDRESS",
                        "Email address: \"taro-example.test\" is not an email address.",
                        "メールアドレス: 「taro-example.test」はメールアドレスとして正しくありません。"),
                Arguments.of(List.of("taro@"), "INPUT_INVALID_ADDRESS",
                        "Email address: \"taro@\" is not an email address.",
                        "メールアドレス: 「taro@」はメールアドレスとして正しくありません。"),
                Arguments.of(List.of(""), "INPUT_ADDRESS_MISSING", "Email address: no email address was given.",
                        "メールアドレス: メールアドレスが入力されていません。"),
                Arguments.of(List.of(ADDRESS, "--port", "seven"), "INPUT_INVALID_PORT",
                        "Port: \"seven\" is not a port number.", "ポート: 「seven」"),
                Arguments.of(List.of(ADDRESS, "--security", "starttls-maybe"), "INPUT_INVALID_SECURITY",
                        "Security: \"starttls-maybe\"", "セキュリティ: 「starttls-maybe」はセキュリティの選択肢にありません。"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badInput")
    void badInputIsReportedByTheLintWithExit64(List<String> args, String code, String english, String japanese)
            throws Exception {
        Cli.Run en = lintOnly(args, "en");
        assertThat(en.exitCode()).as(en.all()).isEqualTo(64);
        assertThat(en.out()).isEmpty();
        assertThat(Unwrapped.of(en.err())).startsWith("The input cannot be used:").contains("✗ " + english)
                .doesNotContain("{field}").doesNotContain("Exception");

        Cli.Run ja = lintOnly(args, "ja");
        assertThat(ja.exitCode()).as(ja.all()).isEqualTo(64);
        assertThat(ja.out()).isEmpty();
        assertThat(Unwrapped.of(ja.err())).startsWith("入力をそのままでは使えません:").contains("✗ " + japanese)
                .doesNotContain("{field}");

        // JSON: the same answer as a document on stdout (for scripts), nothing probed.
        Cli.Run json = lintOnly(args, "--json");
        assertThat(json.exitCode()).isEqualTo(64);
        assertThat(json.err()).isEmpty();
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.get("status").asText()).isEqualTo("BAD_INPUT");
        assertThat(doc.get("exitCode").asInt()).isEqualTo(64);
        assertThat(doc.get("settings").isNull()).isTrue();
        assertThat(doc.get("recommendation").get("kind").asText()).isEqualTo("BAD_INPUT");
        assertThat(doc.get("findings").get(0).get("code").asText()).isEqualTo(code);
        assertThat(doc.get("findings").get(0).get("severity").asText()).isEqualTo("ERROR");
        assertThat(doc.get("gmail")).isEmpty();
        assertThat(doc.get("probes")).isEmpty();
    }

    /** Bad input never reaches the network: a resolver that fails the test if asked. */
    private static Cli.Run lintOnly(List<String> args, String langOrJson) {
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(args);
        all.addAll(langOrJson.equals("--json") ? List.of("--json") : List.of("--lang", langOrJson));
        return Cli.runCheck((host, port) -> {
            throw new AssertionError("bad input must not be probed, but " + host + ":" + port + " was looked up");
        }, Map.of(), InputStream.nullInputStream(), all.toArray(String[]::new));
    }

    // ---- where the password comes from --------------------------------------------------------

    @Test
    void passwordFromEnvironmentLogsInOnceAndIsNeverShown() throws Exception {
        Cli.Run run = check("--password-env", ENV, "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(PASSWORD);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("settings").get("passwordGiven").asBoolean()).isTrue();
        assertThat(doc.get("recommendation").get("loginVerified").asBoolean()).isTrue();
        assertThat(authStatuses(doc)).filteredOn(s -> s.equals("ACCEPTED") || s.equals("REJECTED")).hasSize(1);
    }

    @Test
    void passwordFromStandardInputThatIsWrongEndsInNothingWorks() throws Exception {
        InputStream stdin = new ByteArrayInputStream("not-the-password\n".getBytes(StandardCharsets.UTF_8));
        Cli.Run run = check(Map.of(), stdin, "--password-stdin", "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.all()).doesNotContain("not-the-password");
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("recommendation").get("likelyCause").get("code").asText()).isEqualTo("AUTH_FAILED");
        assertThat(authStatuses(doc)).filteredOn(s -> s.equals("ACCEPTED") || s.equals("REJECTED"))
                .containsExactly("REJECTED");
    }

    @Test
    void noLoginAsksForNoPasswordAndSendsNone() throws Exception {
        // Standard input holds a line and the environment a password: --no-login reads neither.
        InputStream stdin = new ByteArrayInputStream("typed-by-mistake\n".getBytes(StandardCharsets.UTF_8));
        Cli.Run run = check(Map.of(ENV, PASSWORD), stdin, "--no-login", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(stdin.available()).as("standard input left unread").isPositive();
        assertThat(run.all()).doesNotContain("Password for").doesNotContain("のパスワード（表示されません）");
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("settings").get("passwordGiven").asBoolean()).isFalse();
        assertThat(Set.copyOf(authStatuses(doc))).doesNotContain("ACCEPTED", "REJECTED", "DEFERRED");
        JsonNode r = doc.get("recommendation");
        assertThat(r.get("server").asText()).isEqualTo(PROVIDER);
        assertThat(r.get("loginVerified").asBoolean()).isFalse();
    }

    @Test
    void noLoginWithAPasswordSourceIsAContradiction() {
        Cli.Run run = check(Map.of(ENV, PASSWORD), InputStream.nullInputStream(), "--no-login", "--password-env", ENV,
                "--lang", "en");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--no-login").doesNotContain(PASSWORD);
    }

    @Test
    void passwordEnvironmentVariableThatIsNotSetIsAUsageError() {
        Cli.Run en = check(Map.of(), InputStream.nullInputStream(), "--password-env", "SMTP_DOCTOR_UNSET", "--lang", "en");
        assertThat(en.exitCode()).isEqualTo(64);
        assertThat(en.err()).contains("SMTP_DOCTOR_UNSET").contains("is not set");
        Cli.Run ja = check(Map.of(), InputStream.nullInputStream(), "--password-env", "SMTP_DOCTOR_UNSET", "--lang", "ja");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("設定されていません");
    }

    @Test
    void passwordOnTheCommandLineIsRefused() {
        Cli.Run run = check("--password", "s3cret-On-CommandLine", "--lang", "en");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.all()).doesNotContain("s3cret-On-CommandLine").contains("not accepted on the command line");
    }

    // ---- the report -----------------------------------------------------------------------------

    @Test
    void jsonDocumentShape() throws Exception {
        Cli.Run run = check("--password-env", ENV, "--json");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode doc = JSON.readTree(run.out());

        assertThat(fieldNames(doc)).containsExactly("schemaVersion", "tool", "toolVersion", "command", "status",
                "exitCode", "settings", "recommendation", "findings", "gmail", "discovery", "domain", "probes", "totalMillis", "startedAt");
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.get("tool").asText()).isEqualTo("smtp-doctor");
        assertThat(doc.get("command").asText()).isEqualTo("check");
        assertThat(doc.get("status").asText()).isEqualTo("SECURE");
        assertThat(doc.get("exitCode").asInt()).isZero();

        JsonNode s = doc.get("settings");
        assertThat(s.get("address").asText()).isEqualTo(ADDRESS);
        assertThat(s.get("server").asText()).isEqualTo(TYPED);
        assertThat(s.get("port").asInt()).isEqualTo(587);
        assertThat(s.get("security").asText()).isEqualTo("tls");

        JsonNode r = doc.get("recommendation");
        assertThat(r.get("kind").asText()).isEqualTo("SECURE");
        assertThat(r.get("server").asText()).isEqualTo(PROVIDER);
        assertThat(r.get("port").isInt()).isTrue();
        assertThat(r.get("port").asInt()).isEqualTo(465);
        assertThat(r.get("security").asText()).isEqualTo("ssl");
        assertThat(r.get("username").asText()).isEqualTo(ADDRESS);
        assertThat(r.get("secure").isBoolean()).isTrue();
        assertThat(r.get("secure").asBoolean()).isTrue();
        assertThat(r.get("source").asText()).isEqualTo("CERTIFICATE_NAME");
        assertThat(r.get("risks")).isEmpty();
        assertThat(r.get("askProvider")).isEmpty();
        assertThat(r.get("likelyCause").isNull()).isTrue();

        assertThat(doc.get("findings").isArray()).isTrue();
        assertThat(doc.get("findings")).isNotEmpty().allSatisfy(f -> {
            assertThat(fieldNames(f)).containsExactly("code", "severity", "field", "args");
            assertThat(f.get("severity").asText()).isIn("ERROR", "WARNING", "INFO");
            assertThat(f.get("field").isNull() || f.get("field").asText().matches("[a-z]+")).isTrue();
            assertThat(f.get("args").isObject()).isTrue();
            f.get("args").forEach(v -> assertThat(v.isTextual()).isTrue());
        });
        JsonNode mismatch = first(doc.get("findings"), "TLS_NAME_MISMATCH");
        assertThat(mismatch.get("field").asText()).isEqualTo("server");
        assertThat(mismatch.get("args").get("host").asText()).isEqualTo(TYPED);
        assertThat(mismatch.get("args").get("names").asText()).isEqualTo(PROVIDER);
        assertThat(first(doc.get("findings"), "CERTIFICATE_NAME_ON_SAME_SERVER").get("args").get("host").asText())
                .isEqualTo(PROVIDER);

        assertThat(doc.get("gmail")).hasSize(7).allSatisfy(v -> {
            assertThat(v.get("host").asText()).isEqualTo(TYPED);
            assertThat(v.get("port").asInt()).isIn(25, 465, 587);
            assertThat(v.get("security").asText()).isIn("ssl", "tls", "none");
            assertThat(v.get("status").asText()).isIn("WORKS", "FAILS", "NOT_TESTED");
        });
        assertThat(doc.get("gmail").get(1).get("message").asText()).isEqualTo("CERTIFICATE_DOESNT_MATCH");
        assertThat(doc.get("gmail").get(1).get("verbatim").asBoolean()).isTrue();

        assertThat(doc.get("probes")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("endpoint").get("host").isTextual()).isTrue();
            assertThat(p.get("outcome").get("type").isTextual()).isTrue();
            assertThat(p.get("auth").get("status").isTextual()).isTrue();
            assertThat(p.get("candidate").get("source").asText())
                    .isIn("TYPED", "GUESS_SMTP", "GUESS_MAIL", "GUESS_DOMAIN", "CERTIFICATE_NAME");
        });
        assertThat(doc.get("probes")).anySatisfy(p -> {
            assertThat(p.get("candidate").get("host").asText()).isEqualTo(PROVIDER);
            assertThat(p.get("candidate").get("sameServerAs").asText()).isEqualTo(TYPED);
        });
    }

    @Test
    void textReportInEnglishAndJapanese() {
        Cli.Run en = check("--password-env", ENV, "--lang", "en");
        assertThat(en.exitCode()).as(en.all()).isZero();
        assertThat(en.out()).startsWith("smtp-doctor check for " + ADDRESS).contains("Type this into Gmail:")
                .contains("  SMTP Server: " + PROVIDER).contains("  Port: 465")
                .contains("  Secured connection using SSL").contains("The server accepted your login in this test")
                .contains("--details").doesNotContain("What Gmail would say for").doesNotContain("Everything that was tried:");
        Cli.Run details = check("--password-env", ENV, "--lang", "en", "--details");
        assertThat(details.out()).startsWith(en.out().substring(0, en.out().indexOf("Everything behind this answer")))
                .contains("What Gmail would say for " + TYPED + ":").contains("Everything that was tried:");

        Cli.Run ja = check("--password-env", ENV, "--lang", "ja");
        assertThat(ja.exitCode()).as(ja.all()).isZero();
        assertThat(ja.out()).contains("Gmail には次のように入力してください:").contains("  SMTP サーバー: " + PROVIDER)
                .contains("  ポート: 465").contains("  SSL を使用したセキュリティで保護された接続")
                .doesNotContain("Type this into Gmail");
        assertThat(en.out() + ja.out()).as("every placeholder filled").doesNotContainPattern("\\{[A-Za-z0-9_.-]+}");
    }

    @Test
    void pastedServerIsCorrectedByTheLintAndThenChecked() throws Exception {
        // A scheme, a port and a trailing space pasted into "SMTP Server": corrected, reported, and probed.
        Cli.Run run = Cli.runCheck(demo.resolver(), Map.of(ENV, PASSWORD), InputStream.nullInputStream(), "check",
                ADDRESS, "--server", "smtp://" + TYPED + ":587 ", "--ca-file", demo.caFile().toString(),
                "--password-env", ENV, "--json");
        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("settings").get("server").asText()).isEqualTo(TYPED);
        List<String> codes = new ArrayList<>();
        doc.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).contains("INPUT_SCHEME_IN_HOST", "INPUT_PORT_IN_HOST");
        assertThat(doc.get("recommendation").get("server").asText()).isEqualTo(PROVIDER);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<String> authStatuses(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.get("probes").forEach(p -> out.add(p.get("auth").get("status").asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode first(JsonNode findings, String code) {
        for (JsonNode f : findings) {
            if (f.get("code").asText().equals(code)) {
                return f;
            }
        }
        throw new AssertionError(code + " not among " + findings);
    }
}
