package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.discovery.DiscoveryResult;
import java.time.Instant;
import java.util.List;

/**
 * Everything the rules read: the settings as corrected, what input lint found, and every probe of the
 * matrix. Immutable; built by the check orchestration, consumed by pure rules.
 *
 * @param settings    the settings used for probing (after lint corrections)
 * @param lint        findings of the input lint
 * @param probes      all probes run, in a stable order (candidate order, then port/mode rank)
 * @param allowPlaintextAuth the user consented to sending credentials without TLS
 * @param now         when the observations were made (for certificate expiry)
 * @param discovery   what discovery found (candidates, notes, recognised providers); none when skipped
 */
public record Observations(SendAsSettings settings, List<Finding> lint,
                           List<CandidateProbe> probes, boolean allowPlaintextAuth, Instant now,
                           DiscoveryResult discovery) {

    public Observations {
        lint = List.copyOf(lint);
        probes = List.copyOf(probes);
    }
}
