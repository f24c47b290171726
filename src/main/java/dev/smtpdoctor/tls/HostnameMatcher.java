package dev.smtpdoctor.tls;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a reference host name against the DNS names a certificate presents, by RFC 6125 §6.4 as
 * applied to SMTP submission by RFC 7817: case-insensitive comparison of A-labels, a wildcard only as
 * the complete left-most label ({@code *.example.jp}), matching exactly one label, never a public
 * suffix-like two-label pattern such as {@code *.jp}.
 *
 * <p>Hand-written rather than borrowed: the JDK's checker is internal API, and the diagnosis needs to
 * know which presented name matched (or that none did) to explain it, not just a boolean.
 */
public final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /** The first presented name that covers {@code host}, or empty. */
    public static Optional<String> match(String host, List<String> presentedNames) {
        String ref = normalize(host);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        for (String presented : presentedNames) {
            if (matchesNormalized(ref, normalize(presented))) {
                return Optional.of(presented);
            }
        }
        return Optional.empty();
    }

    public static boolean matches(String host, String presented) {
        return matchesNormalized(normalize(host), normalize(presented));
    }

    private static boolean matchesNormalized(String ref, String pattern) {
        if (ref.isEmpty() || pattern.isEmpty()) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return ref.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.jp"
        // At least two labels after the wildcard: "*.jp" or "*.com" covers nothing.
        if (suffix.indexOf('.', 1) < 0 || suffix.contains("*")) {
            return false;
        }
        if (!ref.endsWith(suffix)) {
            return false;
        }
        String first = ref.substring(0, ref.length() - suffix.length());
        return !first.isEmpty() && first.indexOf('.') < 0;
    }

    /** Lower-case A-label form without a trailing dot; empty when the name is not a valid IDN. */
    static String normalize(String name) {
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            if (n.startsWith("*.")) {
                return "*." + IDN.toASCII(n.substring(2), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            }
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
