package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Handover;
import dev.smtpdoctor.probe.ProbeResult;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check's side of the probes' {@link dev.smtpdoctor.probe.Relay}: a certificate name's probe on a port goes on
 * from the probe that found the name (same server, same port) rather than starting from nothing once the name is
 * known — so the classic shared-hosting check takes about one probe, not a probe and a half.
 *
 * <p>Each cell publishes an {@code Exchange}: the address it connected to, whether after its handshake it may
 * still leave its connection to someone (not when it will carry the login itself), and how it ended — a
 * {@link Handover} offered instead of QUIT, or its result. The name's cell of the same port, once admitted, is
 * expected there; when it starts it waits for that end if the presenter is connected to the pinned address: a
 * handover it may claim (same address, same certificate), or a result it may take over when nothing in that
 * conversation depended on the name ({@link SameConversation}). Otherwise it opens its own connection. An
 * offering probe first waits for the lookups of its certificate's names, so a name still being resolved is not
 * missed. Thread-safe; every wait is bounded by the caller's deadline.
 */
final class ConnectionRelay {

    /** What one cell's probe has shown so far. Guarded by itself. */
    private static final class Exchange {
        private InetAddress connectedTo;
        /** Set after its handshake: false when the probe may carry the login itself and will offer nothing. */
        private Boolean mayOffer;
        /** A {@link Handover} offered, or the probe's {@link ProbeResult}, or {@link #NO_RESULT}. */
        private Object end;
        /** Cells admitted that may continue from this one and have not decided yet. */
        private int takers;
    }

    private static final Object NO_RESULT = new Object();

    private final Map<Endpoint, Exchange> exchanges = new ConcurrentHashMap<>();
    /** Certificate names being looked up, per host whose server presented them. Guarded by {@code this}. */
    private final Map<String, Integer> lookups = new HashMap<>();

    /** The cell a certificate name's cell may continue from: the presenting host's cell of the same mode. */
    static Optional<Endpoint> presenterOf(Candidate c, Endpoint e) {
        return c.pin().isPresent() && c.sameServerAs().isPresent()
                ? Optional.of(new Endpoint(c.sameServerAs().get(), e.port(), e.security())) : Optional.empty();
    }

    /** A cell is about to be started; {@code from}: the cell it may continue from. */
    void register(Endpoint e, Optional<Endpoint> from) {
        exchanges.putIfAbsent(e, new Exchange());
        from.map(exchanges::get).ifPresent(x -> {
            synchronized (x) {
                x.takers++;
            }
        });
    }

    void connected(Endpoint e, InetAddress address) {
        update(e, x -> x.connectedTo = address);
    }

    void secured(Endpoint e, boolean mayOffer) {
        update(e, x -> x.mayOffer = mayOffer);
    }

    /** The probe of {@code e} ended (or never started: empty); its waiters go on. */
    void ended(Endpoint e, Optional<ProbeResult> result) {
        update(e, x -> {
            if (x.end == null) {
                x.end = result.isPresent() ? result.get() : NO_RESULT;
            }
        });
    }

    synchronized void lookupStarted(String presenter) {
        lookups.merge(presenter, 1, Integer::sum);
    }

    synchronized void lookupEnded(String presenter) {
        lookups.merge(presenter, -1, (a, b) -> a + b == 0 ? null : a + b);
        notifyAll();
    }

    /**
     * {@code e}'s probe offers its connection: true when a cell may take it (the probe then awaits the claim),
     * once the names of its server's certificates have been looked up.
     */
    boolean offer(Endpoint e, Handover h, Deadline d) {
        awaitLookups(e.host(), d);
        Exchange x = exchanges.get(e);
        if (x == null) {
            return false;
        }
        synchronized (x) {
            if (x.takers == 0 || x.end != null) {
                return false;
            }
            x.end = h;
            x.notifyAll();
            return true;
        }
    }

    /**
     * For a cell that may continue from {@code from}'s: when that probe is connected to {@code pinned}, waits for
     * how it ends — a {@link Handover} to claim or a {@link ProbeResult} — unless it will offer nothing. Empty: open
     * a connection of its own. Called once per expected cell, which then no longer counts as a taker.
     */
    Optional<Object> await(Endpoint from, InetAddress pinned, Deadline d) throws InterruptedException {
        Exchange x = exchanges.get(from);
        if (x == null) {
            return Optional.empty();
        }
        synchronized (x) {
            try {
                if (!pinned.equals(x.connectedTo)) {
                    return Optional.empty();
                }
                while (x.end == null && !Boolean.FALSE.equals(x.mayOffer) && d.remainingMillis() > 0) {
                    x.wait(Math.max(1, d.remainingMillis()));
                }
                return x.end == null || x.end == NO_RESULT ? Optional.empty() : Optional.of(x.end);
            } finally {
                x.takers--;
            }
        }
    }

    /** An expected cell that will not wait after all (it did not start). */
    void notWaiting(Endpoint from) {
        update(from, x -> x.takers--);
    }

    private synchronized void awaitLookups(String presenter, Deadline d) {
        try {
            while (lookups.containsKey(presenter) && d.remainingMillis() > 0) {
                wait(Math.max(1, d.remainingMillis()));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void update(Endpoint e, java.util.function.Consumer<Exchange> change) {
        Exchange x = exchanges.get(e);
        if (x != null) {
            synchronized (x) {
                change.accept(x);
                x.notifyAll();
            }
        }
    }
}
