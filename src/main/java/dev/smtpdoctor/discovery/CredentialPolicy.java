package dev.smtpdoctor.discovery;

import dev.smtpdoctor.model.HostName;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may receive the password (RFC 6186 §6; docs/security.md). Discovery may propose any server,
 * but the password goes only to
 * <ul>
 *   <li>the server the user typed;</li>
 *   <li>a guessed host under the address's own domain ({@code mail.}, {@code smtp.}, the domain itself), over TLS
 *       only and only when its certificate verifies for that very name (the probe withholds it otherwise, and the
 *       matrix never lets a guess use the plaintext consent);</li>
 *   <li>a name from a trusted server's certificate (see {@link #mayFollowCertificateOf}), probed at the very
 *       address that presented that certificate and presenting the same certificate there, <em>only</em> when
 *       the provider knowledge base says that provider operates the name, or the user confirmed that very name
 *       ({@code --trust-certificate-name}, or yes to the question on a terminal). DNS is not authenticated: a
 *       forged answer or an on-path attacker with a valid certificate for a name of their own can make any
 *       name "resolve to the same address", so a shared address alone never lets the password out;</li>
 *   <li>a server named by a channel the domain's owner controls — DNS SRV, or an autoconfig file fetched
 *       over HTTPS with a verified certificate — whose target lies under the address's own domain;</li>
 *   <li>a server of the provider matched by MX in smtp-doctor's knowledge base, if the knowledge base says
 *       that provider operates exactly that host.</li>
 * </ul>
 * Everything else — SRV or autoconfig targets in another domain, anything from plain HTTP —
 * is probed without the password, and the report asks the user to confirm it with the provider.
 * This is the only place that decides; the matrix asks it for every candidate. Immutable, thread-safe.
 */
public final class CredentialPolicy {

    /** Why a candidate may or may not receive the password; JSON carries the name. */
    public enum Reason {
        /** Allowed: the user typed this server. */
        TYPED(true),
        /** Allowed: a certificate name on the same address, confirmed by the user for this very name. */
        USER_CONFIRMED(true),
        /** Refused: a certificate name on the same address, but nothing but DNS says it is the provider's. */
        CERTIFICATE_NAME_UNCONFIRMED(false),
        /** Allowed: SRV or verified-HTTPS autoconfig, target under the address's domain. */
        OWN_DOMAIN(true),
        /**
         * Allowed, over TLS only: a guessed host under the address's own domain ({@code mail.}, {@code smtp.}, the
         * domain itself). The probe sends the password only when the certificate verifies for that very name, the
         * same trust the domain's own SRV record gets; never in plaintext, even with {@code --allow-plaintext-auth}.
         */
        OWN_DOMAIN_VERIFIED(true),
        /** Allowed: a host the knowledge base says the MX-matched provider operates. */
        PROVIDER_KNOWLEDGE(true),
        /** Refused: guessed, but the address's domain is unknown to the policy (no channel vouches for it). */
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
    private final Set<String> confirmedNames;

    private CredentialPolicy(Optional<String> domain, ProviderKnowledge knowledge, Set<String> confirmedNames) {
        this.domain = domain.map(HostName::normalise);
        this.knowledge = knowledge;
        this.confirmedNames = confirmedNames.stream().map(HostName::normalise)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Only the typed server: no domain known, so no guess and no discovered target is trusted. */
    public static CredentialPolicy basic() {
        return new CredentialPolicy(Optional.empty(), null, Set.of());
    }

    /** The full policy for an address in {@code domain} (A-label form). */
    public static CredentialPolicy forDomain(String domain, ProviderKnowledge knowledge) {
        return new CredentialPolicy(Optional.of(domain), knowledge, Set.of());
    }

    /** This policy, with the knowledge base consulted for certificate names when it had none. */
    public CredentialPolicy withKnowledge(ProviderKnowledge k) {
        return knowledge != null ? this : new CredentialPolicy(domain, k, confirmedNames);
    }

    /**
     * This policy, with certificate names the user confirmed as their provider's server ({@code
     * --trust-certificate-name HOST}, or yes to the question naming that host). Such a name may receive the
     * password, still only at the address that presented the certificate and only if it presents it again.
     */
    public CredentialPolicy withConfirmedNames(Set<String> names) {
        return new CredentialPolicy(domain, knowledge, names);
    }

    /**
     * Whether the names in a certificate this candidate's server presented may be followed at all: only a
     * server the policy already trusts with the password (typed, or vouched for by the user's own domain or the
     * knowledge base) — never a guess, an outside SRV target or another certificate name. The matrix also
     * requires the certificate's chain to verify.
     */
    public boolean mayFollowCertificateOf(Candidate c) {
        return c.source() != CandidateSource.CERTIFICATE_NAME && allows(c);
    }

    public boolean allows(Candidate c) {
        return decide(c).allowed();
    }

    /**
     * Whether the password may go to {@code c} in plaintext when the user consented ({@code --allow-plaintext-auth}):
     * never for a guess, which is trusted only through a certificate verified for its very name.
     */
    public boolean mayUsePlaintextConsent(Candidate c) {
        return decide(c) != Reason.OWN_DOMAIN_VERIFIED;
    }

    public Reason decide(Candidate c) {
        return switch (c.source()) {
            case TYPED -> Reason.TYPED;
            case CERTIFICATE_NAME -> certificateName(c);
            case GUESS_SMTP, GUESS_MAIL, GUESS_DOMAIN -> underOwnDomain(c.host()) ? Reason.OWN_DOMAIN_VERIFIED
                    : Reason.GUESSED;
            case SRV_SUBMISSIONS, SRV_SUBMISSION, AUTOCONFIG -> ownerChannel(c);
            case PROVIDER_MX -> knowledge(c);
        };
    }

    private Reason certificateName(Candidate c) {
        if (c.sameServerAs().isEmpty() || c.pin().isEmpty()) {
            return Reason.NOT_VOUCHED_FOR;
        }
        if (knowledge != null && knowledge.providers().stream().anyMatch(p -> p.operates(c.host()))) {
            return Reason.PROVIDER_KNOWLEDGE;
        }
        return confirmedNames.contains(HostName.normalise(c.host())) ? Reason.USER_CONFIRMED
                : Reason.CERTIFICATE_NAME_UNCONFIRMED;
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
        String h = HostName.normalise(host);
        String d = domain.get();
        return h.equals(d) || h.endsWith("." + d);
    }
}
