package dev.smtpdoctor.discovery;

/**
 * A candidate found by discovery and what {@link CredentialPolicy} decided for it.
 *
 * @param credentials why it may or may not receive the password; {@code credentials.allowed()} says which
 */
public record Discovered(Candidate candidate, CredentialPolicy.Reason credentials) {
}
