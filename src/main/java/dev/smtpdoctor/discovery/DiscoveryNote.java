package dev.smtpdoctor.discovery;

/**
 * Something discovery saw that is worth telling but is not a candidate. Language-neutral observations;
 * the diagnosis turns them into findings. Immutable.
 */
public sealed interface DiscoveryNote {

    /** An SRV record with target "." (RFC 2782, RFC 6186 §3.4): the domain says it does not offer this service. */
    record ServiceNotOffered(CandidateSource source, String name) implements DiscoveryNote {
    }

    /**
     * An SRV record whose target is an IP address, not a domain name (RFC 2782): refused, never dialled.
     * A name cannot vouch for an address it never resolved to, and a literal would skip every name check.
     */
    record SrvTargetRefused(CandidateSource source, String name, String target) implements DiscoveryNote {
    }

    /** The DNS question could not be answered (server failure or time-out): discovery is incomplete. */
    record LookupFailed(String name, String type, String result) implements DiscoveryNote {
    }

    /** An autoconfig file exists (or a server answered) but could not be used. */
    record AutoconfigUnusable(String url, Problem problem) implements DiscoveryNote {
    }

    /** The autoconfig file was found only over plain HTTP: its servers never receive the password. */
    record AutoconfigOverHttp(String url) implements DiscoveryNote {
    }

    /** The domain's MX (or its reverse name) belongs to a provider in the knowledge base. */
    record ProviderRecognised(KnownProvider.Match match, String mx) implements DiscoveryNote {
    }

    /** Why an autoconfig file was not used. */
    enum Problem {
        TOO_LARGE, TIMED_OUT, TLS_FAILED, NOT_HTTP, DOCTYPE_REFUSED, NOT_AUTOCONFIG, NO_SMTP_SERVER
    }
}
