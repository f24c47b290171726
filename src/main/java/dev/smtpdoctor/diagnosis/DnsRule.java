package dev.smtpdoctor.diagnosis;

import static dev.smtpdoctor.diagnosis.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS_NO_SUCH_HOST / DNS_LOOKUP_FAILED: the server name does not resolve. When the user typed no server
 * and none of the names guessed from the address exists, the address itself is the likely typo:
 * ADDRESS_DOMAIN_NOT_FOUND, about the field the user did type, instead of blaming names they never saw.
 */
final class DnsRule implements Rule {

    @Override
    public List<Finding> apply(Observations o) {
        if (o.settings().server().isEmpty() && !o.probes().isEmpty() && o.probes().stream()
                .allMatch(p -> p.result().outcome() instanceof ProbeOutcome.DnsFailed d
                        && Rules.dnsCode(d) == FindingCode.DNS_NO_SUCH_HOST)) {
            return List.of(Finding.of(FindingCode.ADDRESS_DOMAIN_NOT_FOUND, Severity.ERROR, Field.ADDRESS,
                    args("domain", o.settings().domain(), "address", o.settings().address())));
        }
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
