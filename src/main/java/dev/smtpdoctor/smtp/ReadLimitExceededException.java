package dev.smtpdoctor.smtp;

import java.io.IOException;

/** The server sent more bytes than one probe may read ({@link LineReader}'s budget). */
public final class ReadLimitExceededException extends IOException {
    private final long limit;

    public ReadLimitExceededException(long limit) {
        super("server sent more than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
