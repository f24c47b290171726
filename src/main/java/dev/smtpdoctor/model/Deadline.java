package dev.smtpdoctor.model;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A point in monotonic time by which a step must finish. Immutable; {@link #min} combines a step's own
 * deadline with the whole probe's.
 */
public record Deadline(long expiresAtNanos, String label) {

    public static Deadline after(Duration timeout, String label) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), label);
    }

    /** The earlier of the two; keeps this label when the other is not earlier. */
    public Deadline min(Deadline other) {
        return other.expiresAtNanos - expiresAtNanos < 0 ? other : this;
    }

    public long remainingMillis() {
        long nanos = expiresAtNanos - System.nanoTime();
        return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
    }

    public boolean expired() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    /** Milliseconds left, at least 1, for socket timeouts; throws when none are left. */
    public int socketTimeoutMillis() throws SocketTimeoutException {
        long ms = remainingMillis();
        if (ms <= 0) {
            throw new SocketTimeoutException(label + " deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
