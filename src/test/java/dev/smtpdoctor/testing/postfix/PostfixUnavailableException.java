package dev.smtpdoctor.testing.postfix;

/**
 * The test Postfix or Dovecot could not be started. Fails every test that needs them — the suite
 * must not pass by skipping the real-server checks. {@code -DskipITs} leaves all ITs out on purpose.
 */
public final class PostfixUnavailableException extends RuntimeException {

    static final String INSTALL_HINT = "Run scripts/install-test-deps.sh (as root) to install postfix and "
            + "dovecot-core, or leave the integration tests out explicitly with -DskipITs.";

    PostfixUnavailableException(String message) {
        super(message);
    }

    PostfixUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
