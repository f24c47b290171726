package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.probe.ProbeResult;

/**
 * One cell of the matrix: which candidate it was, what the probe saw, and whether the credential policy
 * let this candidate receive the password (so the rules know where a login result means something).
 */
public record CandidateProbe(Candidate candidate, ProbeResult result, boolean credentialsAllowed) {

    /** With the {@link CredentialPolicy#basic() basic} policy: typed servers and same-server names only. */
    public CandidateProbe(Candidate candidate, ProbeResult result) {
        this(candidate, result, CredentialPolicy.basic().allows(candidate));
    }
}
