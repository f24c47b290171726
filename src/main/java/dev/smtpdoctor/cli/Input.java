package dev.smtpdoctor.cli;

import dev.smtpdoctor.model.HostName;
import java.util.regex.Pattern;

/**
 * Strict checks of command-line values for commands that take exactly what they are given
 * ({@code probe}). Each failure is a {@link UsageException} naming the field and value.
 */
final class Input {

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

    /**
     * A host name (IDN allowed, returned in A-label form, lower case, no final dot) or an IPv4/IPv6
     * literal (brackets removed): {@link HostName#parse}, the same host names the input lint accepts.
     */
    static String host(String raw) {
        return HostName.parse(raw).map(HostName::value).orElseThrow(() -> new UsageException("error.host", raw));
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
