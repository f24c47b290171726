package dev.smtpdoctor.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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

    private Cli() {
    }
}
