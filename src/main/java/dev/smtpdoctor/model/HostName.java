package dev.smtpdoctor.model;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host as smtp-doctor handles it: a DNS name in A-label (ASCII) form, lower case and without the
 * final dot, or an IP literal (without brackets). Pure: no DNS. The one place for the forms a name can
 * take in this tool:
 *
 * <ul>
 *   <li><b>normalised</b> ({@link #normalise}): stripped of surrounding white space, lower case
 *       ({@link Locale#ROOT}: DNS names compare case-insensitively, RFC 4343), one final dot dropped
 *       (an absolute name, RFC 1034 §3.1, is the same host);
 *   <li><b>IDNA</b> ({@link #toAscii}): a name with non-ASCII characters in its A-label form
 *       ({@code 例え.jp} → {@code xn--r8jz45g.jp}; RFC 5890 §2.3.2.1, converted with the JDK's IDNA 2003
 *       and its STD3 rules, which also refuse underscores and other non-LDH characters);
 *   <li><b>strict</b> ({@link #isStrict()}): what a server name must be — RFC 1123 §2.1 labels of
 *       letters, digits and hyphens (not at either end), 1 to 63 characters each, at most 253 in all
 *       (RFC 1035 §2.3.4), at least two labels, and a last label that is not all digits (RFC 1123 §2.1,
 *       RFC 3696 §2: it would be an IPv4 address); RFC 5321 §4.1.2 {@code Domain} is the same grammar;
 *   <li><b>lenient</b> ({@link #isLenient()}): what the input lint accepts and then reports on — also
 *       underscores in any position of a label (real, if non-standard, host names have them) and single
 *       labels ({@code localhost}, {@code smtp}: unreachable from Google, but a host);
 *   <li><b>IP literal</b> ({@link #isIpLiteral()}): IPv4 dotted quad or IPv6 in RFC 4291 §2.2 text form,
 *       with or without the brackets of an RFC 5321 §4.1.3 address literal ({@code [::1]}); the value
 *       keeps the address without brackets.
 * </ul>
 *
 * @param value the normalised ASCII name or the IP literal without brackets
 */
public record HostName(String value) {

    /** An RFC 1123 label: letters, digits, hyphens inside, 1–63 characters. */
    private static final Pattern STRICT_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** The lint's label: underscore tolerated anywhere a letter may stand. */
    private static final Pattern LENIENT_LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");
    private static final int MAX_LENGTH = 253;

    public HostName {
        Objects.requireNonNull(value, "value");
        if (!isIpv4(value) && !isIpv6(value) && !isLenient(value)) {
            throw new IllegalArgumentException("not a host name or IP literal: " + value);
        }
    }

    /**
     * The host of a value typed or given on the command line: normalised, converted to its A-label form
     * when it has non-ASCII characters, brackets of an address literal removed; empty when the result is
     * neither a {@linkplain #isLenient(String) lenient} name nor an IP literal. No corrections beyond
     * these (the input lint makes and reports those).
     */
    public static Optional<HostName> parse(String raw) {
        String h = normalise(raw);
        if (h.length() > 2 && h.startsWith("[") && h.endsWith("]")) {
            String inner = h.substring(1, h.length() - 1);
            return isIpLiteral(inner) ? Optional.of(new HostName(inner)) : Optional.empty();
        }
        if (!isAscii(h)) {
            Optional<String> ascii = toAscii(h);
            if (ascii.isEmpty()) {
                return Optional.empty();
            }
            h = normalise(ascii.get());
        }
        return isIpLiteral(h) || isLenient(h) ? Optional.of(new HostName(h)) : Optional.empty();
    }

    /** Like {@link #parse} but only a {@linkplain #isStrict(String) strict} name: no IP literal. */
    public static Optional<HostName> parseStrict(String raw) {
        return parse(raw).filter(HostName::isStrict);
    }

    /**
     * Surrounding white space stripped, lower case ({@link Locale#ROOT}), one final dot dropped. The form
     * every comparison of host names in this tool uses; no syntax check.
     */
    public static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * The A-label form of a name with non-ASCII characters (RFC 5890 §2.3.2.1), lower case, by the JDK's
     * IDNA 2003 conversion with STD3 rules; empty when it is not a valid internationalised name.
     */
    public static Optional<String> toAscii(String unicode) {
        try {
            return Optional.of(IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** Strict: RFC 1123 LDH labels, at least two, at most 253 characters, last label not all digits. */
    public static boolean isStrict(String h) {
        return labels(h, STRICT_LABEL) >= 2;
    }

    /** Lenient: as strict, but underscores allowed and a single label accepted (what the lint accepts). */
    public static boolean isLenient(String h) {
        return labels(h, LENIENT_LABEL) >= 1;
    }

    /** The number of labels when every label matches and the name is a name (not IPv4), else 0. */
    private static int labels(String h, Pattern label) {
        if (h.isEmpty() || h.length() > MAX_LENGTH) {
            return 0;
        }
        String[] labels = h.split("\\.", -1);
        for (String l : labels) {
            if (!label.matcher(l).matches()) {
                return 0;
            }
        }
        return labels[labels.length - 1].chars().allMatch(Character::isDigit) ? 0 : labels.length;
    }

    /** An IPv4 dotted quad ({@code 192.0.2.1}, each octet at most 255). */
    public static boolean isIpv4(String h) {
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

    /** An IPv6 address in RFC 4291 §2.2 text form (lower case, no brackets, no zone). */
    public static boolean isIpv6(String h) {
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

    /** IPv4 or IPv6, optionally in the brackets of an RFC 5321 §4.1.3 address literal. */
    public static boolean isIpLiteral(String h) {
        String s = h.length() > 2 && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        return isIpv4(s) || isIpv6(s);
    }

    /**
     * Whether a name from the network is spelled as an address rather than a name, valid or not: a last
     * label of digits only (IPv4, also {@code 10.1} or {@code 999.1.1.1}), a colon (IPv6) or brackets
     * ({@code [192.0.2.1]}). A top-level domain is never all-numeric (RFC 3696 §2), and an SRV target is
     * a domain name (RFC 2782), so such a target is never dialled. Checks the {@linkplain #normalise
     * normalised} text.
     */
    public static boolean looksLikeAddress(String host) {
        String h = normalise(host);
        if (h.isEmpty()) {
            return false;
        }
        if (h.indexOf(':') >= 0 || h.startsWith("[")) {
            return true;
        }
        String last = h.substring(h.lastIndexOf('.') + 1);
        return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Whether this host is a strict server name (see the class comment). */
    public boolean isStrict() {
        return isStrict(value);
    }

    /** Always true for a name; false for an IP literal. */
    public boolean isLenient() {
        return isLenient(value);
    }

    public boolean isIpLiteral() {
        return isIpLiteral(value);
    }

    /** A name of one label ({@code localhost}); false for an IP literal. */
    public boolean isSingleLabel() {
        return !isIpLiteral() && value.indexOf('.') < 0;
    }

    /** A name with an underscore in a label: accepted from the user, never a strict server name. */
    public boolean hasUnderscore() {
        return value.indexOf('_') >= 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
