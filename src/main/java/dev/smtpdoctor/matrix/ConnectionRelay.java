package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Handover;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The check's side of the probes' {@link dev.smtpdoctor.probe.Relay}: a certificate name's probe on a port goes on
 * from the probe that found the name (same server, same port) rather than starting from nothing once the name is
 * known — so the classic shared-hosting check takes about one probe, not a probe and a half.
 *
 * <p>Each cell publishes an {@code Exchange}: the address it connected to, whether after its handshake it may
 * still leave its connection to someone (not when it will carry the login itself), and how it ended — a
 * {@link Handover} offered instead of QUIT, or its result. The name's cell of the same port, once it holds a socket
 * permit, waits there if the presenter is connected to the pinned address: for a handover it may claim (same
 * address, same certificate), or a result it may take over when nothing in that conversation depended on the name
 * ({@link SameConversation}). Otherwise it opens its own connection. An offering probe first waits for the lookups
 * of its certificate's names, then briefly ({@value #ARRIVAL_MILLIS} ms at most) for a name's cell admitted but not
 * yet waiting: never its whole step for a taker that may not come. Thread-safe; every wait is bounded.
 */
final class ConnectionRelay {

    /** How an offering probe waits for a name's cell that was admitted but is not waiting yet. */
    static final long ARRIVAL_MILLIS = 1000;
    /** How long an offer stays open for the cell that takes it. */
    static final Duration CLAIM_WITHIN = Duration.ofMillis(ARRIVAL_MILLIS);

    /** How a probe ended, for the cells that may continue from it. */
    sealed interface End {
        /** Its connection, left open instead of QUIT. */
        record Offered(Handover handover) implements End {
        }

        /** Its result. */
        record Finished(ProbeResult result) implements End {
        }

        /** It never ran, or ended without a result. */
        record Nothing() implements End {
        }
    }

    /** Whether a probe, after its handshake, may still leave its connection to another. */
    private enum AfterHandshake { NOT_YET, MAY_OFFER, LOGS_IN_ITSELF }

    /** What one cell's probe has shown so far. Guarded by itself. */
    private static final class Exchange {
        private InetAddress connectedTo;
        /** Its greeting came: it is past the slow start (a greeting delay, a port that waits for TLS). */
        private boolean greeted;
        private AfterHandshake afterHandshake = AfterHandshake.NOT_YET;
        /** What its handshake showed. */
        private TlsObservation tls;
        private End end;
        /** Cells admitted that may continue from this one and are not waiting yet. */
        private int expected;
        /** Cells waiting for this one's end. */
        private int waiting;
    }

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
        from.ifPresent(f -> {
            exchanges.computeIfAbsent(f, k -> new Exchange()); // a follow-up cell may come before its presenter's
            update(f, x -> x.expected++);
        });
    }

    void connected(Endpoint e, InetAddress address) {
        update(e, x -> x.connectedTo = address);
    }

    void greeted(Endpoint e) {
        update(e, x -> x.greeted = true);
    }

    /** {@code e}'s handshake showed {@code tls}; {@code logsInItself}: the probe may carry the login there. */
    void secured(Endpoint e, TlsObservation tls, boolean logsInItself) {
        update(e, x -> {
            x.tls = tls;
            x.afterHandshake = logsInItself ? AfterHandshake.LOGS_IN_ITSELF : AfterHandshake.MAY_OFFER;
        });
    }

    /** The probe of {@code e} ended (or never started: empty); its waiters go on. */
    void ended(Endpoint e, Optional<ProbeResult> result) {
        update(e, x -> {
            if (x.end == null) {
                x.end = result.<End>map(End.Finished::new).orElseGet(End.Nothing::new);
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
     * {@code e}'s probe offers its connection, once the names of its server's certificates have been looked up:
     * true when a waiting cell claimed it (within {@link #CLAIM_WITHIN}); false leaves it to the probe.
     */
    boolean offer(Endpoint e, Handover h, Deadline d) {
        return publish(e, h, d) && h.awaitClaim(Deadline.after(CLAIM_WITHIN, "claim").min(d));
    }

    /** Leaves {@code h} to a waiting cell (waiting briefly for one admitted to arrive); false when there is none. */
    boolean publish(Endpoint e, Handover h, Deadline d) {
        // One short budget for the names' lookups and the cells' arrival: never a whole step for a slow DNS.
        Deadline arrival = Deadline.after(Duration.ofMillis(ARRIVAL_MILLIS), "taker").min(d);
        awaitLookups(e.host(), arrival);
        Exchange x = exchanges.get(e);
        if (x == null) {
            return false;
        }
        synchronized (x) {
            try {
                while (x.waiting == 0 && x.expected > 0 && x.end == null && arrival.remainingMillis() > 0) {
                    x.wait(Math.max(1, arrival.remainingMillis()));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (x.waiting == 0 || x.end != null) {
                return false;
            }
            x.end = new End.Offered(h);
            x.notifyAll();
            return true;
        }
    }

    /**
     * For a cell that may continue from {@code from}'s: when that probe is connected to the pinned address and past
     * its greeting or its handshake (or over), waits until {@code d} for how it ends, unless it will log in itself or
     * its handshake showed another certificate than the pinned one (the connection could not be taken). Empty: open a
     * connection of its own — at once when the presenter is still waiting for its greeting, which a slow greeter or
     * a port that speaks TLS at once can make long. Called at most once per registered cell, which then no longer
     * counts as expected ({@link #notWaiting} otherwise).
     */
    Optional<End> await(Endpoint from, Candidate.Pin pin, Deadline d) throws InterruptedException {
        Exchange x = exchanges.get(from);
        if (x == null) {
            return Optional.empty();
        }
        synchronized (x) {
            x.expected--;
            x.waiting++;
            x.notifyAll(); // an offer may be waiting for this cell to arrive
            try {
                if (!pin.address().equals(x.connectedTo)
                        || !x.greeted && x.afterHandshake != AfterHandshake.MAY_OFFER && x.end == null) {
                    return Optional.empty();
                }
                while (x.end == null && x.afterHandshake != AfterHandshake.LOGS_IN_ITSELF && d.remainingMillis() > 0
                        && (x.tls == null || x.tls.chainVerdict().trusted() && pin.sameCertificate(x.tls.leaf()))) {
                    x.wait(Math.max(1, d.remainingMillis()));
                }
                return Optional.ofNullable(x.end);
            } finally {
                x.waiting--;
                x.notifyAll();
            }
        }
    }

    /** A registered cell that will not wait after all (it did not start). */
    void notWaiting(Endpoint from) {
        update(from, x -> x.expected--);
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

    private void update(Endpoint e, Consumer<Exchange> change) {
        Exchange x = exchanges.get(e);
        if (x != null) {
            synchronized (x) {
                change.accept(x);
                x.notifyAll();
            }
        }
    }
}
