package dev.smtpdoctor.testing;

/**
 * A test MTA beside Postfix (Exim, OpenSMTPD) could not be started. {@link #notInstalled()} says whether
 * that is because its unpacked package is missing, the one case a run outside CI may skip
 * ({@link TestMtas#unavailable}); anything else fails the tests.
 */
public final class TestMtaUnavailableException extends RuntimeException {

    private final boolean notInstalled;

    public TestMtaUnavailableException(String message, boolean notInstalled) {
        super(message);
        this.notInstalled = notInstalled;
    }

    public TestMtaUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.notInstalled = false;
    }

    public boolean notInstalled() {
        return notInstalled;
    }
}
