package dev.smtpdoctor.probe;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Probes one endpoint: resolve, connect, greeting, EHLO, STARTTLS, handshake, EHLO, AUTH, MAIL FROM,
 * RSET, QUIT — each step timed and bounded by its own deadline and the probe's.
 *
 * <p>This state machine is the product's core and is written by hand on purpose: mail libraries
 * (Angus Mail, commons-net) hide exactly what we must report — the greeting delay, the capabilities
 * before and after TLS, the chain of a certificate they refuse, the reply that ended the conversation —
 * and they throw where we need values. Exceptions end at this class's edge and become a
 * {@link ProbeOutcome}; {@link #probe} never throws.
 *
 * <p>{@link ProbeSession} keeps the order of the conversation; the parts live beside it: {@link NameLookup} (the
 * lookup on its own thread), {@link Wire} (lines out, masked replies in), {@link Outcomes} (exceptions to
 * outcomes), {@code probe.sasl} (the AUTH exchanges), {@link ProbeListeners} (events to the transcript and the
 * caller).
 *
 * <p>Credentials: at most one AUTH exchange per probe; never without TLS unless the request allows it;
 * never to a server whose certificate fails the chain or name check. AUTH lines reach listeners and
 * transcripts redacted, and any echo of the secret in a server reply is masked too.
 *
 * <p>Thread-safe: each call runs on the caller's thread with its own state, so many probes may run
 * concurrently (the matrix runs them on virtual threads).
 */
public final class Prober {

    private final Resolver resolver;
    private final TlsHandshaker handshaker;
    private final Limits limits;
    /** Transcript characters the probes of this prober (one check) may still keep together. */
    private final AtomicLong transcriptLeft;

    public Prober(Resolver resolver, TlsHandshaker handshaker, Limits limits) {
        this.resolver = resolver;
        this.handshaker = handshaker;
        this.limits = limits;
        this.transcriptLeft = new AtomicLong(limits.maxCheckTranscriptChars());
    }

    /** The same prober, resolving names through {@code r} (the matrix pins certificate names this way). */
    public Prober withResolver(Resolver r) {
        return new Prober(r, handshaker, limits);
    }

    public ProbeResult probe(ProbeRequest request, ProbeListener listener) {
        return new ProbeSession(resolver, handshaker, limits, transcriptLeft, request, listener).run();
    }

    /** One line for an outcome, as step records and transcripts show it. */
    static String describe(ProbeOutcome o) {
        return Outcomes.describe(o);
    }
}
