package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.Reply;

/**
 * Receives a probe's progress, for live output and transcripts. Every {@code stepStarted} is followed
 * by exactly one {@code stepSucceeded} or {@code stepFailed} for the same step. Called on the probe's
 * thread; implementations must be fast and must not throw (a throwing listener is ignored, not obeyed).
 * The lines passed to {@link #sent} are already redacted: AUTH data never reaches a listener.
 */
public interface ProbeListener {

    ProbeListener NONE = new ProbeListener() {
    };

    default void stepStarted(Endpoint endpoint, Step step) {
    }

    default void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
    }

    default void stepFailed(Endpoint endpoint, Step step, long durationMillis, String reason) {
    }

    default void sent(Endpoint endpoint, String redactedLine) {
    }

    default void received(Endpoint endpoint, Reply reply) {
    }

    default void note(Endpoint endpoint, String text) {
    }

    /** A TLS handshake completed (or got as far as the certificate); lets the matrix find certificate names early. */
    default void tlsEstablished(Endpoint endpoint, String address, dev.smtpdoctor.tls.TlsObservation observation) {
    }
}
