package dev.smtpdoctor.testing.postfix;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds and runs the {@code postfix} and {@code dovecot} commands.
 *
 * <p>Both daemonise: the command forks the daemon and returns. The daemon inherits the command's
 * stdio, so the command must not be given pipes — a pipe whose write end a daemon keeps open never
 * reaches end-of-file, which is how a calling shell hangs. stdin is /dev/null and
 * stdout/stderr are appended to a file in the run directory, which also gives failures their text.
 *
 * @param postfix the {@code postfix} command
 * @param dovecot the {@code dovecot} command
 */
record Daemons(Path postfix, Path dovecot) {

    /** Where Debian puts them; root's PATH has them, a CI runner's PATH may not. */
    static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /**
     * @throws PostfixUnavailableException naming what is missing and how to install it
     */
    static Daemons locate() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(EXTRA_DIRS);
        return locate(dirs);
    }

    /** Looks in {@code dirs}, in order. */
    static Daemons locate(List<String> dirs) {
        Optional<Path> postfix = which("postfix", dirs);
        Optional<Path> dovecot = which("dovecot", dirs);
        List<String> missing = new ArrayList<>();
        if (postfix.isEmpty()) {
            missing.add("postfix (package postfix)");
        }
        if (dovecot.isEmpty()) {
            missing.add("dovecot (package dovecot-core)");
        }
        if (!missing.isEmpty()) {
            throw new PostfixUnavailableException("The Postfix integration tests need a real Postfix and Dovecot, but "
                    + String.join(" and ", missing) + " is not installed (looked in " + String.join(File.pathSeparator, dirs)
                    + "). " + PostfixUnavailableException.INSTALL_HINT);
        }
        return new Daemons(postfix.get(), dovecot.get());
    }

    private static Optional<Path> which(String name, List<String> dirs) {
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

    /**
     * Starts Postfix, then Dovecot. Postfix first: {@code postfix start} runs post-install, which
     * creates queue/private, where Dovecot puts the SASL socket; {@code master -w} (in postfix-script)
     * returns once master has bound every listener, or fails. smtpd asks Dovecot only per AUTH.
     *
     * @param started told before each daemon is started, so a failure can stop what may be running
     */
    void start(RunDirectory run, Consumer<String> started) {
        started.accept("postfix");
        int rc = postfix(run.postfixConfig(), "start", run.commandOutput(), START_TIMEOUT);
        if (rc != 0) {
            throw new PostfixUnavailableException("`postfix -c " + run.postfixConfig() + " start` failed (exit "
                    + rc + ")");
        }
        started.accept("dovecot");
        rc = dovecot(run.dovecotConfig(), Optional.empty(), run.commandOutput(), START_TIMEOUT);
        if (rc != 0) {
            throw new PostfixUnavailableException("`dovecot -c " + run.dovecotConfig() + "` failed (exit " + rc + ")");
        }
    }

    /**
     * Stops what runs from {@code run}: Postfix ({@code postfix stop}: SIGTERM to master, which ends
     * its children; about 0.1 s) and Dovecot ({@code dovecot stop}, then until its master has exited:
     * Dovecot's own shutdown takes 2-3 s). Best effort: each step runs even when another fails.
     */
    void stop(RunDirectory run, boolean postfix, boolean dovecot) {
        if (postfix) {
            try {
                postfix(run.postfixConfig(), "stop", run.commandOutput(), STOP_TIMEOUT);
            } catch (RuntimeException e) {
                System.err.println("postfix-it: stopping Postfix: " + e.getMessage());
            }
        }
        if (dovecot) {
            try {
                Optional<ProcessHandle> master = pidFile(run.dovecotRun().resolve("master.pid"));
                dovecot(run.dovecotConfig(), Optional.of("stop"), run.commandOutput(), STOP_TIMEOUT);
                master.ifPresent(h -> h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join());
            } catch (RuntimeException e) {
                System.err.println("postfix-it: stopping Dovecot: " + e.getMessage());
            }
        }
    }

    /**
     * Stops the daemons of run directories below {@code parent} whose JVM is gone (killed before its
     * shutdown hook ran) and deletes those directories, so crashed runs do not pile up on the machine.
     * Directories of live JVMs (another build running now) are left alone.
     */
    void removeLeftovers(Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            for (Path dir : dirs.toList()) {
                Optional<Long> owner = RunDirectory.ownerPid(dir);
                if (owner.isEmpty() || ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                RunDirectory stale = new RunDirectory(dir);
                Files.createDirectories(stale.logs());
                stop(stale, Files.isRegularFile(stale.postfixConfig().resolve("main.cf")),
                        Files.isRegularFile(stale.dovecotConfig()));
                stale.delete();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("postfix-it: cleaning up earlier runs: " + e);
        }
    }

    private static Optional<ProcessHandle> pidFile(Path file) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
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
            Files.writeString(output, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
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
