package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one listener fan-out: {@link #fanOut} gives every event to each listener in order, and a listener that
 * throws does not stop the others or the probe (as {@link ProbeListener} promises). The prober feeds its
 * transcript recorder and the caller's listener through it; anything else that needs to pass events on (the
 * matrix's watcher) uses it or {@link ForwardingProbeListener} instead of listing the listener's methods again.
 */
public final class ProbeListeners {

    private ProbeListeners() {
    }

    /** A listener forwarding every method to each of {@code listeners}, in order, containing their exceptions. */
    public static ProbeListener fanOut(ProbeListener... listeners) {
        return new FanOut(List.of(listeners));
    }

    private record FanOut(List<ProbeListener> listeners) implements ProbeListener {

        @Override
        public void stepStarted(Endpoint e, Step s) {
            each(l -> l.stepStarted(e, s));
        }

        @Override
        public void stepSucceeded(Endpoint e, Step s, long ms, String detail) {
            each(l -> l.stepSucceeded(e, s, ms, detail));
        }

        @Override
        public void stepFailed(Endpoint e, Step s, long ms, String reason) {
            each(l -> l.stepFailed(e, s, ms, reason));
        }

        @Override
        public void sent(Endpoint e, String redactedLine) {
            each(l -> l.sent(e, redactedLine));
        }

        @Override
        public void received(Endpoint e, Reply r) {
            each(l -> l.received(e, r));
        }

        @Override
        public void note(Endpoint e, String text) {
            each(l -> l.note(e, text));
        }

        @Override
        public void tlsEstablished(Endpoint e, String address, TlsObservation o) {
            each(l -> l.tlsEstablished(e, address, o));
        }

        private void each(Consumer<ProbeListener> event) {
            for (ProbeListener l : listeners) {
                try {
                    event.accept(l);
                } catch (RuntimeException ignored) {
                    // Listeners must not break probes, nor keep the others from their events (see ProbeListener).
                }
            }
        }
    }
}
