package dev.smtpdoctor.testing.postfix;

import java.nio.file.Path;

/**
 * Where one run of the fixture keeps everything, all below one directory that is deleted at the end:
 * nothing is written to /etc/postfix, /etc/dovecot, /var/spool/postfix or /var/lib/dovecot.
 * Unix socket paths stay well below the 108-byte limit as long as {@code root} is short (it is under
 * {@code java.io.tmpdir}).
 */
record RunDirectory(Path root) {

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

    /** The JVM that owns this run, so a later run can clean up after a crashed one. */
    Path ownerFile() {
        return root.resolve("owner.pid");
    }
}
