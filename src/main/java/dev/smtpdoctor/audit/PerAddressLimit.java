package dev.smtpdoctor.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code perKey} holders per key (a server's address) at a time, so one provider's server is never
 * hammered however many of its customers' domains the input lists. Keys are forgotten when nobody holds them,
 * so memory follows what is running, not the input. Thread-safe; fair enough (waiters are woken together).
 */
public final class PerAddressLimit {

    private final int perKey;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<String, Integer> held = new HashMap<>();
    private int peak;

    public PerAddressLimit(int perKey) {
        if (perKey < 1) {
            throw new IllegalArgumentException("perKey < 1");
        }
        this.perKey = perKey;
    }

    public void acquire(String key) throws InterruptedException {
        lock.lock();
        try {
            while (held.getOrDefault(key, 0) >= perKey) {
                released.await();
            }
            int n = held.merge(key, 1, Integer::sum);
            peak = Math.max(peak, n);
        } finally {
            lock.unlock();
        }
    }

    public void release(String key) {
        lock.lock();
        try {
            held.computeIfPresent(key, (k, v) -> v <= 1 ? null : v - 1);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The most holders any one key had at once. */
    public int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** Keys held now (for tests: empty once everything is released). */
    int keys() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }
}
