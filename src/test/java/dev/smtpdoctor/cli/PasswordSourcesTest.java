package dev.smtpdoctor.cli;

import static dev.smtpdoctor.cli.CliFixture.EHLO;
import static dev.smtpdoctor.cli.CliFixture.FROM;
import static dev.smtpdoctor.cli.CliFixture.GOOD;
import static dev.smtpdoctor.cli.CliFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the password comes from — {@code --password-stdin} (one line), {@code --password-env VAR} — checked
 * on the server side: exactly that password arrives in the AUTH exchange, or, on bad input, exit 64 and
 * nothing reaches the server at all.
 */
class PasswordSourcesTest {

    private static final String VAR = "SMTP_DOCTOR_TEST_PW";

    private final CliFixture f = new CliFixture();

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    /** A secure server that accepts any login and then says goodbye. */
    private void acceptingServer() {
        f.server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        f.quit();
    }

    private String passwordTheServerGot() throws InterruptedException {
        f.verify();
        assertThat(f.server.authAttempts()).hasSize(1);
        return f.server.authAttempts().get(0).password().orElseThrow();
    }

    // ---- --password-stdin ---------------------------------------------------------------------------

    @ParameterizedTest(name = "stdin {0}")
    @CsvSource(delimiter = '|', value = {
        "'Stdin-Secret-1\\r\\nsecond line\\n' | Stdin-Secret-1",
        "'Stdin-Secret-1\\nsecond line'       | Stdin-Secret-1",
        "'Stdin-Secret-1'                     | Stdin-Secret-1",
        "'Stdin-Secret-1\\r\\n'               | Stdin-Secret-1",
        "'  spaces kept \\t\\r\\n'            | '  spaces kept \t'",
        "'パスワード\\n'                       | パスワード",
    })
    void stdinGivesTheFirstLineWithoutItsLineEnd(String stdin, String expected) throws Exception {
        acceptingServer();

        Cli.Run run = Cli.runWith(Map.of(), unescape(stdin),
                f.probe("ssl", "--username", USER, "--password-stdin"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(passwordTheServerGot()).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "stdin {0}")
    @ValueSource(strings = {"", "\\n", "\\r\\n"})
    void emptyStdinIsAUsageError(String stdin) throws Exception {
        Cli.Run en = Cli.runWith(Map.of(), unescape(stdin),
                f.probe("ssl", "--username", USER, "--password-stdin", "--lang", "en"));
        Cli.Run ja = Cli.runWith(Map.of(), unescape(stdin),
                f.probe("ssl", "--username", USER, "--password-stdin", "--lang", "ja"));

        assertThat(en.exitCode()).isEqualTo(64);
        assertThat(en.err()).contains("No password was read from standard input.");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("標準入力からパスワードを読めませんでした。");
        f.assertNoConnection();
    }

    // ---- --password-env -----------------------------------------------------------------------------

    @Test
    void environmentVariableGivesThePassword() throws Exception {
        acceptingServer();

        Cli.Run run = Cli.runWith(Map.of(VAR, "Env-Secret-2 with spaces "), "Not-This-One\n",
                f.probe("ssl", "--username", USER, "--password-env", VAR));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(passwordTheServerGot()).isEqualTo("Env-Secret-2 with spaces ");
    }

    @Test
    void missingEnvironmentVariableIsAUsageErrorNamingIt() throws Exception {
        Cli.Run en = Cli.runWith(Map.of("OTHER", "x"), "",
                f.probe("ssl", "--username", USER, "--password-env", VAR, "--lang", "en"));
        Cli.Run ja = Cli.runWith(Map.of("OTHER", "x"), "",
                f.probe("ssl", "--username", USER, "--password-env", VAR, "--lang", "ja"));

        assertThat(en.exitCode()).isEqualTo(64);
        assertThat(en.err()).contains("Environment variable '" + VAR + "' is not set.");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("環境変数 '" + VAR + "' が設定されていません。");
        f.assertNoConnection();
    }

    @Test
    void emptyEnvironmentVariableIsAUsageErrorNotAnEmptyPassword() throws Exception {
        // An empty password is never right, and trying one would spend the single AUTH attempt on a
        // login that cannot succeed (and count towards a lockout): the same rule as empty standard input.
        Cli.Run en = Cli.runWith(Map.of(VAR, ""), "",
                f.probe("ssl", "--username", USER, "--password-env", VAR, "--lang", "en"));
        Cli.Run ja = Cli.runWith(Map.of(VAR, ""), "",
                f.probe("ssl", "--username", USER, "--password-env", VAR, "--lang", "ja"));

        assertThat(en.exitCode()).as(en.all()).isEqualTo(64);
        assertThat(en.err()).contains("Environment variable '" + VAR + "' is empty.");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("環境変数 '" + VAR + "' が空です。");
        f.assertNoConnection();
    }

    // ---- combinations -------------------------------------------------------------------------------

    @Test
    void bothSourcesAtOnceIsAUsageError() throws Exception {
        List<String> args = f.probe("ssl", "--username", USER, "--password-stdin", "--password-env", VAR);
        Cli.Run en = Cli.runWith(Map.of(VAR, "Env-Secret-3"), "Stdin-Secret-3\n", concat(args, "--lang", "en"));
        Cli.Run ja = Cli.runWith(Map.of(VAR, "Env-Secret-3"), "Stdin-Secret-3\n", concat(args, "--lang", "ja"));

        assertThat(en.exitCode()).isEqualTo(64);
        assertThat(en.err()).contains("Give the password one way only: --password-stdin or --password-env.");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("パスワードの渡し方は 1 つにしてください");
        assertThat(en.all() + ja.all()).doesNotContain("Env-Secret-3", "Stdin-Secret-3");
        f.assertNoConnection();
    }

    @Test
    void withoutAUsernameNoPasswordIsReadAndNoAuthIsAttempted() throws Exception {
        f.server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN LOGIN");
        f.senderAccepted();
        f.quit();

        Cli.Run run = Cli.runWith(Map.of(VAR, "Env-Secret-4"), "Stdin-Secret-4\n",
                f.probe("ssl", "--from", FROM, "--lang", "en"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Login: not tested (no username or password given).")
                .contains("Sender you@example.test: accepted");
        f.verify();
        assertThat(f.authCommands()).isEmpty();
        assertThat(f.server.receivedLines()).containsExactly(EHLO, "MAIL FROM:<" + FROM + ">",
                "RCPT TO:<" + FROM + ">", "RSET", "QUIT");
    }

    @Test
    void theSenderAddressIsTheUsernameWhenOnlyAPasswordSourceIsGiven() throws Exception {
        f.server.implicitTls(GOOD);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        f.server.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        f.senderAccepted();
        f.quit();

        Cli.Run run = Cli.runWith(Map.of(), "Stdin-Secret-5\n", f.probe("ssl", "--from", FROM, "--password-stdin"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(passwordTheServerGot()).isEqualTo("Stdin-Secret-5");
        assertThat(f.server.authAttempts().get(0).username()).isEqualTo(FROM);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
