package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses for one port. The port is part of the question so that
 * {@code --resolve host:port:address} can pin single endpoints, as curl's option does.
 * Implementations are thread-safe.
 */
public interface Resolver {

    /**
     * @return the addresses in the order they should be tried, never empty
     * @throws UnknownHostException when the name does not exist or has no address
     */
    List<InetAddress> resolve(String host, int port) throws UnknownHostException;
}
