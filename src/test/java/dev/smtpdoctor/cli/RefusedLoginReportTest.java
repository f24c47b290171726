package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.Unwrapped;
import org.junit.jupiter.api.Test;

/**
 * A refused login or sender: the report says the connection settings were right (so the user changes
 * only the username or password) and gives the cause once, not again under "Why".
 */
class RefusedLoginReportTest {

    @Test
    void wrongPasswordKeepsTheConnectionSettingsAndStatesTheCauseOnce() {
        Cli.Run run = Cli.run("--lang", "en", "demo", "wrong-password");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Unwrapped.of(run.out())).contains("These connection settings are right")
                .contains("SMTP Server mail.example-shop.test, Port 465, Secured connection using SSL");
        assertThat(run.out().split("The server refused the login", -1)).hasSize(2);
    }

    @Test
    void senderNotOwnedInJapanese() {
        Cli.Run run = Cli.run("--lang", "ja", "demo", "sender-not-owned");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Unwrapped.of(run.out())).contains("）とログインは正しく").contains("このアカウントでこのアドレスから送ることだけが拒否されました")
                .contains("SMTP サーバー mail.example-shop.test").doesNotContain("ログイン（ユーザー名、パスワード");
    }
}
