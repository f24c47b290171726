package dev.smtpdoctor.probe;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.model.Endpoint;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The RESOLVE step: the lookup runs on its own virtual thread, so the step gives up on time even when the
 * resolver does not, and the thread is interrupted when the step gives up (a resolver that honours interrupts,
 * a stalled DNS query over a socket, stops then instead of lingering; the system resolver cannot be
 * interrupted and ends when the OS gives up).
 */
final class NameLookup {

    /** The lookup gave no address; {@link #failure} says why. */
    static final class Failed extends Exception {
        final DnsFailure failure;

        Failed(DnsFailure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private NameLookup() {
    }

    /**
     * The endpoint's addresses, at most {@code max}, never empty.
     *
     * @throws Failed when the name has no address or the lookup failed, timed out or was interrupted
     * @throws Error  thrown by the resolver: not the network's doing, the check ends with an internal error
     */
    static List<InetSocketAddress> resolve(Resolver resolver, Endpoint endpoint, Deadline deadline, int max)
            throws Failed {
        CompletableFuture<List<InetSocketAddress>> f = new CompletableFuture<>();
        Thread lookup = Thread.ofVirtual().name("resolve-" + endpoint.host()).start(() -> {
            try {
                f.complete(resolver.resolve(endpoint.host(), endpoint.port()));
            } catch (Throwable e) {
                // An Error too: lost with this thread, it would leave the step waiting for its deadline.
                f.completeExceptionally(e);
            }
        });
        List<InetSocketAddress> found;
        try {
            found = f.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Cancelling a CompletableFuture does not reach the thread: interrupt it.
            lookup.interrupt();
            throw new Failed(DnsFailure.TIMED_OUT);
        } catch (InterruptedException e) {
            lookup.interrupt();
            Thread.currentThread().interrupt();
            throw new Failed(DnsFailure.INTERRUPTED);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            // A resolver that could not get an answer (SERVFAIL, timeout) is not a name that does not exist.
            throw new Failed(Resolver.failureOf(e.getCause()));
        }
        if (found == null || found.isEmpty()) {
            throw new Failed(DnsFailure.NO_ADDRESS);
        }
        return List.copyOf(found.subList(0, Math.min(found.size(), max)));
    }
}
