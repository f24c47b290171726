package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.report.Text;
import dev.smtpdoctor.report.Wrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short report of every demo scenario, in both languages, against a golden file in
 * src/test/resources/dev/smtpdoctor/golden/ — and, whatever the golden file says, the promise of the short
 * report: it fits one screen (at most {@value #MAX_LINES} lines) and no line is wider than 80 columns, East Asian
 * wide characters counting two. After a deliberate change of wording, rewrite the files with
 * {@code -Dgolden.update=true} and read the diff.
 */
class ShortReportGoldenTest {

    static final int MAX_LINES = 20;
    private static final Path GOLDEN = Path.of("src/test/resources/dev/smtpdoctor/golden");

    static Stream<Arguments> scenarios() {
        return Stream.of(DemoScenario.values()).flatMap(s -> Stream.of(Arguments.of(s.id(), "en"), Arguments.of(s.id(), "ja")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void shortReport(String scenario, String lang) throws IOException {
        // The greeting-delay scenario's pause is shortened: the short report does not show the delay.
        Cli.Captured run = Cli.runCaptured(new Cli.Hooks(null, DemoOptions.withGreetingDelay(Duration.ofMillis(50))),
                Map.of(), "", List.of("demo", scenario, "--lang", lang));
        String out = run.run().out();
        int heading = out.indexOf(lang.equals("ja") ? "の smtp-doctor 診断" : "smtp-doctor check for");
        assertThat(heading).as("the report's heading in:%n%s", out).isPositive();
        String report = out.substring(out.lastIndexOf('\n', heading) + 1);

        List<String> lines = report.lines().toList();
        assertThat(lines).as("the short report fits one screen").hasSizeLessThanOrEqualTo(MAX_LINES);
        List<String> wide = new ArrayList<>();
        for (String line : lines) {
            if (Text.width(line) > Wrap.COLUMNS) {
                wide.add(Text.width(line) + ": " + line);
            }
        }
        assertThat(wide).as("lines wider than 80 columns").isEmpty();
        // The banner the demo prints before the report is wrapped too.
        assertThat(out.lines().filter(l -> Text.width(l) > Wrap.COLUMNS)).as("demo banner lines wider than 80").isEmpty();

        // The expired scenario's certificate expired twelve days before today: its date changes every day.
        report = report.replaceAll("\\d{4}-\\d{2}-\\d{2}", "YYYY-MM-DD");
        Path golden = GOLDEN.resolve(scenario + "." + lang + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, report, StandardCharsets.UTF_8);
        }
        assertThat(report).as("golden file %s (rewrite with -Dgolden.update=true)", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** The README shows the real output: the shared-hosting golden files, verbatim, in both languages. */
    @org.junit.jupiter.api.Test
    void readmeShowsTheRealShortReport() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (String lang : List.of("en", "ja")) {
            String golden = Files.readString(GOLDEN.resolve("shared-hosting." + lang + ".txt"), StandardCharsets.UTF_8);
            assertThat(readme).as("README.md shows shared-hosting.%s.txt (copy it after a change of wording)", lang)
                    .contains("```\n" + golden + "```");
        }
    }
}
