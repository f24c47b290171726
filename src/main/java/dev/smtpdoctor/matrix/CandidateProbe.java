package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.probe.ProbeResult;

/**
 * One cell of the matrix: which candidate it was, what the probe saw, and whether the credential policy
 * let this candidate receive the password (so the rules know where a login result means something).
 *
 * @param sameCertificate for a certificate name pinned to the address that presented the certificate: the
 *                        server there showed that very certificate again. False means another machine or
 *                        another certificate answered: the name is not shown to be the same server and is
 *                        never recommended. Always true for other candidates.
 */
public record CandidateProbe(Candidate candidate, ProbeResult result, boolean credentialsAllowed,
                             boolean sameCertificate) {
}
