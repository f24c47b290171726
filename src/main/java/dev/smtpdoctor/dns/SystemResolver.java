package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The machine's configured resolver, through the JDK. IP literals are returned without a lookup. */
public final class SystemResolver implements Resolver {

    @Override
    public List<InetAddress> resolve(String host, int port) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
