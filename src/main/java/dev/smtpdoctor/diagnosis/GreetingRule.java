package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GREETING_DELAYED: a greeting later than 5 s, measured and labelled, not blamed — servers delay on purpose
 * (Postfix postscreen) and RFC 5321 §4.5.3.2 lets clients wait 5 minutes; only past Gmail's ~10 s
 * (unconfirmed) does it become a warning. GREETING_REJECTED: a 554/421 greeting, which may be about this
 * computer's address rather than Google's.
 */
final class GreetingRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        Map<String, ProbeResult> slowest = new LinkedHashMap<>();
        for (CandidateProbe p : m.focusProbes()) {
            ProbeResult r = p.result();
            if (r.greeting().isPresent() && r.greetingMillis() > RuleSupport.GREETING_NOTE_MILLIS) {
                // One per machine: the typed name and a certificate name of the same server are one server.
                slowest.merge(r.address().orElse(HostName.normalise(r.endpoint().host())), r,
                        (a, b) -> b.greetingMillis() > a.greetingMillis() ? b : a);
            }
        }
        for (ProbeResult r : slowest.values()) {
            out.add(Finding.of(FindingCode.GREETING_DELAYED,
                    r.greetingMillis() > RuleSupport.GMAIL_PATIENCE_MILLIS ? Severity.WARNING : Severity.INFO,
                    args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                            "seconds", String.format(Locale.ROOT, "%.1f", r.greetingMillis() / 1000.0))));
        }
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (r.outcome() instanceof ProbeOutcome.GreetingRejected g) {
                out.add(Finding.of(FindingCode.GREETING_REJECTED, m.severity(r, Severity.ERROR, Severity.WARNING),
                        args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                                "reply", RuleSupport.oneLine(g.reply()))));
            }
        }
        return out;
    }
}
