package dev.smtpdoctor.cli;

import dev.smtpdoctor.report.Messages;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smtp-doctor help [COMMAND]}: picocli's own help command, but worded in the user's language like every
 * other command (its descriptions come from the message bundle) and accepting {@code --lang}, which
 * {@link Main} reads before picocli parses anything.
 */
@Command(name = "help", helpCommand = true, resourceBundle = Messages.BUNDLE, usageHelpAutoWidth = true)
final class LocalHelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..1", descriptionKey = "help.command")
    String command;

    @Mixin
    LanguageOption language;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "help.help")
    boolean help;

    private CommandLine self;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
                     PrintWriter err) {
        this.self = helpCommandLine;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine parent = self.getParent();
        if (command == null) {
            parent.usage(out);
            return;
        }
        CommandLine sub = parent.getSubcommands().get(command);
        if (sub == null) {
            throw new UsageException("error.help-unknown-command", command);
        }
        sub.usage(out);
    }
}
