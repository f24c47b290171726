package dev.smtpdoctor.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --resolve HOST:PORT:ADDRESS} entry, as curl spells it: connections to HOST on PORT go to
 * ADDRESS, with no DNS lookup. PORT may be {@code *} for every port; an IPv6 ADDRESS may be bracketed.
 *
 * @param port 1..65535, or 0 for any port
 */
public record ResolveOverride(String host, int port, InetAddress address) {

    private static final Pattern FORM = Pattern.compile("^([^:\\s]+):(\\*|\\d{1,5}):(\\[[0-9A-Fa-f:.]+]|[0-9A-Fa-f:.]+)$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

    /**
     * @throws IllegalArgumentException with a short English reason when the text is not of that form;
     *                                  the CLI shows its own localised message
     */
    public static ResolveOverride parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected HOST:PORT:ADDRESS");
        }
        int port = m.group(2).equals("*") ? 0 : Integer.parseInt(m.group(2));
        if (port > 65535 || (port == 0 && !m.group(2).equals("*"))) {
            throw new IllegalArgumentException("port out of range");
        }
        String addr = m.group(3);
        if (addr.startsWith("[")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        // appliesTo() ignores a trailing dot on the host asked for; so must the host given here. A host
        // with control or space characters, or still ending in a dot, could never be asked for.
        String host = stripDot(m.group(1));
        if (host.isEmpty() || host.endsWith(".") || host.codePoints().anyMatch(
                cp -> Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
            throw new IllegalArgumentException("expected HOST:PORT:ADDRESS");
        }
        return new ResolveOverride(host.toLowerCase(Locale.ROOT), port, literal(addr));
    }

    /** Parses an IP literal without ever asking DNS (InetAddress.getByName would, for a name). */
    static InetAddress literal(String addr) {
        Matcher v4 = IPV4.matcher(addr);
        try {
            if (v4.matches()) {
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        throw new IllegalArgumentException("not an IP address: " + addr);
                    }
                    b[i] = (byte) octet;
                }
                return InetAddress.getByAddress(b);
            }
            if (addr.indexOf(':') >= 0) {
                // Brackets make the JDK insist on an IPv6 literal: unbracketed, a string that does not
                // start with a hex digit or colon (".:1") is handed to the resolver as a host name.
                return InetAddress.getByName("[" + addr + "]");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + addr);
        }
        throw new IllegalArgumentException("not an IP address: " + addr);
    }

    public boolean appliesTo(String host, int port) {
        return this.host.equalsIgnoreCase(stripDot(host)) && (this.port == 0 || this.port == port);
    }

    private static String stripDot(String h) {
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
