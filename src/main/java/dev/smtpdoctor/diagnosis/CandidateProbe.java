package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.probe.ProbeResult;

/** One cell of the matrix: which candidate it was and what the probe saw. */
public record CandidateProbe(Candidate candidate, ProbeResult result) {
}
