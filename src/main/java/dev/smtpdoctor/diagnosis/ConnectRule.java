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
 * CONNECT_REFUSED (nothing listens), CONNECT_TIMEOUT (packets dropped), NETWORK_UNREACHABLE. A port-25
 * timeout that is most likely the user's own network is left to {@link Port25Rule}.
 */
final class ConnectRule implements Rule {

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
                case ProbeOutcome.Refused x -> out.add(Finding.of(FindingCode.CONNECT_REFUSED,
                        m.severity(r, Severity.WARNING, Severity.INFO), Field.PORT,
                        args("host", host, "port", port, "address", x.address())));
                case ProbeOutcome.ConnectTimedOut x -> {
                    if (r.endpoint().port() != 25 || !m.port25BlockedLocally(host)) {
                        out.add(Finding.of(FindingCode.CONNECT_TIMEOUT,
                                m.severity(r, Severity.WARNING, Severity.INFO), Field.PORT,
                                args("host", host, "port", port, "address", x.address())));
                    }
                }
                case ProbeOutcome.Unreachable x -> out.add(Finding.of(FindingCode.NETWORK_UNREACHABLE,
                        m.severity(r, Severity.WARNING, Severity.INFO), Field.SERVER,
                        args("host", host, "port", port, "address", x.address())));
                default -> {
                }
            }
        }
        return out;
    }
}
