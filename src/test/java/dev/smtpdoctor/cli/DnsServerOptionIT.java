package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.knot.KnotServer;
import org.junit.jupiter.api.Test;

/** {@code --dns-server} decides where a probe connects: the test zone says mail.example.test is 127.0.0.25. */
class DnsServerOptionIT {

    @Test
    void theProbeConnectsToTheAddressTheGivenServerAnswers() {
        try (KnotServer knot = KnotServer.start()) {
            Cli.Run run = Cli.run("probe", "--server", "mail.example.test", "--port", "587", "--security", "tls",
                    "--dns-server", knot.address(), "--timeout", "2", "--lang", "en", "-v");

            assertThat(run.all()).contains("127.0.0.25").doesNotContain("Exception");
        }
    }

    @Test
    void aNameTheGivenServerDoesNotKnowIsNotFound() {
        try (KnotServer knot = KnotServer.start()) {
            Cli.Run run = Cli.run("probe", "--server", "nope.example.test", "--port", "587", "--security", "tls",
                    "--dns-server", knot.address(), "--timeout", "2", "--lang", "en");

            assertThat(run.all()).containsIgnoringCase("nope.example.test").doesNotContain("Exception");
            assertThat(run.exitCode()).isNotZero();
        }
    }
}
