package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DKIM selectors worth trying when the user names none: DKIM keys live at
 * {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.2.1) and the selector cannot be discovered
 * from DNS, only guessed. Guesses come from the mail hosts (MX) and the submission server:
 * Google Workspace's default selector {@code google}; Microsoft 365's {@code selector1} and
 * {@code selector2}; and {@code default}, which many hosting control panels use. A guess that finds
 * nothing proves nothing, hence "not confirmed", never "missing".
 */
public final class DkimSelectors {

    public static final String COMMON = "default";

    private DkimSelectors() {
    }

    /** Selectors suggested by these host names (MX exchanges, the submission server), then {@link #COMMON}. */
    public static List<String> infer(List<String> hosts) {
        Set<String> out = new LinkedHashSet<>();
        for (String h : hosts) {
            String host = HostName.normalise(h);
            if (below(host, "google.com", "googlemail.com", "gmail.com")) {
                out.add("google");
            }
            if (below(host, "outlook.com", "office365.com")) {
                out.add("selector1");
                out.add("selector2");
            }
        }
        out.add(COMMON);
        return new ArrayList<>(out);
    }

    private static boolean below(String host, String... domains) {
        for (String d : domains) {
            if (DomainNames.isAtOrBelow(host, d)) {
                return true;
            }
        }
        return false;
    }

    /** A selector as typed: lower case, no surrounding dots; dots inside are allowed (RFC 6376 §3.1). */
    public static String normalise(String selector) {
        String s = selector.strip().toLowerCase(Locale.ROOT);
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
