package dev.smtpdoctor.discovery;

import java.util.regex.Pattern;

/** Checks on host names that arrive from the network (SRV targets, autoconfig, reverse names). */
final class HostNames {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private HostNames() {
    }

    /**
     * A lower-case LDH name with at least two labels, no trailing dot, and a last label that is not all
     * digits: something worth resolving. An address written as a name ({@code 127.0.0.1}) is not one
     * (RFC 3696 §2: a top-level domain is never all-numeric; RFC 2782: an SRV target is a domain name).
     */
    static boolean plausible(String host) {
        return HOST.matcher(host).matches() && !addressLiteral(host);
    }

    /**
     * Whether the text is an IP address rather than a name: a last label of digits only (IPv4, also
     * {@code 10.1}), a colon (IPv6) or brackets ({@code [192.0.2.1]}). Such a target is never dialled.
     */
    static boolean addressLiteral(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty()) {
            return false;
        }
        if (h.indexOf(':') >= 0 || h.startsWith("[")) {
            return true;
        }
        String last = h.substring(h.lastIndexOf('.') + 1);
        return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
