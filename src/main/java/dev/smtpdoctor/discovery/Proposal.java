package dev.smtpdoctor.discovery;

import dev.smtpdoctor.model.Security;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a discovery source says about a server besides its name, and how that word reached us. The
 * channel matters for the password (RFC 6186 §6): {@link CredentialPolicy} reads it.
 *
 * @param port     the port the source names, if any
 * @param security the security it names (SRV _submissions: implicit TLS; autoconfig socketType)
 * @param username the username it proposes, placeholders already filled in (autoconfig
 *                 {@code %EMAILADDRESS%}), or a form such as an account-id example (knowledge base)
 * @param channel  how the proposal arrived
 * @param origin   where exactly: the SRV name, the autoconfig URL, or "MX host → provider id"
 * @param provider the knowledge-base id of the provider, for {@link Channel#KNOWLEDGE_BASE}
 */
public record Proposal(OptionalInt port, Optional<Security> security, Optional<String> username, Channel channel,
                       String origin, Optional<String> provider) {

    /** How a proposal reached smtp-doctor. */
    public enum Channel {
        /** A DNS answer (SRV); not authenticated — no DNSSEC validation is done. */
        DNS,
        /** An autoconfig file fetched over HTTPS whose certificate chain and name were verified. */
        HTTPS,
        /** An autoconfig file fetched over plain HTTP: anyone on the path could have written it. */
        HTTP,
        /** smtp-doctor's own provider knowledge base, selected by the domain's MX. */
        KNOWLEDGE_BASE
    }
}
