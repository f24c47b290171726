package dev.smtpdoctor.report;

import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.diagnosis.Diagnoser;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.Observations;
import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.DiscoveryResult;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.probe.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Gmail's dialog would say about the one endpoint {@code probe} tried — judged by the very diagnosis
 * {@code check} runs (the probe as the typed server), so that {@code probe} and {@code check} agree. Pure.
 *
 * @param verdict Gmail's verdict for this host, port and security; empty for a port Gmail's dialog does not offer
 * @param cause   the finding behind a failing verdict (for a certificate: which names it covers), when there is one
 */
public record ProbeGmail(Optional<GmailVerdict> verdict, Optional<Finding> cause) {

    public static ProbeGmail of(ProbeResult r) {
        String address = r.sender().address().orElse("");
        SendAsSettings settings = new SendAsSettings(address, Optional.of(r.endpoint().host()),
                OptionalInt.of(r.endpoint().port()), Optional.of(r.endpoint().security()), Optional.empty(),
                r.auth().attempted());
        CandidateProbe p = new CandidateProbe(Candidate.of(r.endpoint().host(), CandidateSource.TYPED), r, true, true);
        Assessment a = Diagnoser.assess(new Observations(settings, List.of(), List.of(p), false, Instant.now(),
                DiscoveryResult.none()));
        Optional<GmailVerdict> v = a.gmail().stream().filter(x -> !x.inferred() && x.port() == r.endpoint().port()
                && x.security() == r.endpoint().security() && x.host().equals(r.endpoint().host())).findFirst()
                // A port Gmail's dialog does not list: its certificate is still judged the same way.
                .or(() -> Diagnoser.gmailCertificateVerdict(r));
        Optional<Finding> cause = v.flatMap(GmailVerdict::cause)
                .flatMap(c -> a.findings().stream().filter(f -> f.code() == c).findFirst());
        return new ProbeGmail(v, cause);
    }

}
