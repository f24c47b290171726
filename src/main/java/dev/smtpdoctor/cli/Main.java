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
        // A thread that dies of an Error nobody waits for must not print a stack trace over the report;
        // the threads whose work matters hand their Error to the check, which ends with exit 70 (run below).
        boolean debug = System.getenv("SMTP_DOCTOR_DEBUG") != null;
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (debug) {
                e.printStackTrace();
            }
        });
        // Before any TLS is used: the diagnosis may name a TLS 1.0/1.1 server's version (the normal path stays 1.2+).
        dev.smtpdoctor.tls.TlsProtocols.allowDiagnosticVersions();
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
        if (messages.japanese()) {
            JapaneseHelp.install(cmd);
        }
        cmd.setOut(terminal.out());
        cmd.setErr(terminal.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> usageError(ex, ex.getCommandLine(), messages, terminal));
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UsageException u) {
                return report(u, c, messages, terminal);
            }
            return internalError(ex, messages, terminal);
        });
        int code;
        try {
            code = cmd.execute(args);
        } catch (Throwable e) {
            // picocli hands only Exceptions to the handler above: an Error (OutOfMemoryError,
            // StackOverflowError...) from a command comes out of execute. One line and exit 70, never a trace.
            code = internalError(e, messages, terminal);
        }
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    /**
     * One line naming the class of what went wrong (never its message: it could quote anything), the
     * stack trace only with {@code SMTP_DOCTOR_DEBUG}; exit 70. Works after an OutOfMemoryError too: the
     * memory the failed work held is garbage by now, and a failure to word the line falls back to English.
     */
    static int internalError(Throwable e, Messages messages, Terminal terminal) {
        String name = e.getClass().getSimpleName();
        String line;
        try {
            line = messages.get("error.internal", name);
        } catch (Throwable again) {
            line = "smtp-doctor failed unexpectedly (" + name + ").";
        }
        try {
            terminal.err().println(line);
            if (terminal.environment().containsKey("SMTP_DOCTOR_DEBUG")) {
                e.printStackTrace(terminal.err());
            }
            terminal.err().flush();
        } catch (Throwable ignored) {
            // Nothing more can be said; the exit code still tells.
        }
        return ExitCodes.INTERNAL;
    }

    private static int usageError(CommandLine.ParameterException ex, CommandLine c, Messages m, Terminal t) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof UsageException u) {
                return report(u, c, m, t);
            }
        }
        String text;
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            text = m.get("error.unknown-argument", String.join(" ", shownUnmatched(u.getUnmatched())));
            List<String> suggestions = u.getSuggestions();
            if (suggestions.isEmpty()) {
                suggestions = closeOptionNames(u.getUnmatched(), u.getCommandLine().getCommandSpec());
            }
            if (!suggestions.isEmpty()) {
                text = text + "\n" + m.get("error.did-you-mean", String.join(", ", suggestions));
            }
        } else if (ex instanceof CommandLine.MissingParameterException mp) {
            List<String> names = new ArrayList<>();
            mp.getMissing().forEach(a -> names.add(a instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                    : a.paramLabel()));
            boolean positional = mp.getMissing().stream().allMatch(a -> a instanceof CommandLine.Model.PositionalParamSpec);
            text = m.get(positional ? "error.missing-argument" : "error.missing", String.join(", ", names));
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

    /**
     * Options of {@code spec} within two edits of a mistyped one ({@code --srever} → {@code --server}): picocli
     * suggests only subcommands here. Only the option name is compared, never a value after {@code =}.
     */
    static List<String> closeOptionNames(List<String> unmatched, CommandLine.Model.CommandSpec spec) {
        List<String> out = new ArrayList<>();
        for (String arg : unmatched) {
            if (!arg.startsWith("--") || arg.length() > 40) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                for (String n : o.names()) {
                    if (n.startsWith("--") && !out.contains(n) && distance(name, n) <= 2) {
                        out.add(n);
                    }
                }
            }
            break; // the first unknown option is the one to correct
        }
        return out;
    }

    /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int report(UsageException u, CommandLine c, Messages m, Terminal t) {
        t.err().println(m.get(u.key(), u.args()));
        t.err().println(m.get("error.see-help", c.getCommandSpec().qualifiedName()));
        t.err().flush();
        return ExitCodes.USAGE;
    }

    /**
     * The unmatched arguments as they may be shown: a value right after an option-like word could be a
     * mistyped {@code --password VALUE}, and a stray word could be a password typed in the wrong place, so
     * only option names (without {@code =value}) and plain lower-case words (a mistyped command or
     * scenario name) are shown; everything else is masked.
     */
    static List<String> shownUnmatched(List<String> unmatched) {
        List<String> shown = new ArrayList<>();
        boolean afterOption = false;
        for (String s : unmatched) {
            if (s.startsWith("-")) {
                shown.add(s.replaceAll("=.*$", "=…"));
                afterOption = !s.contains("=");
            } else {
                shown.add(!afterOption && s.matches("[a-z][a-z-]{0,39}") ? s : "…");
                afterOption = false;
            }
        }
        return shown;
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
