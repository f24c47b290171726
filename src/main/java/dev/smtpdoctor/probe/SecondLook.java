package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TlsObservation;
import dev.smtpdoctor.tls.TlsProtocols;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A credential-free TLS handshake on a second connection to the address a probe is connected to, for diagnosis
 * only: whether a port that was expected to greet speaks TLS at once, and which (obsolete) TLS version a server
 * speaks whose handshake failed on the normal path. Nothing secret is ever sent on it: at most EHLO and STARTTLS
 * before the handshake, then the connection is closed without a word. Its bytes count against the probe's budget;
 * it is not part of the transcript (the probe notes what it learnt). Closing it from another thread ends it at once.
 */
final class SecondLook implements AutoCloseable {

    /** Bytes a second look may read before its handshake: a greeting and two short replies. */
    private static final long MAX_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final Endpoint endpoint;
    private final TlsHandshaker handshaker;
    private final Limits limits;
    private final SecretMask mask;
    /** Its own: it may run beside the probe's reads, on another thread. */
    private final ByteBudget budget;
    private volatile Socket socket;
    private volatile boolean closed;

    SecondLook(InetSocketAddress address, Endpoint endpoint, TlsHandshaker handshaker, Limits limits,
               SecretMask mask) {
        this.address = address;
        this.endpoint = endpoint;
        this.handshaker = handshaker;
        this.limits = limits;
        this.mask = mask;
        this.budget = new ByteBudget(Math.min(limits.maxBytes(), MAX_BYTES));
    }

    /**
     * Connects and handshakes, at once ({@code afterStartTls} false: implicit TLS) or after the server's greeting,
     * EHLO and a 220 to STARTTLS; the diagnostic handshake also offers TLS 1.1 and 1.0.
     *
     * @return what the completed handshake showed; empty when anything failed or the deadline passed
     */
    Optional<TlsObservation> handshake(boolean afterStartTls, Deadline deadline) {
        Wire wire = new Wire(endpoint, ProbeListener.NONE, limits, mask, budget);
        Socket s = new Socket();
        socket = s;
        try {
            if (closed) {
                return Optional.empty();
            }
            s.connect(address, deadline.socketTimeoutMillis());
            wire.connected(s);
            if (afterStartTls) {
                Reply greeting = wire.readReply(deadline);
                if (greeting.code() != 220 || wire.command("EHLO " + wire.ehloName(), deadline).code() != 250
                        || wire.command("STARTTLS", deadline).code() != 220 || wire.hasBufferedBytes()) {
                    return Optional.empty();
                }
            }
            TlsHandshaker.Handshake h = handshaker.diagnosticHandshake(wire.socket(), endpoint.host(),
                    endpoint.port(), deadline);
            wire.secured(h.socket());
            return Optional.of(mask.observation(h.observation()));
        } catch (IOException | MalformedReplyException | RuntimeException e) {
            return Optional.empty();
        } finally {
            wire.close();
            Wire.closeQuietly(s);
        }
    }

    /**
     * A handshake that failed on the normal path (TLS 1.3/1.2) over the protocol version: {@code failed} with the
     * version the server speaks when a diagnostic handshake on a second connection completes with TLS 1.0/1.1.
     */
    static ProbeOutcome withObsoleteVersion(ProbeOutcome failed, Supplier<SecondLook> looks, Deadline deadline) {
        if (!(failed instanceof ProbeOutcome.TlsFailed t) || !t.maybeObsoleteVersion()) {
            return failed;
        }
        try (SecondLook look = looks.get()) {
            return look.handshake(t.step() == Step.STARTTLS_HANDSHAKE, deadline)
                    .map(TlsObservation::protocol)
                    .filter(TlsProtocols.OBSOLETE::contains)
                    .<ProbeOutcome>map(t::withObsoleteProtocol)
                    .orElse(t);
        }
    }

    /** Ends a handshake in progress (from any thread); a later one does not start. */
    @Override
    public void close() {
        closed = true;
        Wire.closeQuietly(socket);
    }
}
