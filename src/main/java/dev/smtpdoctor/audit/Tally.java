package dev.smtpdoctor.audit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts of an audit, read by the progress display and the summary while the workers add to
 * them: records by verdict, certificates expiring, lines skipped (already done, other shards). Thread-safe.
 */
public final class Tally {

    private final Map<Verdict, LongAdder> byVerdict = new EnumMap<>(Verdict.class);
    private final LongAdder expiring = new LongAdder();
    private final LongAdder resumed = new LongAdder();
    private final LongAdder otherShards = new LongAdder();
    private final AtomicLong total = new AtomicLong(-1);
    private final long startNanos = System.nanoTime();

    public Tally() {
        for (Verdict v : Verdict.values()) {
            byVerdict.put(v, new LongAdder());
        }
    }

    void add(AuditOutcome o) {
        byVerdict.get(o.verdict()).increment();
        if (o.certificateExpiring()) {
            expiring.increment();
        }
    }

    void resumed() {
        resumed.increment();
    }

    void otherShard() {
        otherShards.increment();
    }

    /** Records this run is expected to write; -1 when unknown (input from a pipe). */
    public void total(long n) {
        total.set(n);
    }

    public long total() {
        return total.get();
    }

    public long count(Verdict v) {
        return byVerdict.get(v).sum();
    }

    /** Records written by this run. */
    public long done() {
        return byVerdict.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long expiring() {
        return expiring.sum();
    }

    public long resumedCount() {
        return resumed.sum();
    }

    public long otherShardCount() {
        return otherShards.sum();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** An immutable copy, for the summary and the HTML page. */
    public Snapshot snapshot() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        byVerdict.forEach((v, n) -> counts.put(v, n.sum()));
        return new Snapshot(Map.copyOf(counts), expiring(), resumedCount(), otherShardCount(), elapsedMillis());
    }

    /** The counts at one moment. */
    public record Snapshot(Map<Verdict, Long> counts, long expiring, long resumed, long otherShards, long millis) {
        public long done() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public long count(Verdict v) {
            return counts.getOrDefault(v, 0L);
        }
    }
}
