package dev.smtpdoctor.discovery;

import dev.smtpdoctor.tls.CertificateSummary;
import java.net.InetAddress;
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
 * @param pin           for certificate names: the address that presented the certificate and that
 *                      certificate's fingerprint — the name is probed only there, and only that certificate counts
 */
public record Candidate(String host, CandidateSource source, Optional<String> sameServerAs,
                        Optional<Proposal> proposal, Optional<Pin> pin) {

    /**
     * Where a certificate name was found: the address that presented the certificate and its SHA-256
     * fingerprint (lower-case hex, as {@code CertificateSummary.sha256}).
     */
    public record Pin(InetAddress address, String sha256) {

        /** Whether {@code leaf} is the very certificate the name was found in. */
        public boolean sameCertificate(Optional<CertificateSummary> leaf) {
            return leaf.map(l -> l.sha256().equals(sha256)).orElse(false);
        }
    }

    public Candidate(String host, CandidateSource source, Optional<String> sameServerAs,
                     Optional<Proposal> proposal) {
        this(host, source, sameServerAs, proposal, Optional.empty());
    }

    public Candidate(String host, CandidateSource source, Optional<String> sameServerAs) {
        this(host, source, sameServerAs, Optional.empty());
    }

    /** A name from the certificate {@code pin} describes, presented by {@code presentedBy}'s server. */
    public static Candidate certificateName(String host, String presentedBy, Pin pin) {
        return new Candidate(host, CandidateSource.CERTIFICATE_NAME, Optional.of(presentedBy), Optional.empty(),
                Optional.of(pin));
    }

    public static Candidate of(String host, CandidateSource source) {
        return new Candidate(host, source, Optional.empty(), Optional.empty());
    }

    /** A candidate found by discovery, with what its source proposes. */
    public static Candidate discovered(String host, CandidateSource source, Proposal proposal) {
        return new Candidate(host, source, Optional.empty(), Optional.of(proposal));
    }
}
