package dev.smtpdoctor.matrix;

import dev.smtpdoctor.probe.AuthGate;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Deadline;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One AUTH attempt per check — whatever the number of hosts, ports and addresses: they all test the
 * same account, and lockouts and fail2ban bans count per account and per client. All probes run
 * concurrently up to the AUTH step; the attempt goes to the most secure endpoint that gets there:
 * <ul>
 *   <li>a probe waits a short grace for a better-ranked endpoint of the same host still running (so 465
 *       rather than 587 usually carries the attempt), never longer — a slow port must not hold up the check;</li>
 *   <li>likewise for an encrypted endpoint of a better {@link Priority}: the combination the user typed, when
 *       it is secure, goes first (the answer then keeps settings that already work), then the typed server's
 *       other modes, then everything else (discovered servers, guesses under the user's own domain);</li>
 *   <li>an unencrypted endpoint (only with --allow-plaintext-auth) waits for every encrypted one to finish,
 *       up to its deadline: the password goes in the clear only when no TLS route can take the attempt;</li>
 *   <li>a holder that ends without having written any byte of an AUTH command (a reset, a timeout before
 *       AUTH) gives the attempt back. The AUTH command line itself counts as the attempt: a server that refuses
 *       {@code AUTH LOGIN} with 535 or sends a malformed CRAM-MD5 challenge has counted it, so the attempt is
 *       spent even though no credential was sent.</li>
 * </ul>
 * Thread-safe (monitor-based; every wait is bounded by the caller's deadline).
 */
final class MatrixAuthGate implements AuthGate {

    /** Who goes first, across hosts: lower first; within a host and priority, {@code rank} decides. */
    enum Priority {
        /** The combination the user typed, when it is encrypted. */
        TYPED_COMBINATION,
        /** The typed server's other modes. */
        TYPED_SERVER,
        /** Every other host. */
        OTHER
    }

    private final Duration grace;
    private final Map<Endpoint, Integer> ranks = new HashMap<>();
    private final Map<Endpoint, Priority> priorities = new HashMap<>();
    private final Set<Endpoint> running = new HashSet<>();
    /** Addresses already asked the cancelled AUTH in the clear (at most once per server and check). */
    private final Set<String> checkedInClear = new HashSet<>();
    private Endpoint holder;
    private boolean spent;

    MatrixAuthGate(Duration grace) {
        this.grace = grace;
    }

    synchronized void register(Endpoint endpoint, int rank) {
        register(endpoint, rank, Priority.OTHER);
    }

    synchronized void register(Endpoint endpoint, int rank, Priority priority) {
        ranks.put(endpoint, rank);
        priorities.put(endpoint, priority);
        running.add(endpoint);
    }

    @Override
    public synchronized boolean acquire(Endpoint endpoint, String address, Deadline deadline)
            throws InterruptedException {
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (true) {
            if (spent) {
                return false;
            }
            long untilDeadline = deadline.remainingMillis();
            if (untilDeadline <= 0) {
                return false;
            }
            long wait;
            if (holder != null) {
                wait = untilDeadline; // the holder may still give the attempt back
            } else if (!endpoint.security().encrypted() && encryptedOneRunning(endpoint)) {
                wait = untilDeadline;
            } else {
                long graceLeft = (graceEnd - System.nanoTime()) / 1_000_000;
                if (!betterOneRunning(endpoint) || graceLeft <= 0) {
                    holder = endpoint;
                    return true;
                }
                wait = Math.min(graceLeft, untilDeadline);
            }
            wait(Math.max(1, wait));
        }
    }

    /** Once per server address and check; independent of the one login attempt, which it never takes. */
    @Override
    public synchronized boolean mayCheckAuthInClear(Endpoint endpoint, String address) {
        return checkedInClear.add(address);
    }

    @Override
    public synchronized void finished(Endpoint endpoint, boolean authAttempted) {
        running.remove(endpoint);
        if (endpoint.equals(holder)) {
            spent |= authAttempted;
            holder = null;
        }
        notifyAll();
    }

    @Override
    public synchronized void finished(Endpoint endpoint) {
        finished(endpoint, false);
    }

    private boolean betterOneRunning(Endpoint endpoint) {
        int mine = ranks.getOrDefault(endpoint, Integer.MAX_VALUE);
        Priority myPriority = priorities.getOrDefault(endpoint, Priority.OTHER);
        for (Endpoint other : running) {
            if (other.equals(endpoint)) {
                continue;
            }
            Priority theirs = priorities.getOrDefault(other, Priority.OTHER);
            if (theirs.compareTo(myPriority) < 0 && other.security().encrypted()) {
                return true;
            }
            if (theirs == myPriority && other.host().equals(endpoint.host())
                    && ranks.getOrDefault(other, Integer.MAX_VALUE) < mine) {
                return true;
            }
        }
        return false;
    }

    private boolean encryptedOneRunning(Endpoint endpoint) {
        for (Endpoint other : running) {
            if (!other.equals(endpoint) && other.security().encrypted()) {
                return true;
            }
        }
        return false;
    }
}
