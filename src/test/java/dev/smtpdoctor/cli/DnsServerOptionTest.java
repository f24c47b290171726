package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed {@code --dns-server} is bad input: a clear message in the user's language, exit code 64. */
class DnsServerOptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"dns.example.test", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:port", "[::1", "1.2.3",
        "999.1.1.1", ""})
    void badValuesAreUsageErrors(String value) {
        String[] base = {"probe", "--server", "mail.example.test", "--port", "587", "--security", "tls",
            "--dns-server", value};

        Cli.Run en = Cli.run(with(base, "en"));
        Cli.Run ja = Cli.run(with(base, "ja"));

        assertThat(en.exitCode()).as(en.all()).isEqualTo(64);
        assertThat(en.err()).contains("is not a valid --dns-server value").doesNotContain("Exception");
        assertThat(ja.exitCode()).as(ja.all()).isEqualTo(64);
        assertThat(ja.err()).contains("--dns-server の値として正しくありません").doesNotContain("Exception");
    }

    private static String[] with(String[] base, String lang) {
        String[] out = java.util.Arrays.copyOf(base, base.length + 2);
        out[base.length] = "--lang";
        out[base.length + 1] = lang;
        return out;
    }
}
