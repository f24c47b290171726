package dev.smtpdoctor.tls;

import java.nio.file.Path;

/** A CA file the user named cannot be used. The message names the file and the reason; no stack trace is meant for users. */
public final class TrustConfigException extends Exception {

    public enum Reason { NOT_FOUND, UNREADABLE, NOT_CERTIFICATES }

    private final Reason reason;
    private final Path file;

    public TrustConfigException(Reason reason, Path file) {
        super(reason + ": " + file);
        this.reason = reason;
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }
}
