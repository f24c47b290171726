package dev.smtpdoctor.cli;

import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.report.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import picocli.CommandLine;

/**
 * Entry point. Picks the language (--lang, else LC_ALL/LC_MESSAGES/LANG), runs the command, and turns
 * every failure into a message in that language and an exit code — never a stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, Terminal.system());
        System.exit(code);
    }

    public static int run(String[] args, Terminal terminal) {
        return run(args, terminal, CommandLine.defaultFactory());
    }

    /** For tests: {@code factory} makes the subcommands, e.g. a {@link CheckCommand} with a test resolver. */
    static int run(String[] args, Terminal terminal, CommandLine.IFactory factory) {
        Language language = Language.fromEnvironment(terminal.environment()::get);
        Optional<String> langArg = langArgument(args);
        if (langArg.isPresent()) {
            Optional<Language> parsed = Language.parse(langArg.get());
            if (parsed.isEmpty()) {
                Messages m = Messages.forLocale(language.locale());
                terminal.err().println(m.get("error.lang", langArg.get()));
                terminal.err().flush();
                return ExitCodes.USAGE;
            }
            language = parsed.get();
        }
        Locale.setDefault(language.locale());
        Messages messages = Messages.forLocale(language.locale());
        terminal.messages(messages);
        CommandLine cmd = new CommandLine(new SmtpDoctorCommand(terminal), factory);
        cmd.setResourceBundle(ResourceBundle.getBundle(Messages.BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        cmd.setOut(terminal.out());
        cmd.setErr(terminal.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> usageError(ex, ex.getCommandLine(), messages, terminal));
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UsageException u) {
                return report(u, c, messages, terminal);
            }
            terminal.err().println(messages.get("error.internal", ex.getClass().getSimpleName()));
            if (terminal.environment().containsKey("SMTP_DOCTOR_DEBUG")) {
                ex.printStackTrace(terminal.err());
            }
            terminal.err().flush();
            return ExitCodes.INTERNAL;
        });
        int code = cmd.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    private static int usageError(CommandLine.ParameterException ex, CommandLine c, Messages m, Terminal t) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof UsageException u) {
                return report(u, c, m, t);
            }
        }
        String text;
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            // Show only option names: an unmatched value may be a mistyped password.
            List<String> shown = new ArrayList<>();
            for (String s : u.getUnmatched()) {
                shown.add(s.startsWith("-") ? s.replaceAll("=.*$", "=…") : "…");
            }
            text = m.get("error.unknown-argument", String.join(" ", shown));
        } else if (ex instanceof CommandLine.MissingParameterException mp) {
            List<String> names = new ArrayList<>();
            mp.getMissing().forEach(a -> names.add(a instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                    : a.paramLabel()));
            text = m.get("error.missing", String.join(", ", names));
        } else if (ex instanceof CommandLine.OverwrittenOptionException) {
            text = m.get("error.repeated");
        } else if (ex.getMessage() != null && ex.getMessage().equals("subcommand required")) {
            text = m.get("error.subcommand");
        } else {
            text = m.get("error.invalid");
        }
        t.err().println(text);
        t.err().println(m.get("error.see-help", c.getCommandSpec().qualifiedName()));
        t.err().flush();
        return ExitCodes.USAGE;
    }

    private static int report(UsageException u, CommandLine c, Messages m, Terminal t) {
        t.err().println(m.get(u.key(), u.args()));
        t.err().println(m.get("error.see-help", c.getCommandSpec().qualifiedName()));
        t.err().flush();
        return ExitCodes.USAGE;
    }

    /** The value of {@code --lang} wherever it appears, before picocli parses anything. */
    static Optional<String> langArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith("--lang=")) {
                return Optional.of(args[i].substring("--lang=".length()));
            }
        }
        return Optional.empty();
    }
}
