package dev.smtpdoctor.check;

import dev.smtpdoctor.probe.AuthGate;
import dev.smtpdoctor.probe.Endpoint;
import dev.smtpdoctor.smtp.Deadline;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One AUTH attempt per server address per run, given to the most secure endpoint that gets there.
 * All probes run concurrently up to the AUTH step; the first that asks may go unless a better-ranked
 * endpoint of the same host is still running, in which case it waits a short grace for that one (so
 * 465 rather than 587 usually carries the attempt) but never longer — a slow port must not hold up
 * the whole check. Thread-safe (monitor-based; the waits are short and bounded).
 */
final class MatrixAuthGate implements AuthGate {

    private final Duration grace;
    private final Map<Endpoint, Integer> ranks = new HashMap<>();
    private final Set<Endpoint> running = new HashSet<>();
    private final Set<String> used = new HashSet<>();

    MatrixAuthGate(Duration grace) {
        this.grace = grace;
    }

    synchronized void register(Endpoint endpoint, int rank) {
        ranks.put(endpoint, rank);
        running.add(endpoint);
    }

    @Override
    public synchronized boolean acquire(Endpoint endpoint, String address, Deadline deadline)
            throws InterruptedException {
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (true) {
            if (used.contains(address)) {
                return false;
            }
            long left = Math.min(graceEnd - System.nanoTime(), deadline.remainingMillis() * 1_000_000L);
            if (!betterOneRunning(endpoint) || left <= 0) {
                used.add(address);
                notifyAll();
                return true;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public synchronized void finished(Endpoint endpoint) {
        running.remove(endpoint);
        notifyAll();
    }

    private boolean betterOneRunning(Endpoint endpoint) {
        int mine = ranks.getOrDefault(endpoint, Integer.MAX_VALUE);
        for (Endpoint other : running) {
            if (!other.equals(endpoint) && other.host().equals(endpoint.host())
                    && ranks.getOrDefault(other, Integer.MAX_VALUE) < mine) {
                return true;
            }
        }
        return false;
    }
}
