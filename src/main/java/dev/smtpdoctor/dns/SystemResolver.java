package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The machine's configured resolver, through the JDK. IP literals are returned without a lookup. */
public final class SystemResolver implements Resolver {

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }
}
