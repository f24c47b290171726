package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * STARTTLS_NOT_OFFERED: "TLS" chosen, EHLO without STARTTLS (Gmail: E2). STARTTLS_REJECTED: announced but
 * refused, e.g. {@code 454 4.7.0 TLS not available due to local problem} (E7).
 */
final class StartTlsRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            String host = r.endpoint().host();
            String port = String.valueOf(r.endpoint().port());
            switch (r.outcome()) {
                case ProbeOutcome.StartTlsNotOffered x -> out.add(Finding.of(FindingCode.STARTTLS_NOT_OFFERED,
                        m.severity(r, Severity.ERROR, Severity.INFO), Field.SECURITY, args("host", host, "port", port)));
                case ProbeOutcome.StartTlsRejected x -> out.add(Finding.of(FindingCode.STARTTLS_REJECTED,
                        m.severity(r, Severity.ERROR, Severity.WARNING), Field.SECURITY,
                        args("host", host, "port", port, "reply", RuleSupport.oneLine(x.reply()))));
                default -> {
                }
            }
        }
        return out;
    }
}
