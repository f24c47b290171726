package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

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
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        if (o.settings().server().isEmpty() && !o.probes().isEmpty() && o.probes().stream()
                .allMatch(p -> p.result().outcome() instanceof ProbeOutcome.DnsFailed d
                        && RuleSupport.dnsCode(d) == FindingCode.DNS_NO_SUCH_HOST)) {
            return List.of(Finding.of(FindingCode.ADDRESS_DOMAIN_NOT_FOUND, Severity.ERROR, Field.ADDRESS,
                    args("domain", o.settings().domain(), "address", o.settings().address())));
        }
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            if (p.result().outcome() instanceof ProbeOutcome.DnsFailed d) {
                out.add(Finding.of(RuleSupport.dnsCode(d), Severity.ERROR, Field.SERVER,
                        args("host", d.host(), "reason", d.failure().word())));
            }
        }
        return out;
    }
}
