package dev.smtpdoctor.discovery;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.dns.SrvRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link Dns} answering from maps filled by the test: no network. A name with records of another type
 * answers NODATA, an unknown name NXDOMAIN, a name marked {@link #fail} SERVFAIL. Records every question.
 * Thread-safe.
 */
final class InMemoryDns implements Dns {

    private final Map<String, List<MxRecord>> mx = new ConcurrentHashMap<>();
    private final Map<String, List<SrvRecord>> srv = new ConcurrentHashMap<>();
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<InetAddress>> addresses = new ConcurrentHashMap<>();
    private final Map<InetAddress, List<String>> ptr = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Queue<String> questions = new ConcurrentLinkedQueue<>();

    InMemoryDns mx(String name, MxRecord... records) {
        mx.put(key(name), List.of(records));
        return this;
    }

    InMemoryDns srv(String name, SrvRecord... records) {
        srv.put(key(name), List.of(records));
        return this;
    }

    InMemoryDns address(String name, InetAddress... a) {
        addresses.put(key(name), List.of(a));
        return this;
    }

    InMemoryDns ptr(InetAddress a, String... names) {
        ptr.put(a, List.of(names));
        return this;
    }

    InMemoryDns fail(String name) {
        failing.add(key(name));
        return this;
    }

    List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public DnsResult<InetAddress> addresses(String name) {
        return answer("A " + name, name, addresses);
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return answer("MX " + name, name, mx);
    }

    @Override
    public DnsResult<SrvRecord> srv(String name) {
        return answer("SRV " + name, name, srv);
    }

    @Override
    public DnsResult<String> txt(String name) {
        return answer("TXT " + name, name, txt);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        questions.add("PTR " + address.getHostAddress());
        List<String> names = ptr.get(address);
        return names == null ? new DnsResult.NoSuchDomain<>(address.getHostAddress())
                : new DnsResult.Found<>(names, List.of());
    }

    private <T> DnsResult<T> answer(String question, String name, Map<String, List<T>> table) {
        questions.add(question);
        String k = key(name);
        if (failing.contains(k)) {
            return new DnsResult.ServerFailure<>(k, "SERVFAIL");
        }
        List<T> records = table.get(k);
        if (records != null) {
            return new DnsResult.Found<>(records, List.of());
        }
        return known(k) ? new DnsResult.NoData<>(k) : new DnsResult.NoSuchDomain<>(k);
    }

    private boolean known(String k) {
        List<Map<String, ?>> all = new ArrayList<>(List.of(mx, srv, txt, addresses));
        return all.stream().anyMatch(m -> m.containsKey(k));
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
