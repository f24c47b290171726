package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import java.util.List;
import java.util.Set;

/**
 * Small helpers on domain names: syntax (RFC 1035 lengths, RFC 7208 §4.3) and the organisational
 * domain of DMARC (RFC 7489 §3.2).
 *
 * <p>The organisational domain needs the Public Suffix List; this tool carries no copy of it and uses
 * an approximation instead: the last two labels, or the last three when the last two are a known
 * second-level public suffix ({@link #SECOND_LEVEL_SUFFIXES}: the Japanese {@code co.jp ne.jp or.jp
 * ac.jp go.jp ad.jp ed.jp gr.jp lg.jp}, the UK's {@code co.uk org.uk ...} and a few others). Wrong
 * for Japanese geographic names ({@code city.shibuya.tokyo.jp}) and private suffixes; good enough for
 * the lookup fallback, whose only effect is where a DMARC record is looked for.
 */
public final class DomainNames {

    static final Set<String> SECOND_LEVEL_SUFFIXES = Set.of(
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp",
            "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "sch.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au",
            "co.nz", "org.nz", "net.nz",
            "co.kr", "or.kr", "ne.kr",
            "com.cn", "net.cn", "org.cn",
            "com.tw", "org.tw", "net.tw",
            "com.hk", "org.hk",
            "com.sg", "com.br", "com.mx", "co.in", "co.za", "co.th", "co.id");

    private DomainNames() {
    }

    /**
     * Whether a name can be looked up as a multi-label domain (RFC 7208 §4.3): at most 253 characters,
     * labels of 1 to 63 characters, at least two labels.
     */
    public static boolean isMultiLabel(String name) {
        String n = HostName.normalise(name);
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        String[] labels = n.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** The organisational domain, approximated as described on this class. */
    public static String organisationalDomain(String domain) {
        String n = HostName.normalise(domain);
        List<String> labels = List.of(n.split("\\."));
        if (labels.size() <= 2) {
            return n;
        }
        String lastTwo = labels.get(labels.size() - 2) + "." + labels.get(labels.size() - 1);
        int keep = SECOND_LEVEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        return String.join(".", labels.subList(labels.size() - keep, labels.size()));
    }

    /** Whether {@code name} is {@code domain} or below it. */
    static boolean isAtOrBelow(String name, String domain) {
        String n = HostName.normalise(name);
        String d = HostName.normalise(domain);
        return n.equals(d) || n.endsWith("." + d);
    }
}
