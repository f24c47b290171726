package dev.smtpdoctor.discovery;

import java.util.Optional;

/**
 * A server name worth probing, with where it came from. Whether it may receive the password is not
 * the candidate's to say: {@link CredentialPolicy} decides from its source and proposal.
 *
 * @param host          A-label form, lower case
 * @param source        how it was found
 * @param sameServerAs  for certificate names: the typed host whose address it shares
 * @param proposal      for discovered candidates: what the source proposes (port, security, username)
 *                      and through which channel it came; empty for typed, guessed and certificate names
 */
public record Candidate(String host, CandidateSource source, Optional<String> sameServerAs,
                        Optional<Proposal> proposal) {

    public Candidate(String host, CandidateSource source, Optional<String> sameServerAs) {
        this(host, source, sameServerAs, Optional.empty());
    }

    public static Candidate of(String host, CandidateSource source) {
        return new Candidate(host, source, Optional.empty(), Optional.empty());
    }

    /** A candidate found by discovery, with what its source proposes. */
    public static Candidate discovered(String host, CandidateSource source, Proposal proposal) {
        return new Candidate(host, source, Optional.empty(), Optional.of(proposal));
    }
}
