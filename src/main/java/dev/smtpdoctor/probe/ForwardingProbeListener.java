package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.TlsObservation;

/**
 * A listener that forwards every event to a delegate: subclass it and override only the events you look at
 * (calling {@code super} to pass them on). Exceptions are not contained here; a probe contains its listener's
 * (see {@link ProbeListeners#fanOut}). A method added to {@link ProbeListener} is added here, and
 * {@code ProbeListenersTest} fails until it is.
 */
public abstract class ForwardingProbeListener implements ProbeListener {

    private final ProbeListener delegate;

    protected ForwardingProbeListener(ProbeListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void stepStarted(Endpoint endpoint, Step step) {
        delegate.stepStarted(endpoint, step);
    }

    @Override
    public void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
        delegate.stepSucceeded(endpoint, step, durationMillis, detail);
    }

    @Override
    public void stepFailed(Endpoint endpoint, Step step, long durationMillis, String reason) {
        delegate.stepFailed(endpoint, step, durationMillis, reason);
    }

    @Override
    public void sent(Endpoint endpoint, String redactedLine) {
        delegate.sent(endpoint, redactedLine);
    }

    @Override
    public void received(Endpoint endpoint, Reply reply) {
        delegate.received(endpoint, reply);
    }

    @Override
    public void note(Endpoint endpoint, String text) {
        delegate.note(endpoint, text);
    }

    @Override
    public void tlsEstablished(Endpoint endpoint, String address, TlsObservation observation) {
        delegate.tlsEstablished(endpoint, address, observation);
    }
}
