package dev.smtpdoctor.cli;

import dev.smtpdoctor.model.DnsFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.DnsResolver;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user sees after a slip: the mistyped word when it is safe to show, a suggestion, the right cause. */
class UsageMessagesTest {

    @Test
    void aMistypedCommandIsShownWithASuggestion() {
        Cli.Run run = Cli.run("--lang", "en", "chek", "you@example.test");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("chek").contains("Did you mean: check");
    }

    @Test
    void aMistypedOptionIsShownWithASuggestion() {
        Cli.Run run = Cli.run("--lang", "en", "check", "you@example.test", "--srever", "mail.example.test", "--no-login");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--srever").contains("Did you mean: --server");

        Cli.Run ja = Cli.run("--lang", "ja", "check", "you@example.test", "--no-lgoin");
        assertThat(ja.exitCode()).isEqualTo(64);
        assertThat(ja.err()).contains("--no-login");
    }

    @Test
    void aValueAfterAMistypedOptionIsNeverCompared() {
        // Only the option's name is compared: "--passwrd=hunter2" suggests --password-env or nothing, never echoes the value.
        Cli.Run run = Cli.run("--lang", "en", "check", "you@example.test", "--passwrd=hunter2");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).doesNotContain("hunter2");
    }

    @Test
    void wordsThatCouldBePasswordsAreMasked() {
        assertThat(Main.shownUnmatched(List.of("--passwrd", "hunter2", "Tr0ub4dor&3", "self-signed", "--x=secret")))
                .containsExactly("--passwrd", "…", "…", "self-signed", "--x=…");
    }

    @Test
    void aScenarioCanBeNamedWithoutTheOption() {
        Cli.Run run = Cli.run("--lang", "en", "demo", "no-such-scenario");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("Unknown demo scenario 'no-such-scenario'");
    }

    @Test
    void aMissingPositionalIsCalledAnArgument() {
        Cli.Run run = Cli.run("--lang", "en", "explain");
        assertThat(run.err()).contains("Missing required argument: TEXT");
    }

    @Test
    void aFailedDnsLookupIsNotReportedAsANameThatDoesNotExist() {
        Prober prober = new Prober((host, port) -> {
            throw new DnsResolver.LookupFailedException(host + ": timed out");
        }, new TlsHandshaker(TrustConfig.system(), Clock.systemUTC()), Limits.DEFAULT);
        ProbeResult failed = prober.probe(ProbeRequest.anonymous(new Endpoint("mail.example.test", 587, Security.TLS),
                Timeouts.ofStep(Duration.ofSeconds(2))), ProbeListener.NONE);
        assertThat(failed.outcome()).isEqualTo(new ProbeOutcome.DnsFailed("mail.example.test", DnsFailure.LOOKUP_FAILED));

        Prober nx = new Prober((host, port) -> {
            throw new UnknownHostException(host);
        }, new TlsHandshaker(TrustConfig.system(), Clock.systemUTC()), Limits.DEFAULT);
        ProbeResult missing = nx.probe(ProbeRequest.anonymous(new Endpoint("mail.example.test", 587, Security.TLS),
                Timeouts.ofStep(Duration.ofSeconds(2))), ProbeListener.NONE);
        assertThat(missing.outcome()).isEqualTo(new ProbeOutcome.DnsFailed("mail.example.test", DnsFailure.NO_SUCH_HOST));
    }
}
