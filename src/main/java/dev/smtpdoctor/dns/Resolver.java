package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    /**
     * Where to open the TCP connection for one of {@code host}'s resolved addresses on {@code port}:
     * normally that address and that same port. An implementation may send the connection elsewhere,
     * as curl's {@code --connect-to} does; {@code smtp-doctor demo} uses this to serve the logical ports
     * 465, 587 and 25 from the ephemeral ports its embedded servers really listen on. Only the socket
     * moves: SNI, the certificate name check and every report still use {@code host} and {@code port}.
     *
     * @param address one of the addresses {@link #resolve} returned for {@code host} and {@code port}
     */
    default InetSocketAddress connectAddress(String host, int port, InetAddress address) {
        return new InetSocketAddress(address, port);
    }
}
