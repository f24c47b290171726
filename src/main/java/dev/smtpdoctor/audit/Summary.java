package dev.smtpdoctor.audit;

import dev.smtpdoctor.report.Messages;
import java.util.ArrayList;
import java.util.List;

/** The audit's closing summary, as lines of text in the user's language; pure. */
public final class Summary {

    private Summary() {
    }

    public static List<String> lines(Tally.Snapshot s, Messages m) {
        List<String> out = new ArrayList<>();
        out.add(m.get("audit.summary.heading", String.valueOf(s.done()), Progress.duration(s.millis(), m),
                Progress.format(Progress.rate(s))));
        for (Verdict v : Verdict.values()) {
            out.add("  " + m.get("audit.count", m.get("audit.verdict." + v.id()), String.valueOf(s.count(v))));
        }
        out.add(m.get("audit.summary.expiring", String.valueOf(AuditOutcome.EXPIRY_WARNING_DAYS),
                String.valueOf(s.expiring())));
        if (s.resumed() > 0) {
            out.add(m.get("audit.summary.resumed", String.valueOf(s.resumed())));
        }
        if (s.otherShards() > 0) {
            out.add(m.get("audit.summary.other-shards", String.valueOf(s.otherShards())));
        }
        return out;
    }
}
