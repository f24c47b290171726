package dev.smtpdoctor.cli;

/**
 * Bad input, reported as a message key and arguments resolved in the user's language; exit code 64.
 * Never carries a password: callers pass field names and the offending non-secret value only.
 */
public final class UsageException extends RuntimeException {
    private final String key;
    private final transient Object[] args;

    public UsageException(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
