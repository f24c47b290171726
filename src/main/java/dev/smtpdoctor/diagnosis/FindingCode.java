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

    // ---- reachability ----
    DNS_NO_SUCH_HOST,
    CONNECT_REFUSED,
    CONNECT_TIMEOUT,
    GREETING_DELAYED,
    GREETING_REJECTED,

    // ---- TLS ----
    STARTTLS_NOT_OFFERED,
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

    // ---- server behaviour ----
    PROTOCOL_VIOLATION,
    SERVER_TIMEOUT
}
