package dev.smtpdoctor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.diagnosis.GmailErrorExplainer;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.text.UntrustedText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code smtp-doctor explain "TEXT"}: what an error Gmail (or a server) showed means, its possible
 * causes and which check tells them apart. With {@code --address} (and optionally the other fields of
 * Gmail's dialog) it runs that check too and the report shows which cause applies.
 */
@Command(name = "explain", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    SmtpDoctorCommand root;

    @Parameters(index = "0", paramLabel = "TEXT", descriptionKey = "arg.error-text")
    String text;

    @Option(names = "--address", paramLabel = "ADDRESS", descriptionKey = "opt.explain.address")
    String address;

    @Mixin
    DialogOptions dialog;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    /** Tests only, as in {@link CheckCommand}: answers every name of the check; null in real runs. */
    private final Resolver testResolver;

    public ExplainCommand() {
        this(null);
    }

    ExplainCommand(Resolver testResolver) {
        this.testResolver = testResolver;
    }

    @Override
    public Integer call() {
        Terminal term = root.terminal();
        Messages m = term.messages();
        if (text == null || text.isBlank()) {
            throw new UsageException("error.explain-empty");
        }
        // Server, port, username or a password source only make sense for the check --address runs: without it they
        // would be silently ignored, and the answer would tell the user to type what they just typed.
        if (address == null && (dialog.server != null || dialog.port != null || dialog.security != null
                || credentials.username().isPresent() || credentials.passwordSourceGiven())) {
            throw new UsageException("error.explain-needs-address");
        }
        List<Explanation> explanations = GmailErrorExplainer.explain(text);
        CheckCommand.Checked checked = address == null ? null
                : CheckCommand.diagnose(term, address, dialog, credentials, common, testResolver);
        Diagnosis d = checked == null ? null : checked.diagnosis();
        if (common.json()) {
            ObjectNode root = ProbeJson.mapper().createObjectNode();
            root.put("schemaVersion", ProbeJson.SCHEMA_VERSION);
            root.put("command", "explain");
            ArrayNode list = root.putArray("explanations");
            for (Explanation e : explanations) {
                ObjectNode n = list.addObject();
                n.put("message", e.message().name());
                n.put("text", e.text());
                n.put("verbatim", e.verbatim());
                n.put("pasted", UntrustedText.cleanLines(e.pasted()));
                ArrayNode causes = n.putArray("causes");
                e.causes().forEach(c -> causes.add(c.name()));
            }
            if (explanations.isEmpty()) {
                root.put("hint", GmailErrorExplainer.hint(text).name());
            }
            if (d != null) {
                root.set("check", CheckJson.document(d, "check", Version.current()));
            }
            term.out().println(ProbeJson.pretty(root));
            term.out().flush();
            return exitCode(explanations, d);
        }
        DiagnosisText words = new DiagnosisText(m);
        if (explanations.isEmpty()) {
            // Not known: say so, then the closest next step (the hint replaces the generic footer).
            printWrapped(term, m.named("explain.unknown", Map.of()));
            // With --address the check below is the next step; the hint would suggest running it.
            if (d == null) {
                printWrapped(term, m.named("explain.hint." + GmailErrorExplainer.hint(text).name(), Map.of()));
            }
        } else {
            boolean first = true;
            java.util.Set<dev.smtpdoctor.model.FindingCode> said = java.util.EnumSet.noneOf(dev.smtpdoctor.model.FindingCode.class);
            for (Explanation e : explanations) {
                if (!first) {
                    term.out().println();
                }
                // Gmail's frame around a server reply already explained names no cause of its own: its meaning and
                // the pasted text, without the same causes and a second next step.
                List<String> lines = words.explanation(e);
                if (!first && !e.causes().isEmpty() && said.containsAll(e.causes())) {
                    lines = lines.subList(0, 2);
                }
                first = false;
                said.addAll(e.causes());
                // The pasted error is outside text too (copied from a web page or a bounce).
                lines.forEach(line -> printWrapped(term, UntrustedText.cleanLines(line)));
            }
        }
        if (d == null && explanations.isEmpty()) {
            term.out().flush();
            return exitCode(explanations, d);
        }
        term.out().println();
        if (d == null) {
            printWrapped(term, m.get("explain.run-check"));
            // On a line of its own, so it can be copied; no "ssl|tls|none" to break a pasted command.
            term.out().println("  " + m.get("explain.run-check.command"));
        } else {
            term.out().println(m.get(explanations.isEmpty() ? "explain.check-ran.unknown" : "explain.check-ran"));
            term.out().println();
            checked.printConfirmation(term);
            term.out().print(new CheckTextReport(m).render(d, Reports.detail(dialog.details, common.verbose())));
        }
        term.out().flush();
        return exitCode(explanations, d);
    }

    /** With a check: its exit code. Without: 0 when the message is known, 2 when it is not. */
    private static int exitCode(List<Explanation> explanations, Diagnosis d) {
        if (d != null) {
            return d.status().exitCode();
        }
        return explanations.isEmpty() ? ExitCodes.NOTHING_WORKS : ExitCodes.SECURE;
    }

    /** One line of the explanation wrapped at 80 columns, continuation lines under its text ("  - " items too). */
    private static void printWrapped(Terminal term, String line) {
        String body = line.stripLeading();
        String indent = line.substring(0, line.length() - body.length());
        // Continuation lines sit under the text, so that a wrapped "Message: ..." does not look like a new field.
        String rest = indent.isEmpty() ? "" : indent + "  ";
        dev.smtpdoctor.report.Wrap.lines(body, dev.smtpdoctor.report.Wrap.COLUMNS, indent, rest).forEach(term.out()::println);
    }
}
