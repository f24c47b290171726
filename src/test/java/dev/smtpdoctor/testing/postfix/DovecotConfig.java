package dev.smtpdoctor.testing.postfix;

/**
 * Renders an auth-only Dovecot 2.3 configuration (no IMAP/POP3: {@code protocols =}) whose only job
 * is to answer Postfix's SASL requests on a unix socket inside the private Postfix queue.
 * {@code base_dir}, {@code state_dir} and the log are in the run directory, and {@code instance_name}
 * differs from the system's, so it coexists with a system Dovecot.
 *
 * <p>Dovecot 2.4 (Debian 13) changed the configuration syntax; this is the 2.3 form (Debian 12).
 */
final class DovecotConfig {

    private DovecotConfig() {
    }

    static String dovecotConf(RunDirectory run) {
        return """
                # Written by smtp-doctor's integration tests: auth only, for Postfix SASL.
                protocols =
                instance_name = dovecot-smtpdoctor-it
                base_dir = %1$s
                state_dir = %2$s
                log_path = %3$s
                ssl = no
                auth_mechanisms = plain login
                # Dovecot delays a failed AUTH by 2 s by default; the tests need no brute-force protection.
                auth_failure_delay = 0
                # Log each failure with its reason, a second witness besides Postfix's log.
                auth_verbose = yes
                # Postfix has checked TLS already; Dovecot only sees the socket.
                disable_plaintext_auth = no
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %4$s
                }
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home=/nonexistent
                }
                # The auth penalty delays every AUTH from an address after a failure from it (2 s, doubling
                # up to 15 s), also with auth_failure_delay = 0; every test client is 127.0.0.1.
                # Removing its anvil listener is Dovecot's documented way to turn it off.
                service anvil {
                  unix_listener anvil-auth-penalty {
                    mode = 0
                  }
                }
                service auth {
                  unix_listener %5$s {
                    mode = 0660
                    user = postfix
                    group = postfix
                  }
                }
                """.formatted(run.dovecotRun(), run.dovecotState(), run.dovecotLog(), run.dovecotUsers(),
                run.authSocket());
    }

    /** passwd-file: {@code user:{PLAIN}password} and six empty fields (uid, gid, gecos, home, shell, extra). */
    static String users(String user, String password) {
        if (user.indexOf(':') >= 0 || password.indexOf(':') >= 0 || password.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("passwd-file fields cannot contain ':' or newlines");
        }
        return user + ":{PLAIN}" + password + "::::::\n";
    }
}
