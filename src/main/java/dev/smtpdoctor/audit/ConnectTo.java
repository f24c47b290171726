package dev.smtpdoctor.audit;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.model.HostName;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --connect-to HOST1:PORT1:HOST2:PORT2}, as curl spells it: a connection to HOST1 on PORT1 goes to
 * HOST2 on PORT2 instead, while the check still calls the server HOST1 (SNI, certificate names, the report). An
 * empty HOST1 or PORT1 matches any; an empty HOST2 or PORT2 keeps the original. HOST2 is resolved like any
 * name (so {@code --dns-server} still answers it). Used to run an audit against servers on other ports — a
 * test bench, a staging copy — where {@code --resolve} can change only the address.
 */
public record ConnectTo(Optional<String> fromHost, int fromPort, Optional<String> toHost, int toPort) {

    private static final Pattern FORM =
            Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]]*):(\\d{0,5}):(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]]*):(\\d{0,5})$");

    /** Empty when not of that form (a port outside 1–65535, a host that is not a host name or address). */
    public static Optional<ConnectTo> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Optional<String>> from = host(m.group(1));
        Optional<Optional<String>> to = host(m.group(3));
        int p1 = port(m.group(2));
        int p2 = port(m.group(4));
        if (from.isEmpty() || to.isEmpty() || p1 < 0 || p2 < 0) {
            return Optional.empty();
        }
        return Optional.of(new ConnectTo(from.get(), p1, to.get(), p2));
    }

    /** Empty string: Optional.of(empty); a valid host: its value; else empty. */
    private static Optional<Optional<String>> host(String h) {
        if (h.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        return HostName.parse(h).map(n -> Optional.of(n.value()));
    }

    /** 0 for "any"/"keep", -1 when out of range. */
    private static int port(String p) {
        if (p.isEmpty()) {
            return 0;
        }
        int n = Integer.parseInt(p);
        return n >= 1 && n <= 65535 ? n : -1;
    }

    public boolean appliesTo(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return (fromHost.isEmpty() || fromHost.get().equals(h)) && (fromPort == 0 || fromPort == port);
    }

    /** A resolver applying {@code rules} (the first that matches) before {@code fallback}. */
    public static Resolver resolver(List<ConnectTo> rules, Resolver fallback) {
        List<ConnectTo> copy = List.copyOf(rules);
        if (copy.isEmpty()) {
            return fallback;
        }
        return (host, port) -> {
            for (ConnectTo c : copy) {
                if (c.appliesTo(host, port)) {
                    List<InetSocketAddress> out = fallback.resolve(c.toHost().orElse(host),
                            c.toPort() == 0 ? port : c.toPort());
                    if (out.isEmpty()) {
                        throw new UnknownHostException(host);
                    }
                    return out;
                }
            }
            return fallback.resolve(host, port);
        };
    }
}
