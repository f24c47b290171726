package dev.smtpdoctor.audit;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.dns.SrvRecord;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The audit's DNS: every answer kept for a short while and shared, and a question already on its way joined
 * rather than asked again. One check asks for the same names many times (each probe resolves its host: five
 * modes × A and AAAA: 46 questions for a domain that does not exist), and an audit of many domains of one
 * provider asks for the provider's names again and again. Bounded: at most
 * {@code maxEntries} answers (expired ones are dropped first, then all), each for {@code ttl} at most. Failures
 * (time-outs included) are kept too, for the same short while, so one slow name costs one time-out per check,
 * not six. Thread-safe.
 */
public final class CachingDns implements Dns {

    private record Key(char kind, String name) {
    }

    private record Entry(FutureTask<DnsResult<?>> task, long expiresAt) {
    }

    private final Dns delegate;
    private final long ttlNanos;
    private final int maxEntries;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public CachingDns(Dns delegate, Duration ttl, int maxEntries) {
        this.delegate = delegate;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    @Override
    public DnsResult<InetAddress> addresses(String name) {
        return get('a', name, () -> delegate.addresses(name));
    }

    @Override
    public DnsResult<InetAddress> ipv4(String name) {
        return get('4', name, () -> delegate.ipv4(name));
    }

    @Override
    public DnsResult<InetAddress> ipv6(String name) {
        return get('6', name, () -> delegate.ipv6(name));
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return get('m', name, () -> delegate.mx(name));
    }

    @Override
    public DnsResult<SrvRecord> srv(String name) {
        return get('s', name, () -> delegate.srv(name));
    }

    @Override
    public DnsResult<String> txt(String name) {
        return get('t', name, () -> delegate.txt(name));
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return get('p', address.getHostAddress(), () -> delegate.ptr(address));
    }

    /** Answers kept now (for tests). */
    int size() {
        return entries.size();
    }

    @SuppressWarnings("unchecked")
    private <T> DnsResult<T> get(char kind, String name, Supplier<DnsResult<T>> ask) {
        Key key = new Key(kind, name.toLowerCase(Locale.ROOT));
        long now = System.nanoTime();
        Entry mine = new Entry(new FutureTask<>(ask::get), now + ttlNanos);
        Entry e = entries.compute(key, (k, old) -> old == null || old.expiresAt - now < 0 ? mine : old);
        if (e == mine) {
            trim(now);
            e.task.run();
        }
        try {
            return (DnsResult<T>) e.task.get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return ask.get();
        } catch (ExecutionException | CancellationException ex) {
            // The first asker failed unexpectedly: forget it, and ask for ourselves.
            entries.remove(key, e);
            return ask.get();
        }
    }

    private void trim(long now) {
        if (entries.size() <= maxEntries) {
            return;
        }
        entries.values().removeIf(x -> x.expiresAt - now < 0 && x.task.isDone());
        if (entries.size() > maxEntries) {
            entries.clear();
        }
    }
}
