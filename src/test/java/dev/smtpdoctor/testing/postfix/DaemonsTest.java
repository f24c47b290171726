package dev.smtpdoctor.testing.postfix;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without Postfix or Dovecot must fail the ITs with advice, never skip them. */
class DaemonsTest {

    @Test
    void missingDaemonsFailWithTheInstallScriptNamed(@TempDir Path empty) {
        assertThatThrownBy(() -> Daemons.locate(List.of(empty.toString())))
                .isInstanceOf(PostfixUnavailableException.class)
                .hasMessageContaining("postfix (package postfix)")
                .hasMessageContaining("dovecot (package dovecot-core)")
                .hasMessageContaining("scripts/install-test-deps.sh");
    }
}
