package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.smtpdoctor.testing.Unwrapped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The yes/no question a person at a terminal is asked when the answer is a name from the server's
 * certificate that only DNS says is the same server (docs/security.md, promise 3): the demo's shared hosting,
 * where {@code mail.example-shop.test} presents a certificate for {@code sv1234.demo-hosting.test}. A scripted
 * {@link Terminal.Prompter} answers; without one (no terminal) nobody is asked.
 */
class CertificateNameQuestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "taro@example-shop.test";
    private static final String TYPED = "mail.example-shop.test";
    private static final String PROVIDER = "sv1234.demo-hosting.test";
    private static final String ENV = "SMTP_DOCTOR_TEST_PASSWORD";

    private static RunningDemo demo;
    private static String password;

    @BeforeAll
    static void startDemo() {
        demo = DemoScenario.SHARED_HOSTING.start();
        password = demo.demoPassword();
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    /** Answers every question with {@code answer} and remembers the questions. */
    private static final class Scripted implements Terminal.Prompter {
        final List<String> questions = Collections.synchronizedList(new ArrayList<>());
        private final Optional<String> answer;

        Scripted(Optional<String> answer) {
            this.answer = answer;
        }

        static Scripted answering(String answer) {
            return new Scripted(Optional.of(answer));
        }

        @Override
        public Optional<String> ask(String question) {
            questions.add(question);
            return answer;
        }
    }

    private static List<String> checkArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("check", ADDRESS, "--server", TYPED, "--port", "587",
                "--security", "tls", "--ca-file", demo.caFile().toString(), "--timeout", "5", "--password-env", ENV));
        args.addAll(List.of(more));
        return args;
    }

    private static Cli.Run check(Terminal.Prompter prompter, String... more) {
        return Cli.runAnswering(demo.resolver(), Map.of(ENV, password), prompter,
                checkArgs(more).toArray(String[]::new));
    }

    @Test
    void answeredYesTheCheckRunsAgainAndLogsInOnceAtTheProvidersName() {
        Scripted yes = Scripted.answering("y");
        Cli.Run run = check(yes, "--lang", "en", "-v");

        assertThat(yes.questions).singleElement().isEqualTo("The certificate of " + TYPED + " names another server: "
                + PROVIDER + " (same address). Is " + PROVIDER + " your provider's server? Test the login there? [y/N] ");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Unwrapped.of(run.out())).startsWith("You confirmed that " + PROVIDER + " is your provider's server")
                .contains("SMTP Server: " + PROVIDER)
                .contains("This name comes from the server's own certificate and points to the same server.")
                .contains("The server accepted your login in this test")
                .doesNotContain("Confirm with your provider").doesNotContain("The login was not tested");
        // The report is the second check's: one AUTH command in all its transcripts, at the provider's name.
        assertThat(authCommands(run.out())).as(run.out()).hasSize(1);
        assertThat(matrixRows(run.out(), "login OK")).singleElement().asString().startsWith("  " + PROVIDER);
        assertThat(run.all() + String.join("\n", yes.questions)).doesNotContain(password);
    }

    @Test
    void answeredHaiInJapaneseTheLoginIsTestedToo() {
        Scripted hai = Scripted.answering("はい");
        Cli.Run run = check(hai, "--lang", "ja");

        assertThat(hai.questions).singleElement().asString().startsWith(TYPED + " の証明書には、別のサーバー名 " + PROVIDER)
                .contains("確認できている場合だけ y を入力してください").endsWith("[y/N] ");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Unwrapped.of(run.out())).startsWith(PROVIDER + " はご利用のプロバイダーのサーバーだと確認していただいたので")
                .contains("このテストでサーバーがログインを受け付け");
        assertThat(run.all()).doesNotContain(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", "", "no", "nope", "yes please", "いいえ", "ｎ"})
    void answeredAnythingButYesNothingIsSentToTheName(String answer) {
        Scripted no = Scripted.answering(answer);
        Cli.Run run = check(no, "--lang", "en", "-v");

        assertThat(no.questions).hasSize(1);
        assertUnconfirmed(run);
    }

    @Test
    void inputThatEndsIsNo() {
        Scripted ended = new Scripted(Optional.empty());
        Cli.Run run = check(ended, "--lang", "en", "-v");

        assertThat(ended.questions).hasSize(1);
        assertUnconfirmed(run);
    }

    @Test
    void withoutATerminalNobodyIsAsked() {
        Cli.Run run = check(null, "--lang", "en", "-v");

        assertThat(run.all()).doesNotContain("[y/N]");
        assertUnconfirmed(run);
    }

    @Test
    void jsonOutputAsksNothing() throws Exception {
        Scripted yes = Scripted.answering("y");
        Cli.Run run = check(yes, "--json");

        assertThat(yes.questions).isEmpty();
        JsonNode r = JSON.readTree(run.out()).get("recommendation");
        assertThat(r.get("server").asText()).isEqualTo(PROVIDER);
        assertThat(r.get("confirmWithProvider").asBoolean()).isTrue();
        assertThat(r.get("loginVerified").asBoolean()).isFalse();
        assertThat(run.all()).doesNotContain(password);
    }

    @Test
    void withoutAPasswordThereIsNothingToAskFor() {
        Scripted yes = Scripted.answering("y");
        Cli.Run run = Cli.runAnswering(demo.resolver(), Map.of(), yes, "check", ADDRESS, "--server", TYPED,
                "--ca-file", demo.caFile().toString(), "--timeout", "5", "--no-login", "--lang", "en");

        assertThat(yes.questions).isEmpty();
        assertThat(run.out()).contains("The login was not tested").doesNotContain("You confirmed");
    }

    @Test
    void aNameAlreadyConfirmedOnTheCommandLineIsNotAskedAgain() {
        Scripted yes = Scripted.answering("y");
        Cli.Run run = check(yes, "--lang", "en", "--trust-certificate-name", PROVIDER);

        assertThat(yes.questions).isEmpty();
        assertThat(run.out()).contains("The server accepted your login in this test").doesNotContain("You confirmed");
    }

    @Test
    void explainWithAnAddressAsksTheSameQuestion() {
        Scripted yes = Scripted.answering("yes");
        Cli.Run run = Cli.runAnswering(demo.resolver(), Map.of(ENV, password), yes, "explain",
                "TLS Negotiation failed, the certificate doesn't match the host., code: 550", "--address", ADDRESS,
                "--server", TYPED, "--ca-file", demo.caFile().toString(), "--timeout", "5", "--password-env", ENV,
                "--lang", "en");

        assertThat(yes.questions).singleElement().asString().contains(PROVIDER);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Unwrapped.of(run.out())).contains("You confirmed that " + PROVIDER)
                .contains("The server accepted your login in this test");
        assertThat(run.all()).doesNotContain(password);
    }

    // ---- the answer and how it is read --------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"y", "Y", "yes", "YES", " Yes ", "ｙ", "Ｙ", "ｙｅｓ", "はい", "はい\u3000"})
    void theseAnswersAreYes(String answer) {
        assertThat(CheckCommand.isYes(answer)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "n", "no", "N", "ye", "yess", "y y", "ok", "いいえ", "うん", "1", "true"})
    void everythingElseIsNo(String answer) {
        assertThat(CheckCommand.isYes(answer)).isFalse();
    }

    @Test
    void theConsoleAnswerIsOneLineOfAtMost64Characters() throws Exception {
        StringReader in = new StringReader("y".repeat(10_000) + "\nrm -rf ~\n");
        assertThat(Terminal.Prompter.readBoundedLine(in)).hasValue("y".repeat(64));
        // The rest of that line was read and dropped; the next line is left alone.
        assertThat(Terminal.Prompter.readBoundedLine(in)).hasValue("rm -rf ~");
        assertThat(Terminal.Prompter.readBoundedLine(new StringReader("yes\r\n"))).hasValue("yes");
        assertThat(Terminal.Prompter.readBoundedLine(new StringReader("yes"))).hasValue("yes");
        assertThat(Terminal.Prompter.readBoundedLine(new StringReader(""))).isEmpty();
    }

    @Test
    void aTerminalWithoutAConsoleHasNobodyToAsk() {
        Terminal t = new Terminal(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), java.io.InputStream.nullInputStream(), null, false,
                Map.of());
        assertThat(t.prompter()).isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** What the report says when the name was not confirmed: confirm with the provider, no login there. */
    private static void assertUnconfirmed(Cli.Run run) {
        assertThat(Unwrapped.of(run.out())).contains("is the name in your server's certificate")
                .contains("--trust-certificate-name " + PROVIDER).contains("Your password was NOT tested")
                .doesNotContain("You confirmed");
        assertThat(authCommands(run.out())).as("no AUTH sent to anyone").isEmpty();
        assertThat(run.all()).doesNotContain(password);
    }

    /**
     * Login AUTH commands the client sent, in the {@code -v} transcripts ("  113 C: AUTH PLAIN [redacted]"): not
     * the credential-free one cancelled at once ("C: AUTH PLAIN", then "C: *") that asks whether a server would
     * take a password unencrypted.
     */
    private static List<String> authCommands(String report) {
        List<String> lines = report.lines().filter(l -> l.matches("\\s*\\d+ C: .*")).toList();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            boolean cancelled = i + 1 < lines.size() && lines.get(i + 1).matches("\\s*\\d+ C: \\*");
            if (lines.get(i).matches("\\s*\\d+ C: AUTH\\b.*") && !cancelled) {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    private static List<String> matrixRows(String report, String state) {
        return report.lines().filter(l -> l.endsWith(state)).toList();
    }
}
