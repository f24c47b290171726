package dev.smtpdoctor.smtp;

/**
 * How many bytes one probe may still read from its server, across TLS upgrades. A hostile server
 * sending an endless reply or a 10 MB line is stopped here. Not thread-safe: one probe, one thread.
 */
public final class ByteBudget {
    public static final long DEFAULT_LIMIT = 1L << 20;

    private final long limit;
    private long spent;

    public ByteBudget(long limit) {
        this.limit = limit;
    }

    public void spend(long bytes) throws ReadLimitExceededException {
        spent += bytes;
        if (spent > limit) {
            throw new ReadLimitExceededException(limit);
        }
    }

    public long spent() {
        return spent;
    }

    public long limit() {
        return limit;
    }
}
