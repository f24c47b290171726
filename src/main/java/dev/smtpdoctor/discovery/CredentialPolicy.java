package dev.smtpdoctor.discovery;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may receive the password (RFC 6186 §6; PRODUCT.md §5 "Safe"). Discovery may propose any server,
 * but the password goes only to
 * <ul>
 *   <li>the server the user typed;</li>
 *   <li>a name from a server's certificate that resolves to the same address as the typed server
 *       (the matrix checks the address before it adds such a candidate);</li>
 *   <li>a server named by a channel the domain's owner controls — DNS SRV, or an autoconfig file fetched
 *       over HTTPS with a verified certificate — whose target lies under the address's own domain;</li>
 *   <li>a server of the provider matched by MX in smtp-doctor's knowledge base, if the knowledge base says
 *       that provider operates exactly that host.</li>
 * </ul>
 * Everything else — guesses, SRV or autoconfig targets in another domain, anything from plain HTTP —
 * is probed without the password, and the report asks the user to confirm it with the provider.
 * This is the only place that decides; the matrix asks it for every candidate. Immutable, thread-safe.
 */
public final class CredentialPolicy {

    /** Why a candidate may or may not receive the password; JSON carries the name. */
    public enum Reason {
        /** Allowed: the user typed this server. */
        TYPED(true),
        /** Allowed: a certificate name on the same address as the typed server. */
        SAME_SERVER(true),
        /** Allowed: SRV or verified-HTTPS autoconfig, target under the address's domain. */
        OWN_DOMAIN(true),
        /** Allowed: a host the knowledge base says the MX-matched provider operates. */
        PROVIDER_KNOWLEDGE(true),
        /** Refused: guessed from the address, no channel vouches for it. */
        GUESSED(false),
        /** Refused: the SRV or autoconfig target lies outside the address's domain. */
        OTHER_DOMAIN(false),
        /** Refused: the autoconfig file came over plain HTTP. */
        UNVERIFIED_CHANNEL(false),
        /** Refused: the provider's knowledge does not cover this host, or a certificate name not tied to a server. */
        NOT_VOUCHED_FOR(false);

        private final boolean allowed;

        Reason(boolean allowed) {
            this.allowed = allowed;
        }

        public boolean allowed() {
            return allowed;
        }
    }

    private final Optional<String> domain;
    private final ProviderKnowledge knowledge;

    private CredentialPolicy(Optional<String> domain, ProviderKnowledge knowledge) {
        this.domain = domain.map(CredentialPolicy::normalize);
        this.knowledge = knowledge;
    }

    /** Only the typed server and names on its address: what applies when nothing was discovered. */
    public static CredentialPolicy basic() {
        return new CredentialPolicy(Optional.empty(), null);
    }

    /** The full policy for an address in {@code domain} (A-label form). */
    public static CredentialPolicy forDomain(String domain, ProviderKnowledge knowledge) {
        return new CredentialPolicy(Optional.of(domain), knowledge);
    }

    public boolean allows(Candidate c) {
        return decide(c).allowed();
    }

    public Reason decide(Candidate c) {
        return switch (c.source()) {
            case TYPED -> Reason.TYPED;
            case CERTIFICATE_NAME -> c.sameServerAs().isPresent() ? Reason.SAME_SERVER : Reason.NOT_VOUCHED_FOR;
            case GUESS_SMTP, GUESS_MAIL, GUESS_DOMAIN -> Reason.GUESSED;
            case SRV_SUBMISSIONS, SRV_SUBMISSION, AUTOCONFIG -> ownerChannel(c);
            case PROVIDER_MX -> knowledge(c);
        };
    }

    private Reason ownerChannel(Candidate c) {
        Optional<Proposal> p = c.proposal();
        if (p.isEmpty()) {
            return Reason.NOT_VOUCHED_FOR;
        }
        Proposal.Channel ch = p.get().channel();
        boolean expected = c.source() == CandidateSource.AUTOCONFIG ? ch == Proposal.Channel.HTTPS
                : ch == Proposal.Channel.DNS;
        if (!expected) {
            return Reason.UNVERIFIED_CHANNEL;
        }
        return underOwnDomain(c.host()) ? Reason.OWN_DOMAIN : Reason.OTHER_DOMAIN;
    }

    private Reason knowledge(Candidate c) {
        Optional<Proposal> p = c.proposal();
        if (knowledge == null || p.isEmpty() || p.get().channel() != Proposal.Channel.KNOWLEDGE_BASE
                || p.get().provider().isEmpty()) {
            return Reason.NOT_VOUCHED_FOR;
        }
        return knowledge.byId(p.get().provider().get()).filter(k -> k.operates(c.host()))
                .map(k -> Reason.PROVIDER_KNOWLEDGE).orElse(Reason.NOT_VOUCHED_FOR);
    }

    /** The host is the address's domain or a name below it (label-wise: "evil-example.jp" is not under "example.jp"). */
    boolean underOwnDomain(String host) {
        if (domain.isEmpty()) {
            return false;
        }
        String h = normalize(host);
        String d = domain.get();
        return h.equals(d) || h.endsWith("." + d);
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
