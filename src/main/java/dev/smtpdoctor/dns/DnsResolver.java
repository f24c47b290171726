package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Resolver} over {@link Dns}, so that {@code --dns-server} also decides where the probes
 * connect. IP literals are returned without a lookup. Thread-safe when the {@link Dns} is.
 */
public final class DnsResolver implements Resolver {

    private final Dns dns;

    public DnsResolver(Dns dns) {
        this.dns = dns;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(new InetSocketAddress(ResolveOverride.literal(h), port));
        } catch (IllegalArgumentException notALiteral) {
            // a name: ask DNS
        }
        DnsResult<InetAddress> r = dns.addresses(h);
        if (r instanceof DnsResult.ServerFailure<InetAddress> || r instanceof DnsResult.TimedOut<InetAddress>) {
            throw new LookupFailedException(host + ": " + describe(r));
        }
        if (r.records().isEmpty()) {
            throw new UnknownHostException(host + ": " + describe(r));
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : r.records()) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    /**
     * The name could not be looked up (SERVFAIL, timeout): unlike its superclass, this says nothing about
     * whether the name exists. A subclass so that {@link Resolver}'s contract stays as it is.
     */
    public static final class LookupFailedException extends UnknownHostException {
        public LookupFailedException(String message) {
            super(message);
        }
    }

    private static String describe(DnsResult<InetAddress> r) {
        return switch (r) {
            case DnsResult.NoSuchDomain<InetAddress> n -> "no such domain (NXDOMAIN)";
            case DnsResult.NoData<InetAddress> n -> "no address records";
            case DnsResult.ServerFailure<InetAddress> f -> "DNS server failure (" + f.rcode() + ")";
            case DnsResult.TimedOut<InetAddress> t -> "DNS timed out";
            case DnsResult.Found<InetAddress> f -> "no address records";
        };
    }
}
