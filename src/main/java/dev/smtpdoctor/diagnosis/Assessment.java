package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import java.util.List;

/**
 * The diagnosis of one set of observations: what was found, what Gmail would say for each of its choices,
 * and what to type. Immutable and language-neutral.
 *
 * @param findings       every finding, input lint included, errors first, without duplicates
 * @param gmail          one verdict per Gmail choice ({@link GmailVerdict#CHOICES} order) for the typed server
 *                       (or the best candidate); empty when there was nothing to probe
 * @param recommendation what to type into Gmail
 */
public record Assessment(List<Finding> findings, List<GmailVerdict> gmail, Recommendation recommendation) {

    public Assessment {
        findings = List.copyOf(findings);
        gmail = List.copyOf(gmail);
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }
}
