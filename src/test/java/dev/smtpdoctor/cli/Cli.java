package dev.smtpdoctor.cli;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.demo.DemoOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI in-process and captures what it printed. The environment is the map given (empty unless
 * said otherwise), never the test JVM's own, so LANG on the build machine cannot change a result.
 */
final class Cli {

    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        return runWith(Map.of(), "", args);
    }

    static Run runWithStdin(String stdin, String... args) {
        return runWith(Map.of(), stdin, args);
    }

    static Run runWith(Map<String, String> environment, String stdin, List<String> args) {
        return runWith(environment, stdin, args.toArray(String[]::new));
    }

    static Run runWith(Map<String, String> environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, false, environment);
        int code = Main.run(args, t);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * {@code check} (or any command) with the given environment variables and standard input, and with
     * {@code resolver} answering every name {@code check} looks up — how a test points it at embedded
     * servers whose ports are not the logical ones (the demo's), which {@code --resolve} cannot do.
     */
    static Run runCheck(Resolver resolver, Map<String, String> env, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), stdin, null, false, env);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == CheckCommand.class ? cls.cast(new CheckCommand(resolver))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        int code = Main.run(args, t, factory);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Like {@link #runCheck}, for {@code check} and {@code explain --address}, with {@code prompter} answering
     * the yes/no questions a person at a terminal would be asked (null: no terminal, nobody is asked).
     */
    static Run runAnswering(Resolver resolver, Map<String, String> env, Terminal.Prompter prompter, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), InputStream.nullInputStream(),
                null, false, env, prompter);
        int code = Main.run(args, t, new Hooks(resolver, null));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * How a test builds the subcommands: {@code resolver} answers every name {@code check} and
     * {@code explain --address} look up (and turns off their DNS and HTTPS discovery, as
     * {@link #runCheck} does); {@code demo} are the demo's knobs. A null field leaves that command as in
     * a real run.
     */
    record Hooks(Resolver resolver, DemoOptions demo) implements CommandLine.IFactory {

        static final Hooks NONE = new Hooks(null, null);

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (resolver != null && cls == CheckCommand.class) {
                return cls.cast(new CheckCommand(resolver));
            }
            if (resolver != null && cls == ExplainCommand.class) {
                return cls.cast(new ExplainCommand(resolver));
            }
            if (demo != null && cls == DemoCommand.class) {
                return cls.cast(new DemoCommand(demo));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /**
     * A run, and whatever reached the process's own streams and {@code java.util.logging} while it ran:
     * everything smtp-doctor says must go through its {@link Terminal}, so these should stay empty. The
     * product logs nothing (slf4j-nop binds its libraries' logging to nothing); the JDK's own logging
     * would print to the console, so {@code logged} holds every record at any level, formatted with its
     * parameters and any exception (message and causes).
     */
    record Captured(Run run, String systemOut, String systemErr, List<String> logged) {
        /** Everything in one string, for assertions about what must appear nowhere. */
        String everything() {
            return run.out() + "\n" + run.err() + "\n" + systemOut + "\n" + systemErr + "\n"
                    + String.join("\n", logged);
        }
    }

    /**
     * Like {@link #runWith(Map, String, List)}, with {@code hooks} making the subcommands, and with
     * {@link System#out}, {@link System#err} and the root {@code java.util.logging} logger captured for the
     * duration. Not for concurrent use (the streams are the JVM's); tests in this build run one at a time.
     */
    static synchronized Captured runCaptured(Hooks hooks, Map<String, String> environment, String stdin,
                                             List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, false, environment);
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            private final java.util.logging.Formatter formatter = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord r) {
                StringBuilder b = new StringBuilder(r.getLevel() + " " + r.getLoggerName() + ": "
                        + formatter.formatMessage(r));
                for (Throwable e = r.getThrown(); e != null; e = e.getCause()) {
                    b.append(" | ").append(e);
                }
                logged.add(b.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int code;
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        root.setLevel(java.util.logging.Level.ALL);
        root.addHandler(handler);
        try {
            code = Main.run(args.toArray(String[]::new), t, hooks);
        } finally {
            root.removeHandler(handler);
            root.setLevel(level);
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new Captured(new Run(code, out.toString(), err.toString()),
                capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8),
                List.copyOf(logged));
    }

    private Cli() {
    }
}
