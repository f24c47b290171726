package dev.smtpdoctor.cli;

import dev.smtpdoctor.probe.Endpoint;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.text.UntrustedText;
import java.io.Console;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a command talks to its user: output and error writers, standard input, the console (for the
 * password prompt, null when none), the environment variables (language, {@code --password-env}), and
 * the messages in the user's language. Tests build one over StringWriters and a map; {@link #system()}
 * is the real one. Only {@code Main} calls {@code System.exit}; nothing else reads {@code System.getenv}.
 */
public final class Terminal {

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;
    private final Console console;
    private final boolean interactive;
    private final Map<String, String> environment;
    private Messages messages = Messages.forLocale(java.util.Locale.ENGLISH);

    /** A terminal with the process's own environment variables. */
    public Terminal(PrintWriter out, PrintWriter err, InputStream stdin, Console console, boolean interactive) {
        this(out, err, stdin, console, interactive, System.getenv());
    }

    public Terminal(PrintWriter out, PrintWriter err, InputStream stdin, Console console, boolean interactive,
                    Map<String, String> environment) {
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
        return new Terminal(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.in, tty ? console : null, tty);
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
