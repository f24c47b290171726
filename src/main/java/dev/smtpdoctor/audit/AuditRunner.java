package dev.smtpdoctor.audit;

import dev.smtpdoctor.Diagnosis;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs an audit: reads the targets one at a time, skips those of other shards and those already in the
 * output, and checks the rest on virtual threads — at most {@code concurrency} at once (the reader waits for a
 * free slot, so memory stays flat however long the input), at most {@code perAddress} at once per server address
 * ({@link PerAddressLimit}), each under its own deadline. Every target gives exactly one record, written whole as
 * soon as it is known ({@link RecordSink}): bad lines, timeouts and unexpected failures included. Records come
 * out in the order checks finish, not input order; the line number says which line each is for.
 */
public final class AuditRunner {

    /** The check of one target (the library's front door, in real runs). May block; is interrupted at the deadline. */
    public interface Checker {
        Diagnosis check(Target target) throws Exception;
    }

    /** The key of a target's server for the per-address limit (its address, in real runs). */
    public interface Keyer {
        String key(Target target);
    }

    /**
     * @param concurrency targets checked at once
     * @param perAddress  targets checked at once per {@link Keyer} key
     * @param deadline    for one target's check, from when it may start (waiting for the per-address limit excluded)
     */
    public record Settings(int concurrency, int perAddress, Duration deadline, Shard shard) {
        public Settings {
            if (concurrency < 1 || perAddress < 1 || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("bad audit settings");
            }
        }
    }

    private final Settings settings;
    private final Checker checker;
    private final Keyer keyer;
    private final Function<AuditOutcome, String> format;
    private final Clock clock;
    private final PerAddressLimit perAddress;

    public AuditRunner(Settings settings, Checker checker, Keyer keyer, Function<AuditOutcome, String> format,
                       Clock clock) {
        this.settings = settings;
        this.checker = checker;
        this.keyer = keyer;
        this.format = format;
        this.clock = clock;
        this.perAddress = new PerAddressLimit(settings.perAddress());
    }

    /**
     * Checks every target of {@code input} that is in this shard and not {@code resume}d, writing one record each
     * to {@code sink} and counting into {@code tally}. Returns when every record is written.
     *
     * @throws IOException when a record cannot be written (the run stops: a record lost would break the promise)
     */
    public void run(Iterator<Target> input, ResumeIndex resume, RecordSink sink, Tally tally)
            throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(settings.concurrency());
        AtomicReference<IOException> failure = new AtomicReference<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (failure.get() == null && input.hasNext()) {
                Target t = input.next();
                if (!settings.shard().includes(t.hash())) {
                    tally.otherShard();
                    continue;
                }
                if (resume.done(t)) {
                    tally.resumed();
                    continue;
                }
                if (t.bad()) {
                    emit(AuditOutcome.badLine(t, clock.instant()), sink, tally, failure);
                    continue;
                }
                slots.acquire();
                workers.submit(() -> {
                    try {
                        emit(check(t), sink, tally, failure);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        IOException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** The most checks that ran at once against one server address. */
    public int peakPerAddress() {
        return perAddress.peak();
    }

    private AuditOutcome check(Target t) {
        String key;
        try {
            key = keyer.key(t);
        } catch (RuntimeException e) {
            key = t.mainHost().orElse("");
        }
        try {
            perAddress.acquire(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(t, Verdict.ERROR, Optional.of("InterruptedException"), 0);
        }
        long t0 = System.nanoTime();
        // The check on a virtual thread of its own, so that it can be abandoned (interrupted) at the deadline.
        FutureTask<Diagnosis> f = new FutureTask<>(() -> checker.check(t));
        try {
            Thread.ofVirtual().name("audit-check-" + t.line()).start(f);
            Diagnosis d = f.get(settings.deadline().toMillis(), TimeUnit.MILLISECONDS);
            return new AuditOutcome(t, Verdict.of(d), Optional.of(d), Optional.empty(), clock.instant(), since(t0));
        } catch (TimeoutException e) {
            f.cancel(true);
            return failed(t, Verdict.TIMEOUT, Optional.empty(), since(t0));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(t, Verdict.ERROR, Optional.of(cause.getClass().getSimpleName()), since(t0));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return failed(t, Verdict.ERROR, Optional.of("InterruptedException"), since(t0));
        } catch (RuntimeException e) {
            return failed(t, Verdict.ERROR, Optional.of(e.getClass().getSimpleName()), since(t0));
        } finally {
            perAddress.release(key);
        }
    }

    private AuditOutcome failed(Target t, Verdict v, Optional<String> error, long millis) {
        return new AuditOutcome(t, v, Optional.empty(), error, clock.instant(), millis);
    }

    private void emit(AuditOutcome o, RecordSink sink, Tally tally, AtomicReference<IOException> failure) {
        String line;
        try {
            line = format.apply(o);
        } catch (RuntimeException e) {
            // A record that cannot be rendered still gets a record: an error naming the class.
            o = failed(o.target(), Verdict.ERROR, Optional.of(e.getClass().getSimpleName()), o.millis());
            line = format.apply(o);
        }
        try {
            sink.write(line);
            tally.add(o);
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static long since(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
