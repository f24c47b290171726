package dev.smtpdoctor.model;

/**
 * Stable, language-neutral finding codes. JSON carries these; the text for each is
 * {@code finding.<CODE>} in the message bundles, with the finding's named arguments.
 * Never rename a code: add a new one.
 */
public enum FindingCode {
    // ---- input lint ----
    INPUT_SURROUNDING_WHITESPACE,
    INPUT_INVISIBLE_CHARACTER,
    INPUT_FULL_WIDTH,
    INPUT_SCHEME_IN_HOST,
    INPUT_PORT_IN_HOST,
    INPUT_PATH_IN_HOST,
    INPUT_INCOMING_SERVER,
    INPUT_USERNAME_NOT_ADDRESS,
    INPUT_IDN,
    INPUT_INVALID_HOST,
    INPUT_INVALID_ADDRESS,
    INPUT_PORT_UNUSUAL,
    INPUT_PASSWORD_WHITESPACE,
    INPUT_PASSWORD_FULL_WIDTH,
    INPUT_PASSWORD_INVISIBLE_CHARACTER,
    INPUT_INNER_WHITESPACE,
    INPUT_ADDRESS_IN_HOST,
    INPUT_TRAILING_DOT,
    INPUT_HOST_NOT_PUBLIC,
    INPUT_PORT_CONFLICT,
    INPUT_INVALID_PORT,
    INPUT_INVALID_SECURITY,
    INPUT_ADDRESS_MISSING,
    INPUT_ADDRESS_EXTRA_TEXT,
    /** "Unsecured connection" with a port other than 25: accepted and tried, but Gmail documents it for port 25. */
    INPUT_UNSECURED_NOT_PORT_25,

    // ---- reachability ----
    DNS_NO_SUCH_HOST,
    /** The lookup timed out or failed for another reason than "no such name". */
    DNS_LOOKUP_FAILED,
    CONNECT_REFUSED,
    CONNECT_TIMEOUT,
    /** The network reported no route to the server (ICMP unreachable or prohibited). */
    NETWORK_UNREACHABLE,
    GREETING_DELAYED,
    GREETING_REJECTED,

    // ---- TLS ----
    STARTTLS_NOT_OFFERED,
    /** STARTTLS was announced but refused (454 TLS not available, 5xx). */
    STARTTLS_REJECTED,
    SECURITY_MODE_MISMATCH,
    TLS_NAME_MISMATCH,
    TLS_UNTRUSTED_CHAIN,
    TLS_EXPIRED,
    TLS_EXPIRES_SOON,
    TLS_PROTOCOL_OBSOLETE,
    TLS_HANDSHAKE_FAILED,
    CERTIFICATE_NAME_ON_SAME_SERVER,

    // ---- AUTH and sender ----
    AUTH_NOT_OFFERED,
    AUTH_REQUIRES_TLS,
    AUTH_FAILED,
    AUTH_MECHANISM_UNSUPPORTED,
    AUTH_PLAINTEXT_OFFERED,
    SENDER_NOT_OWNED,

    // ---- vantage and provider ----
    PORT25_MAY_BE_BLOCKED_LOCALLY,
    PROVIDER_FOREIGN_IP_FILTER,
    /** Microsoft 365: password SMTP AUTH is turned off by default from the end of December 2026; send-as has no OAuth. */
    PROVIDER_PASSWORD_AUTH_ENDING,

    // ---- server behaviour ----
    PROTOCOL_VIOLATION,
    SERVER_TIMEOUT,
    /** The server closed the connection in the middle of the conversation. */
    CONNECTION_CLOSED,
    /** The server refused a command that every session needs (EHLO and HELO, or a 421 "closing"). */
    COMMAND_REJECTED,
    /** A bug of smtp-doctor ended a probe (an unexpected exception): not the server's fault, nor Gmail's verdict. */
    INTERNAL_ERROR,

    // ---- discovery ----
    /** An SRV record with target "." (RFC 6186 §3.4): the domain says it does not offer this service. */
    DISCOVERY_SRV_NOT_OFFERED,
    /** An SRV record's target is an IP address, not a name (RFC 2782): refused, not probed. */
    DISCOVERY_SRV_TARGET_REFUSED,
    /** A discovery DNS question failed (SERVFAIL, time-out): some candidates may be missing. */
    DISCOVERY_LOOKUP_FAILED,
    /** The domain's autoconfig file exists but could not be used (too large, too slow, DOCTYPE, not autoconfig). */
    DISCOVERY_AUTOCONFIG_UNUSABLE,
    /** The autoconfig file was found only over plain HTTP: its servers were probed without the password. */
    DISCOVERY_AUTOCONFIG_HTTP_ONLY,
    /** A discovered server outside the address's domain or from an untrusted channel: probed without the password. */
    DISCOVERY_UNTRUSTED_SERVER,
    /** The domain's MX belongs to a provider in the knowledge base: its submission server and username form. */
    PROVIDER_RECOGNISED,
    /** The provider requires an app password (Google, Zoho with 2FA, Fastmail, iCloud). */
    PROVIDER_APP_PASSWORD,
    /** The provider's SMTP username is an account id (KAGOYA: {@code kir000000.info}), not the address. */
    PROVIDER_USERNAME_ACCOUNT_ID,
    /** The provider's certificate names its own server, not {@code mail.<customer domain>}. */
    PROVIDER_CERTIFICATE_NAMES_SERVER,
    /** SMTP AUTH is off by default for the mailbox (Microsoft 365) and must be enabled. */
    PROVIDER_SMTP_AUTH_DISABLED,

    // ---- sending domain (dev.smtpdoctor.sendingdomain) ----
    /** The address's domain publishes no SPF record. */
    SPF_MISSING,
    /** SPF gives fail, softfail or neutral for the server's address (an approximation of the provider's relay). */
    SPF_DOES_NOT_AUTHORISE_SERVER,
    /** SPF needs more than 10 DNS lookups: permerror (RFC 7208 §4.6.4). */
    SPF_TOO_MANY_LOOKUPS,
    /** The SPF record cannot be interpreted (syntax, several records, void lookups...): permerror. */
    SPF_PERMERROR,
    /** SPF gives pass for the server's address. */
    SPF_AUTHORISES_SERVER,
    /** No DMARC record at the domain nor at its organisational domain. */
    DMARC_MISSING,
    /** DMARC with p=none: reports only, no protection against spoofing. */
    DMARC_POLICY_NONE,
    /** Several DMARC records, or one without a usable p=: receivers ignore it. */
    DMARC_INVALID,
    /** DMARC quarantine/reject while neither SPF nor DKIM could be confirmed: mail sent this way may be rejected. */
    DMARC_ENFORCED_WITHOUT_AUTH,
    /** No DKIM key under the selectors tried: "not confirmed", never "missing". */
    DKIM_NOT_CONFIRMED,
    /** A DKIM key was found under a selector. */
    DKIM_CONFIRMED,
    /** The domain has no MX and no address (or does not exist): Gmail's confirmation mail cannot arrive. */
    MX_MISSING,
    /** Null MX (RFC 7505): the domain accepts no mail. */
    MX_NULL,
    /** MX records whose hosts have no address. */
    MX_HOSTS_UNRESOLVABLE,
    /** No MX record; mail goes to the domain's own address (RFC 5321 §5.1). */
    MX_IMPLICIT,
    /** The server's address has no reverse DNS (PTR). */
    PTR_MISSING,
    /** The server's PTR names do not resolve back to its address. */
    PTR_NOT_FORWARD_CONFIRMED,
    /** A sending-domain lookup failed (SERVFAIL, timeout): that check could not be made. */
    DOMAIN_DNS_FAILED,

    // ---- server behaviour (continued) ----
    /** The server's replies break the letter of RFC 5321 in a way that was tolerated (bare LF, control characters...). */
    REPLY_DEVIATION,

    // ---- input, seen only after probing ----
    /** No server was typed and no name derived from the address's domain exists: the address is likely mistyped. */
    ADDRESS_DOMAIN_NOT_FOUND
}
