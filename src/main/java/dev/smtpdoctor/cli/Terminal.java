package dev.smtpdoctor.cli;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.text.UntrustedText;
import java.io.Console;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command talks to its user: output and error writers, standard input, the console (for the
 * password prompt, null when none), the environment variables (language, {@code --password-env}), and
 * the messages in the user's language, and the {@link Prompter} that asks the user a yes/no question (present
 * only when a person is at a terminal). Tests build one over StringWriters, a map and a scripted prompter;
 * {@link #system()} is the real one. Only {@code Main} calls {@code System.exit}; nothing else reads {@code System.getenv}.
 */
public final class Terminal {

    /**
     * Asks the person at the terminal one question and reads their answer. The real one writes to and reads
     * from the console; tests script the answer. Not for the password (that prompt reads without echo through
     * {@link Console#readPassword}).
     */
    @FunctionalInterface
    public interface Prompter {

        /** Longest answer kept; the rest of the line is read and dropped. */
        int MAX_ANSWER_CHARS = 64;

        /**
         * Shows {@code question} and returns the line typed (without its line end, at most
         * {@link #MAX_ANSWER_CHARS} characters), or empty when the input ended or failed.
         */
        Optional<String> ask(String question);

        /** The real prompter: the question on the console, one bounded line read back from it. */
        static Prompter console(Console console) {
            return question -> {
                console.printf("%s", question);
                console.flush();
                return readBoundedLine(console.reader());
            };
        }

        /**
         * One line from {@code in}, of which at most {@link #MAX_ANSWER_CHARS} characters are kept; the rest of
         * the line is read and dropped, so it cannot reach the shell as a command after the program ends.
         * Empty at end of input with nothing read, or on an I/O error.
         */
        static Optional<String> readBoundedLine(Reader in) {
            StringBuilder sb = new StringBuilder(MAX_ANSWER_CHARS);
            try {
                int c;
                boolean any = false;
                while ((c = in.read()) >= 0) {
                    any = true;
                    if (c == '\n') {
                        break;
                    }
                    if (sb.length() < MAX_ANSWER_CHARS) {
                        sb.append((char) c);
                    }
                }
                if (!any) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            int n = sb.length();
            if (n > 0 && sb.charAt(n - 1) == '\r') {
                sb.setLength(n - 1);
            }
            return Optional.of(sb.toString());
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;
    private final Console console;
    private final boolean interactive;
    private final Map<String, String> environment;
    private final Prompter prompter;
    private Messages messages = Messages.forLocale(java.util.Locale.ENGLISH);
    /** Standard error is a terminal (a progress bar may be drawn there); only the system terminal can tell. */
    private boolean errTerminal;

    /** A terminal with the process's own environment variables. */
    public Terminal(PrintWriter out, PrintWriter err, InputStream stdin, Console console, boolean interactive) {
        this(out, err, stdin, console, interactive, System.getenv());
    }

    /** A terminal whose questions go to {@code console} when one is given and a person is watching, else nowhere. */
    public Terminal(PrintWriter out, PrintWriter err, InputStream stdin, Console console, boolean interactive,
                    Map<String, String> environment) {
        this(out, err, stdin, console, interactive, environment,
                console != null && interactive ? Prompter.console(console) : null);
    }

    /** @param prompter asks the user yes/no questions; null when nobody can answer (no terminal) */
    public Terminal(PrintWriter out, PrintWriter err, InputStream stdin, Console console, boolean interactive,
                    Map<String, String> environment, Prompter prompter) {
        this.prompter = prompter;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
        this.console = console;
        this.interactive = interactive;
        this.environment = Map.copyOf(environment);
    }

    public static Terminal system() {
        Console console = System.console();
        boolean tty = console != null && isTerminal(console);
        Terminal t = new Terminal(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.in, tty ? console : null, tty);
        t.errTerminal = stderrIsTerminal(tty);
        return t;
    }

    /**
     * Whether file descriptor 2 is a terminal: on Linux, where /proc/self/fd/2 leads (a /dev/pts or /dev/tty
     * device); elsewhere, whether the console is one.
     */
    private static boolean stderrIsTerminal(boolean consoleIsTerminal) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return consoleIsTerminal;
        }
    }

    /** Standard error is a terminal: the audit draws its progress bar there (false for every test terminal). */
    public boolean errIsTerminal() {
        return errTerminal;
    }

    /**
     * JDK 22+ returns a Console even when input is redirected and says so with {@code isTerminal()};
     * we build for release 21, so ask reflectively and treat older runtimes' non-null console as a terminal.
     */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public InputStream stdin() {
        return stdin;
    }

    /** The environment variables the command sees (read-only). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The console for a no-echo password prompt, or null when no terminal is attached. */
    public Console console() {
        return console;
    }

    /** Who can answer a yes/no question: present only when a person is at a terminal. */
    public Optional<Prompter> prompter() {
        return Optional.ofNullable(prompter);
    }

    public Messages messages() {
        return messages;
    }

    void messages(Messages m) {
        this.messages = m;
    }

    /** Live progress on the error stream, only when a person is watching a terminal. */
    public ProbeListener progress() {
        if (!interactive) {
            return ProbeListener.NONE;
        }
        return new ProbeListener() {
            @Override
            public void stepStarted(Endpoint endpoint, Step step) {
                // The endpoint may be a name from a certificate or DNS: cleaned before our own escape codes go round it.
                err.print("\r\033[K" + UntrustedText.clean(endpoint + "  " + messages.get("step." + step.name()) + " …"));
                err.flush();
            }
        };
    }

    public void clearProgress() {
        if (interactive) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
