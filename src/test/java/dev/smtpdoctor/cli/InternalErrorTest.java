package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.Resolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} anywhere in a check (security finding 5: with {@code -Xmx256m} an OutOfMemoryError
 * used to escape with a stack trace and exit 1) ends the run with exit 70 and one line in the user's
 * language — also when it is thrown on a probe's or a lookup's own virtual thread, where it must neither be
 * lost with its matrix cell nor leave the check waiting for its deadline.
 */
class InternalErrorTest {

    /** Throws {@code error} for every name it is asked about: the test hook, reached on the probes' threads. */
    private static Resolver throwing(Error error) {
        return (host, port) -> {
            throw error;
        };
    }

    private static Cli.Captured check(Error error, Map<String, String> env, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "you@example.jp", "--server", "mail.example.jp",
                "--port", "587", "--security", "tls", "--no-login", "--timeout", "20"));
        args.addAll(List.of(extra));
        return Cli.runCaptured(new Cli.Hooks(throwing(error), null), env, "", args);
    }

    @Test
    void outOfMemoryInAProbeIsExit70WithOneLineAndNoStackTrace() {
        long t0 = System.nanoTime();
        Cli.Captured c = check(new OutOfMemoryError("Java heap space"), Map.of());
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(c.run().exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(c.run().err().strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("OutOfMemoryError").doesNotContain("Java heap space"));
        assertThat(c.everything()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(c.systemErr()).isEmpty();
        assertThat(c.run().out()).isEmpty();
        // Surfaced at once, not after the 20 s step or the check's deadline.
        assertThat(Duration.ofMillis(millis)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void inJapaneseAndWithJson() {
        Cli.Captured c = check(new StackOverflowError(), Map.of(), "--lang", "ja", "--json");

        assertThat(c.run().exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(c.run().err().strip().lines()).singleElement()
                .satisfies(line -> assertThat(line).contains("StackOverflowError").contains("予期せず"));
        assertThat(c.run().out()).isEmpty();
        assertThat(c.systemErr()).isEmpty();
    }

    @Test
    void smtpDoctorDebugShowsTheDetails() {
        Cli.Captured c = check(new OutOfMemoryError("Java heap space"), Map.of("SMTP_DOCTOR_DEBUG", "1"));

        assertThat(c.run().exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(c.run().err()).contains("java.lang.OutOfMemoryError: Java heap space").contains("\tat ");
    }
}
