package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "SMTP Server" field: what people paste into it instead of a bare host name — a URL
 * ({@code smtps://user:pw@mail.example.jp:465/}), an address, {@code host:587}, an incoming-server
 * name — reduced to the host the tool probes (A-label, lower case).
 */
final class ServerField {

    /**
     * @param host     the host to probe; empty when the field was empty
     * @param hostPort a port that was typed into the host ({@code mail.example.jp:587})
     * @param findings what was wrong, in the order found
     * @param usable   false when the value is not a host even after correction (an ERROR finding says so)
     */
    record Result(Optional<String> host, OptionalInt hostPort, List<Finding> findings, boolean usable) {
        Result {
            findings = List.copyOf(findings);
        }
    }

    /** {@code smtp://}, {@code https://}... any URL scheme, or a known scheme written without slashes. */
    private static final Pattern SCHEME = Pattern.compile(
            "^(?:([a-z][a-z0-9+.-]*)://|(mailto|smtp|smtps|submission|submissions):)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKETED = Pattern.compile("^\\[([^\\]]*)](?::(.*))?$");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Set<String> LOCAL_SUFFIXES = Set.of("localhost", "local", "internal", "home.arpa", "lan");
    private static final Set<String> INCOMING = Set.of("pop", "pop3", "pops", "pop3s", "imap", "imap4", "imaps");

    private ServerField() {
    }

    static Result lint(String raw) {
        FieldTrace trace = new FieldTrace(Field.SERVER, redactUserInfo(raw));
        String s = TextSteps.stripInvisibleAndSurrounding(trace, raw);
        if (s.isEmpty()) {
            return new Result(Optional.empty(), OptionalInt.empty(), List.of(), true);
        }
        s = TextSteps.toHalfWidth(trace, s);
        s = TextSteps.removeInnerSpaces(trace, s);

        Matcher scheme = SCHEME.matcher(s);
        if (scheme.find()) {
            String name = scheme.group(1) != null ? scheme.group(1) : scheme.group(2);
            trace.corrected(FindingCode.INPUT_SCHEME_IN_HOST, "scheme", name.toLowerCase(Locale.ROOT));
            s = s.substring(scheme.end());
        }

        int at = s.lastIndexOf('@');
        if (at >= 0) {
            String user = s.substring(0, at);
            int colon = user.indexOf(':');
            // user:password@host — the password part is never kept or shown.
            trace.corrected(FindingCode.INPUT_ADDRESS_IN_HOST, "username", colon >= 0 ? user.substring(0, colon) : user);
            s = s.substring(at + 1);
        }

        int pathStart = firstIndexOf(s, '/', '?', '#');
        if (pathStart >= 0) {
            trace.corrected(FindingCode.INPUT_PATH_IN_HOST, "path", s.substring(pathStart));
            s = s.substring(0, pathStart);
        }

        String portText = null;
        Matcher bracketed = BRACKETED.matcher(s);
        if (bracketed.matches()) {
            s = bracketed.group(1);
            portText = bracketed.group(2);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            portText = s.substring(s.indexOf(':') + 1);
            s = s.substring(0, s.indexOf(':'));
        }
        OptionalInt hostPort = OptionalInt.empty();
        if (portText != null) {
            if (!PORT.matcher(portText).matches() || Integer.parseInt(portText) < 1
                    || Integer.parseInt(portText) > 65535) {
                return failed(trace, s);
            }
            hostPort = OptionalInt.of(Integer.parseInt(portText));
            trace.corrected(FindingCode.INPUT_PORT_IN_HOST, "port", Integer.toString(hostPort.getAsInt()));
        }

        if (s.length() > 1 && s.endsWith(".") && !s.endsWith("..")) {
            s = s.substring(0, s.length() - 1);
            trace.corrected(FindingCode.INPUT_TRAILING_DOT, Severity.INFO);
        }

        if (!HostName.isAscii(s)) {
            Optional<String> ascii = HostName.toAscii(s);
            if (ascii.isEmpty()) {
                return failed(trace, s);
            }
            trace.advice(FindingCode.INPUT_IDN, Severity.INFO, "unicode", s, "ascii", ascii.get());
            s = ascii.get();
        }
        s = s.toLowerCase(Locale.ROOT);
        if (!HostName.isIpLiteral(s) && !HostName.isLenient(s)) {
            return failed(trace, s);
        }

        if (isNotPublic(s)) {
            trace.advice(FindingCode.INPUT_HOST_NOT_PUBLIC, Severity.WARNING, "host", s);
        } else if (!HostName.isIpLiteral(s)) {
            int dot = s.indexOf('.');
            String rest = s.substring(dot + 1);
            if (INCOMING.contains(s.substring(0, dot)) && rest.indexOf('.') >= 0) {
                trace.advice(FindingCode.INPUT_INCOMING_SERVER, Severity.WARNING, "host", s, "suggested", "smtp." + rest);
            }
        }
        return new Result(Optional.of(s), hostPort, trace.findings(s), true);
    }

    /**
     * Whether Google's servers, connecting from the internet, cannot reach this host (lenient name or IP
     * literal, lower case): loopback, private and link-local addresses (RFC 1918, RFC 6598, RFC 3927,
     * RFC 4193, RFC 4291), names without a dot, and names under suffixes reserved for local use
     * (RFC 6761, RFC 6762, RFC 8375).
     */
    static boolean isNotPublic(String h) {
        if (HostName.isIpv4(h)) {
            String[] o = h.split("\\.");
            int a = Integer.parseInt(o[0]);
            int b = Integer.parseInt(o[1]);
            return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31)
                    || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
        }
        if (HostName.isIpv6(h)) {
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

    private static Result failed(FieldTrace trace, String lastValue) {
        return new Result(Optional.empty(), OptionalInt.empty(),
                trace.failed(FindingCode.INPUT_INVALID_HOST, lastValue), false);
    }

    /**
     * The typed value with the password of a {@code user:password@host} (with or without a scheme,
     * in half- or full-width characters) replaced by {@code ***}, so that no finding quotes it.
     */
    static String redactUserInfo(String raw) {
        // Same UTF-16 length as raw: halfWidth maps BMP characters to BMP characters.
        String norm = raw.codePoints().map(Characters::halfWidth)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int at = norm.lastIndexOf('@');
        if (at < 0) {
            return raw;
        }
        int start = norm.indexOf("://");
        if (start >= 0 && start < at) {
            start += 3;
        } else {
            start = 0;
            while (start < norm.length() && !Character.isLetterOrDigit(norm.charAt(start))) {
                start++;
            }
            Matcher scheme = SCHEME.matcher(norm).region(start, norm.length());
            start = scheme.lookingAt() ? scheme.end() : 0;
        }
        int colon = norm.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return raw;
        }
        return raw.substring(0, colon + 1) + "***" + raw.substring(at);
    }

    private static int firstIndexOf(String s, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
