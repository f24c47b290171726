package dev.smtpdoctor.sendingdomain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * SPF macros (RFC 7208 §7): {@code %{s} %{l} %{o} %{d} %{i} %{p} %{h} %{v}} with the digit and
 * {@code r} transformers and delimiters, {@code %%}, {@code %_}, {@code %-}; an upper-case letter
 * URL-escapes the value (§7.3). {@code c}, {@code r} and {@code t} are allowed only in explanations,
 * which this tool never expands.
 *
 * <p>Deliberate simplifications: {@code %{p}} (the client's validated reverse name, which §7.3 says
 * should not be used) always expands to {@code unknown}, as §7.3 allows when no name is validated;
 * {@code %{h}} is the HELO name given to the evaluator (the delivering host's name when known, else
 * {@code unknown}), because the provider's relay's real HELO is not observable from here.
 */
final class SpfMacro {

    private static final String DELIMITERS = ".-+,/_=";
    private static final int MAX_NAME = 253;

    /** What the macros expand to in one check_host() call. */
    record Context(String sender, String domain, InetAddress ip, String helo) {

        String localPart() {
            int at = sender.lastIndexOf('@');
            return at <= 0 ? "postmaster" : sender.substring(0, at);
        }

        String senderDomain() {
            int at = sender.lastIndexOf('@');
            return at < 0 ? sender : sender.substring(at + 1);
        }

        /** {@code l@o}, with "postmaster" for an empty local part (§4.3). */
        String fullSender() {
            return localPart() + "@" + senderDomain();
        }
    }

    private SpfMacro() {
    }

    /** Checks the macro syntax of a macro-string (§7.1) without expanding it. */
    static void validate(String s, boolean explanation) throws SpfSyntaxException {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                if (!(explanation && c == ' ')) {
                    throw new SpfSyntaxException(SpfProblem.SYNTAX, s);
                }
                i++;
                continue;
            }
            if (c != '%') {
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, s);
            }
            char n = s.charAt(i + 1);
            if (n == '%' || n == '_' || n == '-') {
                i += 2;
                continue;
            }
            if (n != '{') {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, s);
            }
            int end = s.indexOf('}', i);
            if (end < 0) {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, s);
            }
            parse(s.substring(i + 2, end), explanation, s);
            i = end + 1;
        }
    }

    /** Whether a validated macro-string ends with a macro-expand (a domain-spec's domain-end may be one, §7.1). */
    static boolean endsWithMacro(String s) {
        boolean lastIsMacro = false;
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && i + 1 < s.length()) {
                int end = s.charAt(i + 1) == '{' ? s.indexOf('}', i) : i + 1;
                if (end < 0) {
                    return false;
                }
                i = end + 1;
                lastIsMacro = true;
            } else {
                i++;
                lastIsMacro = false;
            }
        }
        return lastIsMacro;
    }

    /** Expands a validated domain-spec into a name to look up; at most 253 characters (§7.3). */
    static String expandDomain(String spec, Context ctx) throws SpfSyntaxException {
        String out = expand(spec, ctx);
        if (out.endsWith(".")) {
            out = out.substring(0, out.length() - 1);
        }
        while (out.length() > MAX_NAME && out.indexOf('.') >= 0) {
            out = out.substring(out.indexOf('.') + 1); // drop labels on the left
        }
        return out;
    }

    static String expand(String s, Context ctx) throws SpfSyntaxException {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, s);
            }
            char n = s.charAt(i + 1);
            switch (n) {
                case '%' -> sb.append('%');
                case '_' -> sb.append(' ');
                case '-' -> sb.append("%20");
                case '{' -> {
                    int end = s.indexOf('}', i);
                    if (end < 0) {
                        throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, s);
                    }
                    Spec m = parse(s.substring(i + 2, end), false, s);
                    sb.append(m.apply(value(m.letter, ctx)));
                    i = end + 1;
                    continue;
                }
                default -> throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, s);
            }
            i += 2;
        }
        return sb.toString();
    }

    /** One {@code %{...}}: letter, digits, reverse, delimiters, and whether to URL-escape. */
    private record Spec(char letter, boolean escape, int keep, boolean reverse, String delimiters) {

        String apply(String value) {
            String delims = delimiters.isEmpty() ? "." : delimiters;
            List<String> parts = split(value, delims);
            if (reverse) {
                Collections.reverse(parts);
            }
            if (keep > 0 && keep < parts.size()) {
                parts = parts.subList(parts.size() - keep, parts.size());
            }
            String joined = String.join(".", parts);
            return escape ? urlEscape(joined) : joined;
        }
    }

    private static Spec parse(String body, boolean explanation, String whole) throws SpfSyntaxException {
        if (body.isEmpty()) {
            throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, whole);
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if ("slodiphv".indexOf(lower) < 0 && !(explanation && "crt".indexOf(lower) >= 0)) {
            throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, whole);
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int keep = 0;
        if (i > digitsStart) {
            if (i - digitsStart > 3) {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, whole);
            }
            keep = Integer.parseInt(body.substring(digitsStart, i));
            if (keep == 0) {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, whole); // the digit transformer must be nonzero
            }
        }
        boolean reverse = false;
        if (i < body.length() && Character.toLowerCase(body.charAt(i)) == 'r') {
            reverse = true;
            i++;
        }
        String delims = body.substring(i);
        for (char d : delims.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfSyntaxException(SpfProblem.INVALID_MACRO, whole);
            }
        }
        return new Spec(lower, Character.isUpperCase(letter), keep, reverse, delims);
    }

    private static String value(char letter, Context ctx) {
        return switch (letter) {
            case 's' -> ctx.fullSender();
            case 'l' -> ctx.localPart();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> dotted(ctx.ip());
            case 'p' -> "unknown";
            case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            default -> "";
        };
    }

    /** IPv4 in dotted quad; IPv6 as 32 dot-separated nibbles (§7.3). */
    static String dotted(InetAddress ip) {
        byte[] b = ip.getAddress();
        List<String> parts = new ArrayList<>();
        if (b.length == 4) {
            for (byte x : b) {
                parts.add(String.valueOf(x & 0xff));
            }
        } else {
            for (byte x : b) {
                parts.add(Integer.toHexString((x >> 4) & 0xf));
                parts.add(Integer.toHexString(x & 0xf));
            }
        }
        return String.join(".", parts);
    }

    private static List<String> split(String value, String delims) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delims.indexOf(value.charAt(i)) >= 0) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }

    /** Percent-encodes all but RFC 3986 unreserved characters. */
    private static String urlEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
        }
        return sb.toString();
    }
}
