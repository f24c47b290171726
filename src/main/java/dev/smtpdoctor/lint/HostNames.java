package dev.smtpdoctor.lint;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Syntax of host names and IP literals, IDNA conversion, and which hosts Gmail cannot reach.
 * Pure: no DNS.
 */
final class HostNames {

    /** RFC 1123 labels; underscore tolerated because real (if non-standard) host names contain it. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");
    private static final Set<String> LOCAL_SUFFIXES = Set.of("localhost", "local", "internal", "home.arpa", "lan");

    private HostNames() {
    }

    /**
     * The A-label (ASCII) form of a host name per IDNA 2003 ({@link IDN#toASCII} with STD3 rules),
     * or empty when it is not a valid internationalised name. Only for names with non-ASCII characters.
     */
    static Optional<String> toAscii(String unicode) {
        try {
            return Optional.of(IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** A lower-case ASCII host name: LDH labels, at most 253 characters, a top label that is not all digits. */
    static boolean isHostName(String h) {
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    static boolean isIpv4(String h) {
        if (!IPV4.matcher(h).matches()) {
            return false;
        }
        for (String octet : h.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal in RFC 4291 §2.2 text form (lower case, no brackets, no zone). */
    static boolean isIpv6(String h) {
        if (h.indexOf(':') < 0 || h.indexOf(":::") >= 0) {
            return false;
        }
        int doubleColon = h.indexOf("::");
        if (doubleColon >= 0 && h.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] parts = doubleColon >= 0
                ? new String[] {h.substring(0, doubleColon), h.substring(doubleColon + 2)}
                : new String[] {h};
        int groups = 0;
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].isEmpty()) {
                continue;
            }
            String[] g = parts[p].split(":", -1);
            for (int i = 0; i < g.length; i++) {
                boolean lastOfAll = p == parts.length - 1 && i == g.length - 1;
                if (lastOfAll && g[i].indexOf('.') >= 0 && isIpv4(g[i])) {
                    groups += 2;
                } else if (HEX_GROUP.matcher(g[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    static boolean isIpLiteral(String h) {
        return isIpv4(h) || isIpv6(h);
    }

    /**
     * Whether Google's servers, connecting from the internet, cannot reach this host: loopback,
     * private and link-local addresses (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291), names
     * without a dot, and names under suffixes reserved for local use (RFC 6761, RFC 6762, RFC 8375).
     */
    static boolean isNotPublic(String h) {
        if (isIpv4(h)) {
            String[] o = h.split("\\.");
            int a = Integer.parseInt(o[0]);
            int b = Integer.parseInt(o[1]);
            return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31)
                    || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
        }
        if (isIpv6(h)) {
            if (h.equals("::1") || h.equals("::")) {
                return true;
            }
            int first = h.startsWith(":") ? 0 : Integer.parseInt(h.substring(0, h.indexOf(':')), 16);
            return (first & 0xFE00) == 0xFC00 || (first & 0xFFC0) == 0xFE80;
        }
        if (h.indexOf('.') < 0) {
            return true;
        }
        for (String suffix : LOCAL_SUFFIXES) {
            if (h.equals(suffix) || h.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }
}
