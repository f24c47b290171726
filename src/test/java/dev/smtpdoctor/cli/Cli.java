package dev.smtpdoctor.cli;

import dev.smtpdoctor.dns.Resolver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

    private Cli() {
    }
}
