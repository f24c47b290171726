package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CERTIFICATE_NAME_ON_SAME_SERVER: a name from the server's own certificate, resolving to the same address,
 * passes Gmail's check — the usual fix for shared hosting, whose certificate names the provider's server
 * ({@code sv1234.xserver.jp}), not {@code mail.<customer domain>}. Reported only when the typed server
 * itself does not work securely.
 */
final class CertificateNameRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        if (m.subjectProbes().stream().anyMatch(p -> Usability.secureWorks(o, p))) {
            return List.of();
        }
        Map<String, ProbeResult> best = new LinkedHashMap<>();
        for (CandidateProbe p : o.probes()) {
            if (p.candidate().source() == CandidateSource.CERTIFICATE_NAME && Usability.secureWorks(o, p)) {
                best.merge(HostName.normalise(p.result().endpoint().host()), p.result(),
                        (a, b) -> Recommender.modeRank(b) < Recommender.modeRank(a) ? b : a);
            }
        }
        return best.values().stream().map(r -> {
            String typed = o.probes().stream().filter(p -> p.result() == r).findFirst()
                    .flatMap(p -> p.candidate().sameServerAs()).or(m::subject).orElse("-");
            return Finding.of(FindingCode.CERTIFICATE_NAME_ON_SAME_SERVER, Severity.INFO, Field.SERVER,
                    args("host", r.endpoint().host(), "typed", typed, "port", String.valueOf(r.endpoint().port()),
                            "security", r.endpoint().security().id()));
        }).toList();
    }
}
