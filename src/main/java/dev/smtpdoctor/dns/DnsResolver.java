package dev.smtpdoctor.dns;

import dev.smtpdoctor.model.DnsFailure;
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
        java.util.Optional<DnsFailure> failure = r.failure();
        if (failure.isPresent()) {
            throw failure.get().lookupIncomplete()
                    ? new LookupFailedException(host + ": " + describe(r), failure.get())
                    : new NoAddressException(host + ": " + describe(r), failure.get());
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
        private final DnsFailure failure;

        /** A lookup that failed without saying why ({@link DnsFailure#LOOKUP_FAILED}). */
        public LookupFailedException(String message) {
            this(message, DnsFailure.LOOKUP_FAILED);
        }

        /** @param failure one whose {@link DnsFailure#lookupIncomplete()} holds */
        public LookupFailedException(String message, DnsFailure failure) {
            super(message);
            if (!failure.lookupIncomplete()) {
                throw new IllegalArgumentException(failure + " says the name has no address: use NoAddressException");
            }
            this.failure = failure;
        }

        public DnsFailure failure() {
            return failure;
        }
    }

    /** DNS answered that the name has no address: NXDOMAIN ({@link DnsFailure#NO_SUCH_HOST}) or NODATA. */
    public static final class NoAddressException extends UnknownHostException {
        private final DnsFailure failure;

        public NoAddressException(String message, DnsFailure failure) {
            super(message);
            if (failure.lookupIncomplete()) {
                throw new IllegalArgumentException(failure + " does not say the name has no address");
            }
            this.failure = failure;
        }

        public DnsFailure failure() {
            return failure;
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
