package dev.smtpdoctor.cli;

/** Exit codes, documented in docs/exit-codes.md. */
public final class ExitCodes {
    /** A secure configuration works. */
    public static final int SECURE = 0;
    /** Only an unsecured configuration works (or the certificate would be refused). */
    public static final int INSECURE_ONLY = 1;
    /** Nothing works. */
    public static final int NOTHING_WORKS = 2;
    /** Bad input: unknown option, malformed value, unreadable file (BSD sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /** A bug in smtp-doctor (EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
