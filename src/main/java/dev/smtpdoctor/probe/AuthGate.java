package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Deadline;

/**
 * Decides which of several concurrent probes of the same server may use the single AUTH attempt the
 * tool allows itself per server and run (failed logins trigger lockouts and fail2ban bans). Asked just
 * before AUTH, on a connection where credentials may be sent at all; may block until the deadline.
 * Implementations are thread-safe.
 */
public interface AuthGate {

    /** For a lone probe: always yes. */
    AuthGate ALWAYS = new AuthGate() {
        @Override
        public boolean acquire(Endpoint endpoint, String address, Deadline deadline) {
            return true;
        }
    };

    /**
     * @param address the IP address the probe is connected to
     * @return true when this probe may authenticate; false when another probe of the server took the attempt
     */
    boolean acquire(Endpoint endpoint, String address, Deadline deadline) throws InterruptedException;

    /**
     * Whether this probe may send the credential-free, cancelled {@code AUTH} that tells whether the server would
     * take a password without encryption ({@link ProbeResult#authInClear()}). Not the login attempt and never
     * counted as one; at most one per server (address) and check. A lone probe: yes.
     */
    default boolean mayCheckAuthInClear(Endpoint endpoint, String address) {
        return true;
    }

    /** The probe of {@code endpoint} ended, whether or not it asked. */
    default void finished(Endpoint endpoint) {
    }

    /**
     * The probe of {@code endpoint} ended; {@code authAttempted} says whether any byte of an AUTH command left
     * it. The AUTH command line itself is the attempt — a server counts it even when it refuses the mechanism
     * before any credential is sent — so only a holder that wrote no AUTH byte at all (a reset or a timeout
     * before AUTH) may give the attempt back. Called exactly once per probe by the prober.
     */
    default void finished(Endpoint endpoint, boolean authAttempted) {
        finished(endpoint);
    }
}
