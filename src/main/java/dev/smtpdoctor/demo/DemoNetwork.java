package dev.smtpdoctor.demo;

import dev.smtpdoctor.dns.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's whole Internet: a few host names, all on 127.0.0.1, and which logical ports each serves. It is
 * a {@link Resolver}, so the diagnosis needs no other change to run against the demo:
 * <ul>
 *   <li>{@link #resolve} answers 127.0.0.1 for a demo host name and throws {@link UnknownHostException}
 *       for every other name (NXDOMAIN) — the system resolver is never asked, and IP literals are unknown
 *       too, so nothing outside the demo can be reached through it;
 *   <li>{@link #connectAddress} moves the socket from the logical port (465, 587, 25: privileged ports
 *       cannot be bound portably) to the ephemeral port the embedded server really listens on, and sends
 *       every port the host does not serve to a reserved port where nothing listens, so the probe sees a
 *       genuine {@code Connection refused}.
 * </ul>
 * Immutable and thread-safe.
 */
public final class DemoNetwork implements Resolver {

    private final InetAddress address;
    private final Map<String, Map<Integer, InetSocketAddress>> hosts;
    private final List<DemoListener> listeners;
    private final InetSocketAddress refusing;

    DemoNetwork(InetAddress address, List<DemoListener> listeners, InetSocketAddress refusing) {
        this.address = address;
        this.listeners = List.copyOf(listeners);
        this.refusing = refusing;
        Map<String, Map<Integer, InetSocketAddress>> h = new LinkedHashMap<>();
        for (DemoListener l : listeners) {
            for (String host : l.hosts()) {
                Map<Integer, InetSocketAddress> ports = h.computeIfAbsent(normalize(host), k -> new LinkedHashMap<>());
                if (ports.put(l.logicalPort(), l.address()) != null) {
                    throw new IllegalArgumentException("two listeners for " + host + ":" + l.logicalPort());
                }
            }
        }
        h.replaceAll((k, v) -> Map.copyOf(v));
        this.hosts = java.util.Collections.unmodifiableMap(h);
    }

    /**
     * The listener behind {@code host:port} on 127.0.0.1, or the reserved port where nothing listens (so
     * the probe gets a real "connection refused"); like curl's {@code --connect-to}, only the socket moves:
     * SNI, the certificate name check and the report keep the logical host and port.
     */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        if (!hosts.containsKey(normalize(host))) {
            throw new UnknownHostException(host + ": no such host in the demo");
        }
        return List.of(connectAddress(host, port));
    }

    /** The socket address a probe of the logical {@code host:port} connects to. */
    public InetSocketAddress connectAddress(String host, int port) {
        return locate(host, port).orElse(refusing);
    }

    /**
     * Where the server for a logical endpoint really listens.
     *
     * @return empty when the name does not exist or nothing serves that port on it
     */
    public Optional<InetSocketAddress> locate(String host, int logicalPort) {
        return Optional.ofNullable(hosts.getOrDefault(normalize(host), Map.of()).get(logicalPort));
    }

    /** Every name that resolves, lower case, in the order the scenario lists them. */
    public Set<String> hostNames() {
        return hosts.keySet();
    }

    /** Every embedded server. */
    public List<DemoListener> listeners() {
        return listeners;
    }

    /** The one address every demo name resolves to: 127.0.0.1. */
    public InetAddress address() {
        return address;
    }

    static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
