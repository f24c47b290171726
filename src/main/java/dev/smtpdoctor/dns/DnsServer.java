package dev.smtpdoctor.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --dns-server ADDRESS[:PORT]} value: the DNS server to ask instead of the system's
 * resolvers. ADDRESS is an IP literal (a name would need DNS to find the DNS server); an IPv6 address
 * with a port is bracketed, {@code [2001:db8::53]:5353}. PORT defaults to 53.
 *
 * @param port 1..65535
 */
public record DnsServer(InetAddress address, int port) {

    public static final int DEFAULT_PORT = 53;

    private static final Pattern BRACKETED = Pattern.compile("^\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?$");
    private static final Pattern V4 = Pattern.compile("^([0-9.]+)(?::(\\d{1,5}))?$");
    private static final Pattern V6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

    public DnsServer {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /**
     * @throws IllegalArgumentException with a short English reason when the text is not of that form;
     *                                  the CLI shows its own localised message
     */
    public static DnsServer parse(String text) {
        String s = text.strip();
        Matcher m = BRACKETED.matcher(s);
        if (m.matches()) {
            return new DnsServer(ResolveOverride.literal(m.group(1)), port(m.group(2)));
        }
        m = V4.matcher(s);
        if (m.matches()) {
            return new DnsServer(ResolveOverride.literal(m.group(1)), port(m.group(2)));
        }
        if (V6.matcher(s).matches()) {
            InetAddress a = ResolveOverride.literal(s);
            if (a instanceof Inet6Address) {
                return new DnsServer(a, DEFAULT_PORT);
            }
        }
        throw new IllegalArgumentException("expected ADDRESS[:PORT]");
    }

    private static int port(String digits) {
        if (digits == null) {
            return DEFAULT_PORT;
        }
        int p = Integer.parseInt(digits);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        return p;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String a = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + a + "]" : a) + ":" + port;
    }
}
