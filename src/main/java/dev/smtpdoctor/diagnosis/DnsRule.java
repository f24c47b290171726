package dev.smtpdoctor.diagnosis;

import static dev.smtpdoctor.diagnosis.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import java.util.ArrayList;
import java.util.List;

/** DNS_NO_SUCH_HOST / DNS_LOOKUP_FAILED: the server name does not resolve. */
final class DnsRule implements Rule {

    @Override
    public List<Finding> apply(Observations o) {
        Matrix m = Matrix.of(o);
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            if (p.result().outcome() instanceof ProbeOutcome.DnsFailed d) {
                out.add(Finding.of(Rules.dnsCode(d), Severity.ERROR, Field.SERVER,
                        args("host", d.host(), "reason", d.reason())));
            }
        }
        return out;
    }
}
