package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnosis front door: observations in, an {@link Assessment} out. Pure — no I/O, no clock but
 * {@link Observations#now()} — so the same observations always give the same assessment. Thread-safe.
 */
public final class Diagnoser {

    private Diagnoser() {
    }

    /**
     * Gmail's verdict on one probe's certificate, exactly as in the table of {@link #assess}: for {@code probe},
     * so that it and {@code check} agree, also on a port Gmail's dialog does not list. Empty when it passes.
     */
    public static java.util.Optional<GmailVerdict> gmailCertificateVerdict(dev.smtpdoctor.probe.ProbeResult r) {
        return GmailVerdicts.certificateOnly(r);
    }

    public static Assessment assess(Observations o) {
        return assess(o, Rules.ALL);
    }

    /** With a chosen set of rules (tests, or a caller that wants fewer). */
    static Assessment assess(Observations o, List<Rule> rules) {
        CheckView view = CheckView.of(o);
        List<Finding> all = new ArrayList<>(o.lint());
        for (Rule rule : rules) {
            all.addAll(rule.apply(view));
        }
        List<Finding> findings = normalize(all);
        return new Assessment(findings, GmailVerdicts.table(view, findings), Recommender.recommend(o, findings));
    }

    /**
     * Removes duplicates (same code and arguments; the most severe copy wins, keeping the first one's field)
     * and sorts by severity, then code (roughly the order of the conversation), then the order found.
     */
    static List<Finding> normalize(List<Finding> findings) {
        Map<String, Finding> unique = new LinkedHashMap<>();
        for (Finding f : findings) {
            String key = f.code() + " " + f.args();
            Finding seen = unique.get(key);
            if (seen == null) {
                unique.put(key, f);
            } else if (f.severity().compareTo(seen.severity()) < 0) {
                unique.put(key, new Finding(f.code(), f.severity(), seen.field().or(f::field), f.args()));
            }
        }
        List<Finding> out = new ArrayList<>(unique.values());
        out.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code));
        return out;
    }
}
