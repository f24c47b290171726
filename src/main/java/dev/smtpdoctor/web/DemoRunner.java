package dev.smtpdoctor.web;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import dev.smtpdoctor.demo.TypedSettings;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code serve --demo}: each check starts the chosen scenario's embedded servers on 127.0.0.1 (as
 * {@code smtp-doctor demo} does), runs the check against them with the demo's resolver and CA, and stops them.
 * As in the demo, the user has confirmed the provider's server name, so the one login test may go there.
 * Thread-safe: every run has its own servers.
 */
public final class DemoRunner implements CheckRunner {

    /** What a scenario's user typed, for the page's "fill in the example" button. */
    public record Example(String id, String descriptionKey, String address, String server, int port, String security,
                          String username, String password) {
    }

    private final DemoOptions options;
    private final List<Example> examples;
    private final boolean providerConfirmed;

    /** As {@code smtp-doctor demo}: the demo user has confirmed the provider's server name. */
    public DemoRunner(DemoOptions options) {
        this(options, true);
    }

    /** @param providerConfirmed false: the provider's name must be confirmed on the page, as in a real check */
    public DemoRunner(DemoOptions options, boolean providerConfirmed) {
        this.options = options;
        this.providerConfirmed = providerConfirmed;
        this.examples = List.copyOf(examplesOf());
    }

    /** Every scenario's typed settings, read from the scenario itself (nothing is started). */
    private static List<Example> examplesOf() {
        List<Example> out = new ArrayList<>();
        for (DemoScenario s : DemoScenario.values()) {
            TypedSettings t = s.typed();
            out.add(new Example(s.id(), s.descriptionKey(), DemoScenario.address(), t.server(), t.port(), t.security().id(),
                    t.username(), s.passwordToUse()));
        }
        return out;
    }

    /** The scenarios in {@link DemoScenario} order, the default first among equals. */
    public List<Example> examples() {
        return examples;
    }

    @Override
    public Diagnosis run(RawFields fields, Optional<String> scenario, Set<String> trusted, ProbeListener listener) {
        DemoScenario chosen = scenario.flatMap(DemoScenario::parse).orElse(DemoScenario.DEFAULT);
        try (RunningDemo demo = chosen.start(options)) {
            SmtpDoctor doctor = SmtpDoctor.builder().resolver(demo.resolver()).trust(demo.trust()).build();
            // As the demo command: long enough for the greeting-delay scenario's pause, short enough to stay brisk.
            Timeouts timeouts = Timeouts.ofStep(Duration.ofSeconds(10));
            Set<String> names = new java.util.LinkedHashSet<>(trusted);
            if (providerConfirmed) {
                names.add(DemoScenario.providerHost());
            }
            return doctor.diagnose(new CheckRequest(fields, false, timeouts, List.of(), names), listener);
        } finally {
            fields.wipe();
        }
    }
}
