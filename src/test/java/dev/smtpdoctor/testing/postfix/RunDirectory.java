package dev.smtpdoctor.testing.postfix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one run of the fixture keeps everything, all below one directory that is deleted at the end:
 * nothing is written to /etc/postfix, /etc/dovecot, /var/spool/postfix or /var/lib/dovecot.
 * Unix socket paths stay well below the 108-byte limit as long as {@code root} is short (it is under
 * {@code java.io.tmpdir}).
 */
record RunDirectory(Path root) {

    /**
     * Makes a new run directory below {@code parent}, named {@code run-<pid>-<random>} after this JVM
     * so that a later run can tell whether its owner is still alive (see {@link #ownerPid()}).
     */
    static RunDirectory create(Path parent) throws IOException {
        Files.createDirectories(parent);
        traversable(parent);
        RunDirectory run = new RunDirectory(Files.createTempDirectory(parent,
                "run-" + ProcessHandle.current().pid() + "-"));
        traversable(run.root());
        for (Path d : new Path[] {run.postfixConfig(), run.queue(), run.logs(), run.dovecot(), run.pki()}) {
            Files.createDirectories(d);
            traversable(d);
        }
        return run;
    }

    /** The pid of the JVM that made {@code dir}, when its name says so. */
    static Optional<Long> ownerPid(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        if (parts.length < 3 || !parts[0].equals("run")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Postfix and Dovecot drop privileges (to postfix, dovecot): every directory on the way to their
     * files must be searchable by others, and temp directories are created 700.
     */
    static void traversable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Deletes the whole tree; reports instead of throwing (it runs in cleanup paths). */
    void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("postfix-it: cannot delete " + root + ": " + e);
        }
    }

    /** Postfix's config directory, passed as {@code postfix -c}. */
    Path postfixConfig() {
        return root.resolve("postfix");
    }

    /** Postfix's {@code queue_directory}: root-owned; {@code post-install} creates its subdirectories. */
    Path queue() {
        return root.resolve("queue");
    }

    /** Postfix's {@code data_directory}: created by {@code post-install} (it must be owned by postfix). */
    Path data() {
        return root.resolve("data");
    }

    /** Where postlogd writes ({@code maillog_file}) and Dovecot logs; also stdout/stderr of the start commands. */
    Path logs() {
        return root.resolve("log");
    }

    Path maillog() {
        return logs().resolve("postfix.log");
    }

    Path dovecotLog() {
        return logs().resolve("dovecot.log");
    }

    /** stdout and stderr of the postfix and dovecot commands (start, stop), appended. */
    Path commandOutput() {
        return logs().resolve("commands.out");
    }

    Path dovecot() {
        return root.resolve("dovecot");
    }

    Path dovecotConfig() {
        return dovecot().resolve("dovecot.conf");
    }

    Path dovecotUsers() {
        return dovecot().resolve("users");
    }

    /** Dovecot's {@code base_dir}: its master.pid and internal sockets. */
    Path dovecotRun() {
        return dovecot().resolve("run");
    }

    Path dovecotState() {
        return dovecot().resolve("state");
    }

    /** The SASL socket Dovecot serves to Postfix: {@code smtpd_sasl_path = private/auth}, queue-relative. */
    Path authSocket() {
        return queue().resolve("private").resolve("auth");
    }

    Path pki() {
        return root.resolve("pki");
    }

}
