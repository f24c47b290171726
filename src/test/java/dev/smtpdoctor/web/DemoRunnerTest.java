package dev.smtpdoctor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import org.junit.jupiter.api.Test;

/** The page's "fill in the example" holds exactly what each started scenario's user typed. */
class DemoRunnerTest {

    @Test
    void theExamplesAreWhatEachScenarioTyped() {
        var examples = new DemoRunner(DemoOptions.DEFAULT).examples();
        assertThat(examples).extracting(DemoRunner.Example::id)
                .containsExactly(java.util.Arrays.stream(DemoScenario.values()).map(DemoScenario::id).toArray(String[]::new));
        for (DemoRunner.Example e : examples) {
            try (RunningDemo d = DemoScenario.parse(e.id()).orElseThrow().start()) {
                assertThat(e.address()).isEqualTo(d.address());
                assertThat(e.server()).isEqualTo(d.typed().server());
                assertThat(e.port()).isEqualTo(d.typed().port());
                assertThat(e.security()).isEqualTo(d.typed().security().id());
                assertThat(e.username()).isEqualTo(d.typed().username());
                assertThat(e.password()).isEqualTo(d.passwordToUse());
            }
        }
        assertThat(examples).filteredOn(e -> e.id().equals("wrong-password")).extracting(DemoRunner.Example::password)
                .containsExactly("demo-password-1243");
    }
}
