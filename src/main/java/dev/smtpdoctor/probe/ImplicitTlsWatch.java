package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.tls.TlsObservation;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a greeting that is late on a port probed without implicit TLS: after {@link #AFTER} without a greeting,
 * a credential-free TLS handshake on a second connection ({@link SecondLook}) tells whether the port speaks TLS at
 * once (a server that waits for a ClientHello never greets). The first connection keeps waiting meanwhile — a
 * legitimate slow greeter (Postfix postscreen waits 6 s) still greets and the probe goes on — and is closed only
 * when the handshake completed, which ends the greeting's wait within seconds instead of at the step timeout.
 */
final class ImplicitTlsWatch implements AutoCloseable {

    /** How long a greeting may be late before the second connection tries TLS. */
    static final Duration AFTER = Duration.ofSeconds(2);
    /** How long that handshake may take. */
    static final Duration HANDSHAKE = Duration.ofSeconds(5);

    private final SecondLook look;
    private final Thread thread;
    private volatile TlsObservation found;
    /** Set once by whichever comes first: the greeting, or the watch's completed handshake. */
    private final AtomicBoolean decided = new AtomicBoolean();

    /**
     * @param first    the probe's connection, closed when the port turns out to speak TLS at once
     * @param deadline the greeting's deadline: the watch ends with it
     */
    ImplicitTlsWatch(SecondLook look, Socket first, Deadline deadline) {
        this.look = look;
        if (look == null) {
            thread = null; // implicit TLS already: nothing to watch
            return;
        }
        this.thread = Thread.ofVirtual().name("implicit-tls-watch").start(() -> {
            try {
                Thread.sleep(AFTER);
            } catch (InterruptedException e) {
                return;
            }
            Deadline d = Deadline.after(HANDSHAKE, "implicit TLS watch").min(deadline);
            look.handshake(false, d).ifPresent(o -> {
                found = o;
                if (decided.compareAndSet(false, true)) {
                    Wire.closeQuietly(first); // ends the greeting's wait at once
                }
            });
        });
    }

    /** What the second connection's handshake showed, when the port speaks TLS at once. */
    Optional<TlsObservation> found() {
        return Optional.ofNullable(found);
    }

    /** The greeting; when the wait ended because the port speaks TLS at once, the outcome that says so. */
    Reply readGreeting(Wire wire, Deadline deadline) throws Abort, IOException, MalformedReplyException {
        try {
            Reply r = wire.readReply(deadline);
            if (decided.compareAndSet(false, true)) {
                return r;
            }
            // The watch won the race and is closing this connection: the port speaks both, TLS first.
        } catch (IOException | MalformedReplyException e) {
            if (!decided.get() || found == null) {
                throw e; // not ended by the watch
            }
        }
        throw new Abort(new ProbeOutcome.ProtocolViolation(Step.GREETING,
                ProbeOutcome.ProtocolViolation.Kind.IMPLICIT_TLS, "no greeting after " + AFTER.toSeconds()
                + " s; a second connection completed a TLS handshake at once (" + found.protocol() + ")"), false);
    }

    /** Stops the watch (the greeting came, or the step ended) and waits briefly for its thread to end. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        look.close();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
