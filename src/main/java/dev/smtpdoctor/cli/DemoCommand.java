package dev.smtpdoctor.cli;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.demo.DemoListener;
import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import dev.smtpdoctor.demo.TypedSettings;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.report.Messages;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code smtp-doctor demo}: starts embedded SMTP servers on 127.0.0.1 with a demo CA that reproduce a
 * real situation, and runs exactly the check a user would, printing what they would see. No mail
 * account, no network beyond loopback.
 */
@Command(name = "demo", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    SmtpDoctorCommand root;

    @Option(names = "--scenario", paramLabel = "NAME", descriptionKey = "opt.scenario")
    String scenario;

    /** {@code demo self-signed} reads as naturally as {@code demo --scenario self-signed}. */
    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", descriptionKey = "opt.scenario")
    String scenarioArgument;

    @Option(names = "--list", descriptionKey = "opt.list")
    boolean list;

    @Option(names = "--json", descriptionKey = "opt.json")
    boolean json;

    @Mixin
    LanguageOption language;

    @Option(names = {"-d", "--details"}, descriptionKey = "opt.details")
    boolean details;

    @Option(names = {"-v", "--verbose"}, descriptionKey = "opt.verbose")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    /** {@link DemoOptions#DEFAULT}; tests may shorten the greeting-delay scenario's pause. */
    private final DemoOptions options;

    public DemoCommand() {
        this(DemoOptions.DEFAULT);
    }

    DemoCommand(DemoOptions options) {
        this.options = options;
    }

    @Override
    public Integer call() {
        Terminal term = root.terminal();
        Messages m = term.messages();
        if (list) {
            for (DemoScenario s : DemoScenario.values()) {
                term.out().println(Text.padId(s.id()) + m.get(s.descriptionKey())
                        + (s == DemoScenario.DEFAULT ? (m.japanese() ? "" : " ") + m.get("demo.default") : ""));
            }
            term.out().flush();
            return ExitCodes.SECURE;
        }
        String name = scenario != null ? scenario : scenarioArgument;
        DemoScenario chosen = name == null ? DemoScenario.DEFAULT
                : DemoScenario.parse(name).orElseThrow(() -> new UsageException("error.scenario", name));
        EarlyLoad.start();
        try (RunningDemo demo = chosen.start(options)) {
            TypedSettings typed = demo.typed();
            if (!json) {
                printBanner(term, m, demo, typed, details || verbose);
            }
            RawFields fields = new RawFields(demo.address(), typed.server(), String.valueOf(typed.port()),
                    typed.security().id(), typed.username(), demo.passwordToUse().toCharArray());
            SmtpDoctor doctor = SmtpDoctor.builder().resolver(demo.resolver()).trust(demo.trust()).build();
            // Step timeouts long enough for the greeting-delay scenario's 6 s pause, short enough to keep the demo brisk.
            Timeouts timeouts = Timeouts.ofStep(Duration.ofSeconds(10));
            Diagnosis d = doctor.diagnose(new CheckRequest(fields, false, timeouts, java.util.List.of(),
                            java.util.Set.of(DemoScenario.providerHost())),
                    json ? ProbeListener.NONE : term.progress());
            term.clearProgress();
            return Reports.print(term, d, "demo", json, Reports.detail(details, verbose));
        }
    }

    private static void printBanner(Terminal term, Messages m, RunningDemo demo, TypedSettings typed, boolean details) {
        term.out().println(m.get("demo.banner", demo.scenario().id()));
        println(term, m.get(demo.scenario().descriptionKey()), "  ");
        // Where the embedded servers listen is for the curious; the short report keeps to the story.
        for (DemoListener l : details ? demo.network().listeners() : java.util.List.<DemoListener>of()) {
            term.out().println("  " + m.get("demo.listener", String.join(", ", l.hosts()), String.valueOf(l.logicalPort()),
                    l.address().getAddress().getHostAddress() + ":" + l.address().getPort()));
        }
        println(term, m.get("demo.typed", demo.address(), typed.server(), String.valueOf(typed.port()),
                m.get("gmail.security." + typed.security().id()), typed.username()), "");
        // Only where the provider's own name is part of the scenario (shared hosting): elsewhere it would puzzle.
        if (demo.network().listeners().stream().anyMatch(l -> l.hosts().contains(DemoScenario.providerHost()))) {
            println(term, m.get("demo.confirmed", DemoScenario.providerHost()), "");
        }
        term.out().println();
        term.out().flush();
    }

    private static void println(Terminal term, String paragraph, String indent) {
        dev.smtpdoctor.report.Wrap.lines(paragraph, indent).forEach(term.out()::println);
    }

    /** Column helper for the scenario list. */
    private static final class Text {
        static String padId(String id) {
            return "  " + dev.smtpdoctor.report.Text.padRight(id, 18);
        }
    }
}
