package dev.smtpdoctor.testing.knot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnotServerTest {

    /** A machine without Knot fails the DNS integration tests with the fix in the message; it never skips them. */
    @Test
    void aMissingKnotdFailsWithTheInstallAdvice() {
        assertThatThrownBy(() -> KnotServer.start(List.of(Path.of("/nonexistent/knotd"))))
                .isInstanceOf(KnotUnavailableException.class)
                .hasMessageContaining("Knot DNS")
                .hasMessageContaining("scripts/install-test-deps.sh");
    }
}
