package dev.smtpdoctor.cli;

import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.diagnosis.GmailErrorExplainer;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code smtp-doctor explain "TEXT"}: what an error Gmail (or a server) showed means, its possible
 * causes and which check tells them apart. With {@code --address} (and the other check options) it
 * runs that check too.
 */
@Command(name = "explain", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    SmtpDoctorCommand root;

    @Parameters(index = "0", paramLabel = "TEXT", descriptionKey = "arg.error-text")
    String text;

    @Option(names = "--lang", paramLabel = "ja|en", descriptionKey = "opt.lang")
    String lang;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    @Override
    public Integer call() {
        Terminal term = root.terminal();
        Messages m = term.messages();
        if (text == null || text.isBlank()) {
            throw new UsageException("error.explain-empty");
        }
        List<Explanation> explanations = GmailErrorExplainer.explain(text);
        DiagnosisText words = new DiagnosisText(m);
        if (explanations.isEmpty()) {
            term.out().println(m.named("explain.none", java.util.Map.of()));
            term.out().flush();
            return ExitCodes.NOTHING_WORKS;
        }
        term.out().println(m.get("explain.heading"));
        for (Explanation e : explanations) {
            term.out().println();
            words.explanation(e).forEach(term.out()::println);
        }
        term.out().println();
        term.out().println(m.get("explain.run-check"));
        term.out().flush();
        return ExitCodes.SECURE;
    }
}
