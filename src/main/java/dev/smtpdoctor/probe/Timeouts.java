package dev.smtpdoctor.probe;

import java.time.Duration;

/**
 * How long each step may take, and the whole probe. A step's effective deadline is the earlier of
 * its own and the probe's.
 *
 * @param step  for DNS, connect, each reply, the TLS handshake
 * @param total for the whole probe, greeting delays included
 */
public record Timeouts(Duration step, Duration total) {

    /** Like swaks: 30 s per step, long enough for greeting pauses of 20 s that some servers use on purpose. */
    public static final Timeouts DEFAULT = ofStep(Duration.ofSeconds(30));

    public Timeouts {
        if (step.isNegative() || step.isZero() || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A step timeout, and four times that for the whole probe. */
    public static Timeouts ofStep(Duration step) {
        return new Timeouts(step, step.multipliedBy(4));
    }
}
