package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import java.util.Optional;

/**
 * Lets one probe's connection go on as another probe of the same server: in a check, when a server's certificate
 * names another host (the hosting provider's real server name) that resolves to the same address, the probe of
 * that name on the same port need not open a second connection, wait for a second greeting and negotiate TLS
 * again: the first probe's connection is already past its handshake, with a certificate valid for that name —
 * the one the server chose for the first probe's name (its SNI), which the record keeps. The offering probe must
 * have sent nothing since its last EHLO (no AUTH byte, no MAIL); the taking probe starts where the offer ends
 * ({@link Handover}). A lone probe neither offers nor takes. Implementations are thread-safe.
 */
public interface Relay {

    /** For a lone probe: no other probe to hand a connection to. */
    Relay NONE = new Relay() {
    };

    /**
     * Offers the open connection of {@code endpoint}'s probe, at the end of its conversation, instead of QUIT. May
     * wait until {@code deadline} for the names of this server's certificate still being looked up, and briefly
     * for the probe that takes it.
     *
     * @return true when another probe took it ({@link Handover#claim}): the offering probe then neither sends QUIT
     *         nor closes the connection
     */
    default boolean offer(Endpoint endpoint, Handover handover, Deadline deadline) {
        return false;
    }

    /** The connection this probe continues, already claimed for it; empty to open its own. */
    default Optional<Handover> take(Endpoint endpoint) {
        return Optional.empty();
    }
}
