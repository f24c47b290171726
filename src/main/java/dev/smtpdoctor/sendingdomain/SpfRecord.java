package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.sendingdomain.SpfTerm.Directive;
import dev.smtpdoctor.sendingdomain.SpfTerm.Mechanism;
import dev.smtpdoctor.sendingdomain.SpfTerm.Modifier;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SPF record (RFC 7208 §4.5, §4.6, ABNF in §12). The whole record is parsed before anything
 * is evaluated, because any syntax error anywhere makes the result permerror (§4.6). Names are
 * case-insensitive; terms are separated by spaces (SP, not tabs). Immutable.
 *
 * @param directives in order; those after {@code all} are kept but never reached
 * @param redirect   the {@code redirect=} domain-spec, if any
 */
record SpfRecord(String text, List<Directive> directives, Optional<Modifier> redirect) {

    private static final Pattern VERSION = Pattern.compile("(?i)^v=spf1(?: .*)?$");
    private static final Pattern MODIFIER = Pattern.compile("^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$");
    private static final Pattern MECHANISM = Pattern.compile("^([+\\-~?]?)([A-Za-z][A-Za-z0-9_.-]*)(.*)$");
    /** [":" domain-spec] [ip4-cidr] ["/" ip6-cidr]: the CIDR parts are taken from the end. */
    private static final Pattern DOMAIN_AND_CIDR = Pattern.compile("^(?::(.+?))?(?:/(\\d+))?(?://(\\d+))?$");
    private static final Pattern IP4_ARG = Pattern.compile("^:([0-9.]+)(?:/(\\d+))?$");
    private static final Pattern IP6_ARG = Pattern.compile("^:([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(\\d+))?$");
    private static final Pattern DEC_OCTET = Pattern.compile("^(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)$");
    private static final Pattern CIDR = Pattern.compile("^(?:0|[1-9]\\d{0,2})$");
    /** domain-end: "." toplabel ["."] (§7.1), when the domain-spec does not end with a macro. */
    private static final Pattern DOMAIN_END = Pattern.compile(
            "^.*\\.(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])\\.?$");

    SpfRecord {
        directives = List.copyOf(directives);
    }

    /** Whether a TXT string is an SPF record: "v=spf1" then a space or the end (§4.5). */
    static boolean isSpf(String txt) {
        return VERSION.matcher(txt).matches();
    }

    static SpfRecord parse(String text) throws SpfSyntaxException {
        if (!isSpf(text)) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, text);
        }
        List<Directive> directives = new ArrayList<>();
        Modifier redirect = null;
        Modifier exp = null;
        for (String term : text.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue; // several spaces in a row, or trailing spaces
            }
            Matcher mod = MODIFIER.matcher(term);
            if (mod.matches()) {
                Modifier m = new Modifier(term, mod.group(1).toLowerCase(Locale.ROOT), mod.group(2));
                if (!m.name().equals("redirect") && !m.name().equals("exp")) {
                    // unknown-modifier = name "=" macro-string: any macro letter is syntactically valid (§12)
                    SpfMacro.validate(m.value(), true);
                    continue; // and otherwise ignored (§6)
                }
                if (m.name().equals("redirect") ? redirect != null : exp != null) {
                    throw new SpfSyntaxException(SpfProblem.DUPLICATE_MODIFIER, term);
                }
                domainSpec(m.value(), term); // both are domain-specs (§6.1, §6.2)
                if (m.name().equals("redirect")) {
                    redirect = m;
                } else {
                    exp = m;
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(text, directives, Optional.ofNullable(redirect));
    }

    boolean hasAll() {
        return directives.stream().anyMatch(d -> d.mechanism() == Mechanism.ALL);
    }

    private static Directive directive(String term) throws SpfSyntaxException {
        Matcher m = MECHANISM.matcher(term);
        if (!m.matches()) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        SpfVerdict q = switch (m.group(1)) {
            case "-" -> SpfVerdict.FAIL;
            case "~" -> SpfVerdict.SOFTFAIL;
            case "?" -> SpfVerdict.NEUTRAL;
            default -> SpfVerdict.PASS;
        };
        String name = m.group(2).toLowerCase(Locale.ROOT);
        String rest = m.group(3);
        return switch (name) {
            case "all" -> {
                requireEmpty(rest, term);
                yield new Directive(term, q, Mechanism.ALL, Optional.empty(), Optional.empty(), 32, 128);
            }
            case "include", "exists" -> {
                if (!rest.startsWith(":") || rest.length() == 1) {
                    throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
                }
                String spec = rest.substring(1);
                domainSpec(spec, term);
                yield new Directive(term, q, name.equals("include") ? Mechanism.INCLUDE : Mechanism.EXISTS,
                        Optional.of(spec), Optional.empty(), 32, 128);
            }
            case "a", "mx" -> domainAndCidr(term, q, name.equals("a") ? Mechanism.A : Mechanism.MX, rest, true);
            case "ptr" -> domainAndCidr(term, q, Mechanism.PTR, rest, false);
            case "ip4" -> ip4(term, q, rest);
            case "ip6" -> ip6(term, q, rest);
            default -> throw new SpfSyntaxException(SpfProblem.UNKNOWN_MECHANISM, term);
        };
    }

    private static Directive domainAndCidr(String term, SpfVerdict q, Mechanism mech, String rest, boolean cidrAllowed)
            throws SpfSyntaxException {
        Matcher m = DOMAIN_AND_CIDR.matcher(rest);
        if (!m.matches() || (!cidrAllowed && (m.group(2) != null || m.group(3) != null))) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        Optional<String> spec = Optional.ofNullable(m.group(1));
        if (spec.isPresent()) {
            domainSpec(spec.get(), term);
        } else if (rest.startsWith(":")) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        return new Directive(term, q, mech, spec, Optional.empty(), cidr(m.group(2), 32, term), cidr(m.group(3), 128, term));
    }

    private static Directive ip4(String term, SpfVerdict q, String rest) throws SpfSyntaxException {
        Matcher m = IP4_ARG.matcher(rest);
        if (!m.matches()) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        String[] octets = m.group(1).split("\\.", -1);
        if (octets.length != 4) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!DEC_OCTET.matcher(octets[i]).matches()) {
                throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
            }
            b[i] = (byte) Integer.parseInt(octets[i]);
        }
        try {
            return new Directive(term, q, Mechanism.IP4, Optional.empty(), Optional.of(InetAddress.getByAddress(b)),
                    cidr(m.group(2), 32, term), 128);
        } catch (UnknownHostException e) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
    }

    private static Directive ip6(String term, SpfVerdict q, String rest) throws SpfSyntaxException {
        Matcher m = IP6_ARG.matcher(rest);
        if (!m.matches()) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        InetAddress a;
        try {
            // Bracketed, the JDK parses an IPv6 literal and never asks DNS.
            a = InetAddress.getByName("[" + m.group(1) + "]");
        } catch (UnknownHostException e) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        if (!(a instanceof Inet6Address) && !(a instanceof Inet4Address)) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        return new Directive(term, q, Mechanism.IP6, Optional.empty(), Optional.of(a), 32, cidr(m.group(2), 128, term));
    }

    /** "/" 1*DIGIT without leading zeros, at most {@code max} (§5.6). */
    private static int cidr(String digits, int max, String term) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        if (!CIDR.matcher(digits).matches() || Integer.parseInt(digits) > max) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
        return Integer.parseInt(digits);
    }

    /** domain-spec = macro-string domain-end (§7.1). */
    private static void domainSpec(String spec, String term) throws SpfSyntaxException {
        SpfMacro.validate(spec, false);
        if (SpfMacro.endsWithMacro(spec)) {
            return;
        }
        if (!DOMAIN_END.matcher(spec).matches()) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
    }

    private static void requireEmpty(String rest, String term) throws SpfSyntaxException {
        if (!rest.isEmpty()) {
            throw new SpfSyntaxException(SpfProblem.SYNTAX, term);
        }
    }
}
