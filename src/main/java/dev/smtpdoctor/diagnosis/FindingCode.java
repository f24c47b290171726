package dev.smtpdoctor.diagnosis;

/**
 * Stable, language-neutral finding codes. JSON carries these; the text for each is
 * {@code finding.<CODE>} in the message bundles, with the finding's named arguments.
 * Never rename a code: add a new one.
 */
public enum FindingCode {
    // ---- input lint (M1) ----
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
    /** The server's replies break the letter of RFC 5321 in a way that was tolerated (bare LF, control characters...). */
    REPLY_DEVIATION
}
