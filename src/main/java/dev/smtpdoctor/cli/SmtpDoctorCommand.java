package dev.smtpdoctor.cli;

import dev.smtpdoctor.report.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The top-level command; the work is in the subcommands. */
@Command(name = "smtp-doctor", resourceBundle = Messages.BUNDLE, versionProvider = Version.class,
        subcommands = {CheckCommand.class, AuditCommand.class, DemoCommand.class, ExplainCommand.class,
            ProbeCommand.class, ServeCommand.class, LocalHelpCommand.class}, usageHelpAutoWidth = true)
public final class SmtpDoctorCommand implements Runnable {

    private final Terminal terminal;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, descriptionKey = "opt.version")
    boolean version;

    @Mixin
    LanguageOption language;

    public SmtpDoctorCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "subcommand required");
    }
}
