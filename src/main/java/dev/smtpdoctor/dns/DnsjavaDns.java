package dev.smtpdoctor.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link Dns} over dnsjava: a stub resolver that asks the system's resolvers or one given server
 * ({@code --dns-server}) with recursion desired, EDNS(0) and TCP when an answer is truncated.
 *
 * <p>Every question gets at most {@code timeout} in total (dnsjava's own retries included). CNAME chains
 * are followed, in the answer and, when a chain leaves it, with a new question for the target (at most
 * {@value #MAX_CNAMES} aliases); the aliases are reported on {@link DnsResult.Found}. The response code
 * of the last name in the chain decides (RFC 6604). Names that cannot exist in DNS (a label longer than
 * 63 octets, an empty label) are answered as NXDOMAIN without asking. Names in answers are lower case
 * without the trailing dot; the root is ".".
 *
 * <p>Thread-safe. Never throws for what the network or a server does.
 */
public final class DnsjavaDns implements Dns {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CNAMES = 8;
    private static final int EDNS_PAYLOAD = 1232;

    private final org.xbill.DNS.Resolver resolver;
    private final Duration timeout;
    private final String description;

    private DnsjavaDns(org.xbill.DNS.Resolver resolver, Duration timeout, String description) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.resolver = resolver;
        this.timeout = timeout;
        this.description = description;
        resolver.setTimeout(timeout);
        resolver.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
    }

    /** The resolvers the system is configured with (resolv.conf and the like, read by dnsjava). */
    public static DnsjavaDns system(Duration timeout) {
        return new DnsjavaDns(new ExtendedResolver(), timeout, "system");
    }

    public static DnsjavaDns system() {
        return system(DEFAULT_TIMEOUT);
    }

    /** One server only, e.g. from {@code --dns-server}. */
    public static DnsjavaDns using(DnsServer server, Duration timeout) {
        SimpleResolver r = new SimpleResolver(server.socketAddress());
        return new DnsjavaDns(r, timeout, server.toString());
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public DnsResult<InetAddress> addresses(String name) {
        // The two questions in parallel: a diagnosis waits for the slower one, not for both in turn.
        CompletableFuture<DnsResult<InetAddress>> v6 = CompletableFuture.supplyAsync(() -> ipv6(name),
                r -> Thread.ofVirtual().name("dns-aaaa").start(r));
        DnsResult<InetAddress> a = ipv4(name);
        return combine(name, a, v6.join());
    }

    @Override
    public DnsResult<InetAddress> ipv4(String name) {
        return lookup(name, Type.A, r -> Optional.of(((ARecord) r).getAddress()));
    }

    @Override
    public DnsResult<InetAddress> ipv6(String name) {
        return lookup(name, Type.AAAA, r -> Optional.of(((AAAARecord) r).getAddress()));
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return lookup(name, Type.MX, r -> {
            MXRecord mx = (MXRecord) r;
            return Optional.of(new MxRecord(mx.getPriority(), display(mx.getTarget())));
        });
    }

    @Override
    public DnsResult<SrvRecord> srv(String name) {
        return lookup(name, Type.SRV, r -> {
            SRVRecord s = (SRVRecord) r;
            return Optional.of(new SrvRecord(s.getPriority(), s.getWeight(), s.getPort(), display(s.getTarget())));
        });
    }

    @Override
    public DnsResult<String> txt(String name) {
        return lookup(name, Type.TXT, r -> {
            StringBuilder sb = new StringBuilder();
            for (byte[] part : ((TXTRecord) r).getStringsAsByteArrays()) {
                sb.append(new String(part, StandardCharsets.UTF_8));
            }
            return Optional.of(sb.toString());
        });
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return lookup(ReverseMap.fromAddress(address).toString(), Type.PTR,
                r -> Optional.of(display(((PTRRecord) r).getTarget())));
    }

    @Override
    public String toString() {
        return "DnsjavaDns[" + description + ", timeout=" + timeout.toMillis() + "ms]";
    }

    /** Both families: any address wins; otherwise the more telling failure (no answer beats "no data"). */
    static DnsResult<InetAddress> combine(String name, DnsResult<InetAddress> a, DnsResult<InetAddress> aaaa) {
        if (a instanceof DnsResult.Found<InetAddress> f4 && aaaa instanceof DnsResult.Found<InetAddress> f6) {
            List<InetAddress> all = new ArrayList<>(f4.records());
            all.addAll(f6.records());
            return new DnsResult.Found<>(all, f4.cnameChain());
        }
        if (a instanceof DnsResult.Found<InetAddress>) {
            return a;
        }
        if (aaaa instanceof DnsResult.Found<InetAddress>) {
            return aaaa;
        }
        if (a instanceof DnsResult.ServerFailure<InetAddress> || a instanceof DnsResult.TimedOut<InetAddress>) {
            return a;
        }
        if (aaaa instanceof DnsResult.ServerFailure<InetAddress> || aaaa instanceof DnsResult.TimedOut<InetAddress>) {
            return aaaa;
        }
        if (a instanceof DnsResult.NoSuchDomain<InetAddress> && aaaa instanceof DnsResult.NoSuchDomain<InetAddress>) {
            return a;
        }
        return new DnsResult.NoData<>(name);
    }

    private <T> DnsResult<T> lookup(String text, int type, Function<Record, Optional<T>> map) {
        Name start;
        try {
            start = Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            return new DnsResult.NoSuchDomain<>(text);
        }
        List<String> chain = new ArrayList<>();
        Set<Name> seen = new HashSet<>();
        seen.add(start);
        Name asked = start;
        while (true) {
            Message response;
            try {
                response = send(asked, type);
            } catch (TimeoutException | IOException e) {
                return new DnsResult.TimedOut<>(display(asked));
            }
            List<Record> answer = response.getSection(Section.ANSWER);
            Name owner = asked;
            while (true) {
                List<T> found = new ArrayList<>();
                for (Record r : answer) {
                    if (r.getType() == type && r.getName().equals(owner)) {
                        map.apply(r).ifPresent(found::add);
                    }
                }
                if (!found.isEmpty()) {
                    return new DnsResult.Found<>(found, chain);
                }
                Optional<Name> target = cnameTarget(answer, owner);
                if (target.isEmpty()) {
                    break;
                }
                owner = target.get();
                if (!seen.add(owner) || chain.size() >= MAX_CNAMES) {
                    return new DnsResult.ServerFailure<>(text, "CNAME_LOOP");
                }
                chain.add(display(owner));
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new DnsResult.NoSuchDomain<>(display(owner));
            }
            if (rcode != Rcode.NOERROR) {
                return new DnsResult.ServerFailure<>(display(owner), Rcode.string(rcode));
            }
            if (!owner.equals(asked)) {
                asked = owner; // the chain leaves this answer: ask for its target
                continue;
            }
            if (isReferral(response)) {
                return new DnsResult.ServerFailure<>(display(asked), "REFERRAL");
            }
            return new DnsResult.NoData<>(display(asked));
        }
    }

    private Message send(Name name, int type) throws IOException, TimeoutException {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        try {
            return resolver.sendAsync(query).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static Optional<Name> cnameTarget(List<Record> answer, Name owner) {
        for (Record r : answer) {
            if (r instanceof CNAMERecord c && r.getName().equals(owner)) {
                return Optional.of(c.getTarget());
            }
        }
        return Optional.empty();
    }

    /**
     * NOERROR, no answer, not authoritative, NS records and no SOA in the authority section: a server
     * that does not recurse pointing elsewhere. This stub does not follow referrals.
     */
    private static boolean isReferral(Message m) {
        if (m.getHeader().getFlag(Flags.AA)) {
            return false;
        }
        boolean ns = false;
        for (Record r : m.getSection(Section.AUTHORITY)) {
            if (r.getType() == Type.SOA) {
                return false;
            }
            ns |= r.getType() == Type.NS;
        }
        return ns;
    }

    static String display(Name n) {
        if (n.equals(Name.root)) {
            return ".";
        }
        return n.toString(true).toLowerCase(Locale.ROOT);
    }
}
