package dev.smtpdoctor.dns;

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
}
