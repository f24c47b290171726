package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Answers from {@code --resolve} entries first and asks the fallback resolver for everything else. */
public final class OverridingResolver implements Resolver {

    private final List<ResolveOverride> overrides;
    private final Resolver fallback;

    public OverridingResolver(List<ResolveOverride> overrides, Resolver fallback) {
        this.overrides = List.copyOf(overrides);
        this.fallback = fallback;
    }

    @Override
    public List<InetAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetAddress> pinned = new ArrayList<>();
        for (ResolveOverride o : overrides) {
            if (o.appliesTo(host, port)) {
                pinned.add(o.address());
            }
        }
        if (!pinned.isEmpty()) {
            return List.copyOf(pinned);
        }
        return fallback.resolve(host, port);
    }

    /** A pinned endpoint is connected to as pinned; anything else goes where the fallback says. */
    @Override
    public InetSocketAddress connectAddress(String host, int port, InetAddress address) {
        for (ResolveOverride o : overrides) {
            if (o.appliesTo(host, port)) {
                return new InetSocketAddress(address, port);
            }
        }
        return fallback.connectAddress(host, port, address);
    }
}
