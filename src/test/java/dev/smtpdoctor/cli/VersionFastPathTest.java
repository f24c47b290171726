package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --version} alone is answered before picocli loads (Main.main); it must say what picocli says. */
class VersionFastPathTest {

    @Test
    void theFastPathPrintsWhatPicocliPrints() {
        for (String flag : new String[] {"--version", "-V"}) {
            Cli.Run picocli = Cli.run(flag);
            assertThat(picocli.exitCode()).isZero();
            assertThat(Main.versionOnly(new String[] {flag})).contains(picocli.out());
            assertThat(picocli.out()).startsWith("smtp-doctor ").contains("Java " + Runtime.version());
        }
    }

    @Test
    void anythingElseGoesThroughPicocli() {
        assertThat(Main.versionOnly(new String[] {})).isEmpty();
        assertThat(Main.versionOnly(new String[] {"--version", "--lang", "ja"})).isEmpty();
        assertThat(Main.versionOnly(new String[] {"demo"})).isEmpty();
        assertThat(Main.versionOnly(new String[] {"--versions"})).isEmpty();
    }
}
