package dev.smtpdoctor.discovery;

import java.util.Optional;

/**
 * A server name worth probing, with where it came from.
 *
 * @param host          A-label form, lower case
 * @param source        how it was found
 * @param sameServerAs  for certificate names: the typed host whose address it shares
 */
public record Candidate(String host, CandidateSource source, Optional<String> sameServerAs) {

    public static Candidate of(String host, CandidateSource source) {
        return new Candidate(host, source, Optional.empty());
    }

    /** The user named this server (or it is provably the same machine), so it may receive the password. */
    public boolean trustedForCredentials() {
        return source == CandidateSource.TYPED || source == CandidateSource.CERTIFICATE_NAME;
    }
}
