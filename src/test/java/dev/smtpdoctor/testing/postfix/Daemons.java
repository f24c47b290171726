package dev.smtpdoctor.testing.postfix;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the {@code postfix} and {@code dovecot} commands.
 *
 * <p>Both daemonise: the command forks the daemon and returns. The daemon inherits the command's
 * stdio, so the command must not be given pipes — a pipe whose write end a daemon keeps open never
 * reaches end-of-file, which is how a calling shell hangs (see TOOLCHAIN). stdin is /dev/null and
 * stdout/stderr are appended to a file in the run directory, which also gives failures their text.
 *
 * @param postfix the {@code postfix} command
 * @param dovecot the {@code dovecot} command
 */
record Daemons(Path postfix, Path dovecot) {

    /** Where Debian puts them; root's PATH has them, a CI runner's PATH may not. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    /**
     * @throws PostfixUnavailableException naming what is missing and how to install it
     */
    static Daemons locate() {
        Optional<Path> postfix = which("postfix");
        Optional<Path> dovecot = which("dovecot");
        List<String> missing = new ArrayList<>();
        if (postfix.isEmpty()) {
            missing.add("postfix (package postfix)");
        }
        if (dovecot.isEmpty()) {
            missing.add("dovecot (package dovecot-core)");
        }
        if (!missing.isEmpty()) {
            throw new PostfixUnavailableException("The Postfix integration tests need a real Postfix and Dovecot, but "
                    + String.join(" and ", missing) + " is not installed (looked in PATH and " + EXTRA_DIRS
                    + "). " + PostfixUnavailableException.INSTALL_HINT);
        }
        return new Daemons(postfix.get(), dovecot.get());
    }

    private static Optional<Path> which(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    int postfix(Path configDir, String command, Path output, Duration timeout) {
        return run(List.of(postfix.toString(), "-c", configDir.toString(), command), output, timeout);
    }

    /** {@code dovecot -c FILE} starts it; with an extra argument ("stop") it controls the running one. */
    int dovecot(Path config, Optional<String> command, Path output, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of(dovecot.toString(), "-c", config.toString()));
        command.ifPresent(cmd::add);
        return run(cmd, output, timeout);
    }

    /**
     * Runs a command to completion with stdio as described above.
     *
     * @return its exit status
     * @throws PostfixUnavailableException when it cannot be started or outlives {@code timeout}
     */
    static int run(List<String> command, Path output, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        // A MAIL_CONFIG from the caller's environment would override -c for the daemons master starts.
        pb.environment().remove("MAIL_CONFIG");
        pb.environment().put("LANG", "C");
        try {
            Files.writeString(output, "$ " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new PostfixUnavailableException("`" + String.join(" ", command) + "` did not finish within "
                        + timeout.toSeconds() + " s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new PostfixUnavailableException("cannot run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostfixUnavailableException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }
}
