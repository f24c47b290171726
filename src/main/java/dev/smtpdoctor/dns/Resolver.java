package dev.smtpdoctor.dns;

import dev.smtpdoctor.model.DnsFailure;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name and port into the socket addresses to connect to. The port is part of the question
 * so that {@code --resolve host:port:address} can pin single endpoints, as curl's option does, and so
 * the demo can map a logical port (465) to the ephemeral port its embedded server really uses.
 * Implementations are thread-safe.
 */
public interface Resolver {

    /**
     * @return the addresses in the order they should be tried, never empty
     * @throws UnknownHostException when the name does not exist or has no address
     */
    List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException;

    /**
     * The {@link DnsFailure} an exception from {@link #resolve} stands for: what {@link DnsResolver} says it is;
     * any other {@link UnknownHostException} (the system resolver, {@code --resolve}, the demo) is a name that
     * does not exist; anything else a lookup that failed.
     */
    static DnsFailure failureOf(Throwable e) {
        return switch (e) {
            case DnsResolver.LookupFailedException l -> l.failure();
            case DnsResolver.NoAddressException n -> n.failure();
            case UnknownHostException u -> DnsFailure.NO_SUCH_HOST;
            default -> DnsFailure.LOOKUP_FAILED;
        };
    }
}
