package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection one probe leaves open for another ({@link Relay}): past its TLS handshake and its EHLO, nothing
 * sent since, with what the conversation showed so far (greeting, capabilities, certificate, steps and
 * transcript, already masked). Claimed by at most one taker; the offering probe withdraws it when no one claims
 * it in time, and then says QUIT itself.
 */
public final class Handover {

    private static final int OFFERED = 0;
    private static final int CLAIMED = 1;
    private static final int WITHDRAWN = 2;

    final Endpoint from;
    final Wire wire;
    final String address;
    final Reply greeting;
    final long greetingMillis;
    final Capabilities ehlo;
    final Capabilities ehloTls;
    final TlsObservation tls;
    final long startNanos;
    final List<StepRecord> steps;
    final List<TranscriptEntry> transcript;
    final List<Deviation> deviations;
    final long bytesRead;
    private final AtomicInteger state = new AtomicInteger(OFFERED);
    private final CountDownLatch decided = new CountDownLatch(1);

    Handover(Endpoint from, Wire wire, String address, Reply greeting, long greetingMillis, Capabilities ehlo,
             Capabilities ehloTls, TlsObservation tls, long startNanos, List<StepRecord> steps,
             List<TranscriptEntry> transcript, List<Deviation> deviations, long bytesRead) {
        this.from = from;
        this.wire = wire;
        this.address = address;
        this.greeting = greeting;
        this.greetingMillis = greetingMillis;
        this.ehlo = ehlo;
        this.ehloTls = ehloTls;
        this.tls = tls;
        this.startNanos = startNanos;
        this.steps = List.copyOf(steps);
        this.transcript = List.copyOf(transcript);
        this.deviations = List.copyOf(deviations);
        this.bytesRead = bytesRead;
    }

    /** The endpoint whose probe opened the connection. */
    public Endpoint from() {
        return from;
    }

    /** The address the connection goes to, as the socket says (not as any name resolves now). */
    public Optional<InetAddress> remoteAddress() {
        return wire.socket().getRemoteSocketAddress() instanceof InetSocketAddress a
                ? Optional.ofNullable(a.getAddress()) : Optional.empty();
    }

    /** What the handshake showed, judged against the offering probe's host. */
    public TlsObservation tls() {
        return tls;
    }

    /** Takes the connection; false when another taker has it or the offer was withdrawn. */
    public boolean claim() {
        boolean won = state.compareAndSet(OFFERED, CLAIMED);
        decided.countDown();
        return won;
    }

    /** Leaves the connection to the offering probe, which then ends it as usual. */
    public void decline() {
        state.compareAndSet(OFFERED, WITHDRAWN);
        decided.countDown();
    }

    /** For the side that offered it: true when claimed by {@code deadline}; otherwise the offer is withdrawn. */
    public boolean awaitClaim(Deadline deadline) {
        try {
            decided.await(Math.max(0, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !state.compareAndSet(OFFERED, WITHDRAWN) && state.get() == CLAIMED;
    }
}
