package dev.smtpdoctor.cli;

import static dev.smtpdoctor.cli.CliFixture.EHLO;
import static dev.smtpdoctor.cli.CliFixture.FROM;
import static dev.smtpdoctor.cli.CliFixture.GOOD;
import static dev.smtpdoctor.cli.CliFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The password crosses the network unencrypted only with {@code --allow-plaintext-auth} (docs/security.md),
 * checked on the server side; and when it did, the report says so.
 */
class PlaintextAuthConsentTest {

    private static final String PASSWORD = "Plain-Secret-6";
    private static final String WARNING_EN =
            "Warning: as you allowed with --allow-plaintext-auth, the password was sent unencrypted.";
    private static final String WARNING_JA = "警告: --allow-plaintext-auth の指定どおり、パスワードを暗号化せずに送りました。";

    private final CliFixture f = new CliFixture();

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private Cli.Run probe(String security, String... extra) {
        List<String> args = new ArrayList<>(List.of("--username", USER, "--password-stdin", "--from", FROM));
        args.addAll(List.of(extra));
        return Cli.runWith(Map.of(), PASSWORD + "\n", f.probe(security, args));
    }

    // ---- without consent -------------------------------------------------------------------------------

    @ParameterizedTest(name = "--lang {0}")
    @ValueSource(strings = {"en", "ja"})
    void withoutConsentNoAuthIsSentAndTheReportSaysWhy(String lang) throws Exception {
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN", "STARTTLS");
        // Would it take a password unencrypted? Asked without one, and cancelled (RFC 4954 §4).
        f.server.expect("AUTH PLAIN").output("334 ").expect("*").output("501 5.7.0 Authentication aborted");
        f.quit();

        Cli.Run run = probe("none", "--lang", lang);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        f.verify();
        assertThat(f.server.receivedLines()).containsExactly(EHLO, "AUTH PLAIN", "*", "QUIT");
        assertThat(f.server.authAttempts()).isEmpty();
        if (lang.equals("en")) {
            assertThat(run.out()).contains("Login: not tested: the password is not sent over an unencrypted "
                    + "connection (allow with --allow-plaintext-auth).")
                    .contains("Sender you@example.test: not tested because login did not succeed.")
                    .doesNotContain(WARNING_EN);
        } else {
            assertThat(run.out()).contains("ログイン: 未確認。暗号化されていない接続ではパスワードを送りません")
                    .doesNotContain(WARNING_JA);
        }
    }

    @Test
    void withoutConsentJsonSaysWithheld() throws Exception {
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        f.server.expect("AUTH PLAIN").output("538 5.7.11 Encryption required");
        f.quit();

        Cli.Run run = probe("none", "--json");

        JsonNode probe = new ObjectMapper().readTree(run.out()).get("probe");
        assertThat(probe.at("/auth/status").asText()).isEqualTo("WITHHELD_PLAINTEXT");
        assertThat(probe.at("/sender/status").asText()).isEqualTo("SKIPPED");
        // Only the credential-free AUTH, refused: the server wants TLS first.
        assertThat(f.authCommands()).containsExactly("AUTH PLAIN");
        assertThat(f.server.authAttempts()).isEmpty();
        f.verify();
    }

    @Test
    void consentDoesNotMatterWhenTheConnectionIsEncrypted() throws Exception {
        f.server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        f.senderAccepted();
        f.quit();

        Cli.Run run = probe("ssl", "--allow-plaintext-auth", "--lang", "en");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).doesNotContain(WARNING_EN);
        f.verify();
    }

    // ---- with consent ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "--lang {0}")
    @ValueSource(strings = {"en", "ja"})
    void withConsentAuthIsSentAndTheReportWarns(String lang) throws Exception {
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        f.senderAccepted();
        f.quit();

        Cli.Run run = probe("none", "--allow-plaintext-auth", "--lang", lang);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        f.verify();
        assertThat(f.server.authAttempts()).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo(USER);
            assertThat(a.password()).contains(PASSWORD);
        });
        assertThat(run.out()).contains(lang.equals("en") ? WARNING_EN : WARNING_JA)
                .contains(lang.equals("en") ? "Login: accepted (PLAIN)." : "ログイン: 成功しました（PLAIN）。");
        assertThat(run.all()).doesNotContain(PASSWORD);
    }

    @Test
    void withConsentTheWarningStandsWhenTheLoginIsRefused() throws Exception {
        f.greeting();
        f.ehlo("AUTH LOGIN");
        f.server.expectAuth("LOGIN", "535 5.7.8 Authentication credentials invalid");
        f.quit();

        Cli.Run run = probe("none", "--allow-plaintext-auth", "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains(WARNING_EN);
        assertThat(f.server.authAttempts()).singleElement().satisfies(a -> assertThat(a.proves(PASSWORD)).isTrue());
        f.verify();
    }

    @Test
    void withConsentTheWarningStandsWhenTheServerHangsUpAfterTheCredentials() throws Exception {
        f.greeting();
        f.ehlo("AUTH PLAIN");
        f.server.expect("AUTH PLAIN *").closeConnection();

        Cli.Run run = probe("none", "--allow-plaintext-auth", "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        f.verify();
        assertThat(f.authCommands()).as("the password went out in clear").hasSize(1);
        assertThat(run.out()).contains(WARNING_EN);
    }

    @Test
    void withConsentNoWarningWhenTheServerOffersNoAuth() throws Exception {
        f.greeting();
        f.ehlo("PIPELINING");
        f.quit();

        Cli.Run run = probe("none", "--allow-plaintext-auth", "--lang", "en");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).contains("Login: the server does not offer AUTH on this connection.")
                .doesNotContain(WARNING_EN);
        assertThat(f.authCommands()).isEmpty();
        f.verify();
    }
}
