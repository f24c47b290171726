package dev.smtpdoctor.cli;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict checks of command-line values for commands that take exactly what they are given
 * ({@code probe}). Each failure is a {@link UsageException} naming the field and value.
 */
final class Input {

    private static final Pattern LABEL = Pattern.compile("(?i)^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern LOCAL_PART = Pattern.compile("^[^\\s<>@\"]{1,64}$");

    private Input() {
    }

    /** Full-width digits (from a Japanese IME) to ASCII; nothing else changes. */
    static String normalizeDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c);
        }
        return sb.toString();
    }

    /** A host name (IDN allowed, returned in A-label form) or an IPv4/IPv6 literal. */
    static String host(String raw) {
        String h = raw.strip();
        if (h.isEmpty() || !h.equals(raw) && raw.isBlank()) {
            throw new UsageException("error.host", raw);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:.]+")) {
            return h;
        }
        if (IPV4.matcher(h).matches()) {
            for (String octet : h.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new UsageException("error.host", raw);
                }
            }
            return h;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES | IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new UsageException("error.host", raw);
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new UsageException("error.host", raw);
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new UsageException("error.host", raw);
            }
        }
        return ascii;
    }

    static int port(String raw) {
        String p = normalizeDigits(raw.strip());
        if (!p.matches("\\d{1,5}")) {
            throw new UsageException("error.port", raw);
        }
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
            throw new UsageException("error.port", raw);
        }
        return port;
    }

    /** An address for MAIL FROM: local@domain, domain checked like a host. */
    static String address(String raw) {
        String a = raw.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1 || !LOCAL_PART.matcher(a.substring(0, at)).matches()) {
            throw new UsageException("error.address", raw);
        }
        String domain;
        try {
            domain = host(a.substring(at + 1));
        } catch (UsageException e) {
            throw new UsageException("error.address", raw);
        }
        return a.substring(0, at) + "@" + domain;
    }
}
