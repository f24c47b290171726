package dev.smtpdoctor.discovery;

import java.util.List;

/**
 * What discovery found for one address: candidates in preference order (SRV submissions, SRV
 * submission, autoconfig, provider), notes for the report, and the credential policy that was applied
 * (the matrix must use the same one). Immutable.
 */
public record DiscoveryResult(List<Discovered> discovered, List<DiscoveryNote> notes, CredentialPolicy policy) {

    public DiscoveryResult {
        discovered = List.copyOf(discovered);
        notes = List.copyOf(notes);
    }

    /** Nothing was looked up: no candidates, the basic policy (typed server and same-server names only). */
    public static DiscoveryResult none() {
        return new DiscoveryResult(List.of(), List.of(), CredentialPolicy.basic());
    }

    /**
     * Nothing was looked up for an address in {@code domain} (A-label form): no candidates, but the policy still
     * knows the domain, so guesses under it are treated as the domain's own SRV targets would be.
     */
    public static DiscoveryResult none(String domain, ProviderKnowledge knowledge) {
        return new DiscoveryResult(List.of(), List.of(), CredentialPolicy.forDomain(domain, knowledge));
    }

    public List<Candidate> candidates() {
        return discovered.stream().map(Discovered::candidate).toList();
    }

    /** Whether the knowledge base recognised this provider id from the MX. */
    public boolean recognised(String providerId) {
        return notes.stream().anyMatch(n -> n instanceof DiscoveryNote.ProviderRecognised p
                && p.match().provider().id().equals(providerId));
    }
}
