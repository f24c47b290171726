package dev.smtpdoctor.testing;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.dns.SrvRecord;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Dns} answering from zone-file-like text, for pure tests: one record per line,
 * {@code NAME TYPE DATA} with types A, AAAA, MX, SRV, TXT (quoted strings, joined), PTR and CNAME, and
 * two pseudo-types that make every question about a name fail: {@code SERVFAIL} and {@code TIMEOUT}.
 * Names are absolute (trailing dot optional); {@code #} starts a comment. A name exists (NODATA rather
 * than NXDOMAIN) when it or a name below it owns a record. CNAMEs are followed as a recursive resolver
 * would. Records every question asked ({@link #questions()}). Thread-safe.
 *
 * <p>Records can also be given as values ({@link #mx}, {@link #srv}, {@link #address}, {@link #ptr},
 * {@link #fail}): they are answered exactly as given, so a test can hand the code under test targets no
 * zone file could spell ({@code "not a host name!"}, upper case, a final dot).
 */
public final class InMemoryDns implements Dns {

    private static final Pattern LINE = Pattern.compile("^(\\S+)\\s+([A-Za-z]+)(?:\\s+(.*))?$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A record: zone-file data parsed when asked for, or a value answered as it is. */
    private record Rec(String type, String data, Object value) {
    }

    private final Map<String, List<Rec>> records = new LinkedHashMap<>();
    private final List<String> questions = Collections.synchronizedList(new ArrayList<>());

    private InMemoryDns() {
    }

    public static InMemoryDns zone(String text) {
        return new InMemoryDns().add(text);
    }

    /** No records: every name is NXDOMAIN until records are added. */
    public static InMemoryDns empty() {
        return new InMemoryDns();
    }

    public synchronized InMemoryDns mx(String name, MxRecord... mx) {
        return put(name, "MX", (Object[]) mx);
    }

    public synchronized InMemoryDns srv(String name, SrvRecord... srv) {
        return put(name, "SRV", (Object[]) srv);
    }

    public synchronized InMemoryDns address(String name, InetAddress... addresses) {
        for (InetAddress a : addresses) {
            put(name, a instanceof Inet4Address ? "A" : "AAAA", a);
        }
        return this;
    }

    public synchronized InMemoryDns ptr(InetAddress address, String... names) {
        return put(reverseName(address), "PTR", (Object[]) names);
    }

    /** Every question about {@code name} fails with SERVFAIL. */
    public synchronized InMemoryDns fail(String name) {
        records.computeIfAbsent(norm(name), k -> new ArrayList<>()).add(new Rec("SERVFAIL", "", null));
        return this;
    }

    private InMemoryDns put(String name, String type, Object... values) {
        List<Rec> owned = records.computeIfAbsent(norm(name), k -> new ArrayList<>());
        for (Object v : values) {
            owned.add(new Rec(type, null, v));
        }
        return this;
    }

    /** Adds more lines (tests vary one record over a shared zone). */
    public synchronized InMemoryDns add(String text) {
        for (String raw : text.split("\n")) {
            String line = raw.contains("#") && !raw.contains("\"") ? raw.substring(0, raw.indexOf('#')) : raw;
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad zone line: " + raw);
            }
            records.computeIfAbsent(norm(m.group(1)), k -> new ArrayList<>())
                    .add(new Rec(m.group(2).toUpperCase(Locale.ROOT), m.group(3) == null ? "" : m.group(3).strip(), null));
        }
        return this;
    }

    /** "TYPE name" for every question, in order. */
    public List<String> questions() {
        synchronized (questions) {
            return List.copyOf(questions);
        }
    }

    @Override
    public DnsResult<InetAddress> addresses(String name) {
        DnsResult<InetAddress> a = ipv4(name);
        DnsResult<InetAddress> aaaa = ipv6(name);
        if (a instanceof DnsResult.Found<InetAddress> f4 && aaaa instanceof DnsResult.Found<InetAddress> f6) {
            List<InetAddress> all = new ArrayList<>(f4.records());
            all.addAll(f6.records());
            return new DnsResult.Found<>(all, f4.cnameChain());
        }
        if (a instanceof DnsResult.Found<InetAddress> || !(aaaa instanceof DnsResult.Found<InetAddress>)) {
            return a;
        }
        return aaaa;
    }

    @Override
    public DnsResult<InetAddress> ipv4(String name) {
        return ask(name, "A", InMemoryDns::ip);
    }

    @Override
    public DnsResult<InetAddress> ipv6(String name) {
        return ask(name, "AAAA", InMemoryDns::ip);
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return ask(name, "MX", d -> {
            String[] p = d.split("\\s+");
            return new MxRecord(Integer.parseInt(p[0]), p[1].equals(".") ? "." : norm(p[1]));
        });
    }

    @Override
    public DnsResult<SrvRecord> srv(String name) {
        return ask(name, "SRV", d -> {
            String[] p = d.split("\\s+");
            return new SrvRecord(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    p[3].equals(".") ? "." : norm(p[3]));
        });
    }

    @Override
    public DnsResult<String> txt(String name) {
        return ask(name, "TXT", d -> {
            StringBuilder sb = new StringBuilder();
            Matcher m = QUOTED.matcher(d);
            while (m.find()) {
                sb.append(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            return sb.toString();
        });
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return ask(reverseName(address), "PTR", InMemoryDns::norm);
    }

    /** {@code 4.3.2.1.in-addr.arpa} or the nibble form under {@code ip6.arpa}. */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        List<String> parts = new ArrayList<>();
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) {
                parts.add(String.valueOf(b[i] & 0xff));
            }
            parts.add("in-addr.arpa");
        } else {
            for (int i = b.length - 1; i >= 0; i--) {
                parts.add(Integer.toHexString(b[i] & 0xf));
                parts.add(Integer.toHexString((b[i] >> 4) & 0xf));
            }
            parts.add("ip6.arpa");
        }
        return String.join(".", parts);
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> DnsResult<T> ask(String name, String type, Function<String, T> parse) {
        String n = norm(name);
        questions.add(type + " " + n);
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            if (!seen.add(n) || chain.size() > 8) {
                return new DnsResult.ServerFailure<>(name, "CNAME_LOOP");
            }
            List<Rec> owned = records.getOrDefault(n, List.of());
            for (Rec r : owned) {
                if (r.type().equals("SERVFAIL")) {
                    return new DnsResult.ServerFailure<>(n, "SERVFAIL");
                }
                if (r.type().equals("TIMEOUT")) {
                    return new DnsResult.TimedOut<>(n);
                }
            }
            List<T> found = new ArrayList<>();
            String cname = null;
            for (Rec r : owned) {
                if (r.type().equals(type)) {
                    found.add(r.value() != null ? (T) r.value() : parse.apply(r.data()));
                } else if (r.type().equals("CNAME")) {
                    cname = norm(r.data());
                }
            }
            if (!found.isEmpty()) {
                return new DnsResult.Found<>(found, chain);
            }
            if (cname != null) {
                chain.add(cname);
                n = cname;
                continue;
            }
            return exists(n) ? new DnsResult.NoData<>(n) : new DnsResult.NoSuchDomain<>(n);
        }
    }

    private boolean exists(String n) {
        for (String owner : records.keySet()) {
            if (owner.equals(n) || owner.endsWith("." + n)) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress ip(String literal) {
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("not an IP literal: " + literal); // never a name: no system DNS
        }
        try {
            return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static String norm(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
    }
}
