package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.smtp.Deviation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REPLY_DEVIATION: the server's replies break the letter of RFC 5321 §4.2 in a way the parser tolerated —
 * bare LF, a code that changes between lines, a bad separator, a line far too long, control characters
 * (terminal escapes), bytes that are not UTF-8. A note for the provider, not a failure: the conversation
 * went on, but stricter clients may not. One finding per server and kind, arg {@code deviation} the
 * {@link Deviation} name, arg {@code ports} the ports that showed it. MISSING_FINAL_LINE is left out: it
 * comes with a hang-up, which CONNECTION_CLOSED reports.
 */
final class ReplyDeviationRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        Map<String, List<ProbeResult>> groups = new LinkedHashMap<>();
        Map<String, Deviation> kinds = new LinkedHashMap<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            for (Deviation d : r.replyDeviations()) {
                if (d == Deviation.MISSING_FINAL_LINE) {
                    continue;
                }
                String key = HostName.normalise(r.endpoint().host()) + " " + d;
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                kinds.put(key, d);
            }
        }
        List<Finding> out = new ArrayList<>();
        groups.forEach((key, group) -> out.add(Finding.of(FindingCode.REPLY_DEVIATION, Severity.INFO,
                args("host", group.get(0).endpoint().host(), "ports", CheckView.ports(group),
                        "deviation", kinds.get(key).name()))));
        return out;
    }
}
