package dev.smtpdoctor.probe;

/** The steps of one probe, in the order they can happen. */
public enum Step {
    RESOLVE,
    CONNECT,
    /** Implicit TLS (ssl) handshake, before the greeting. */
    TLS_HANDSHAKE,
    GREETING,
    EHLO,
    /** Only when the server refused EHLO. */
    HELO,
    STARTTLS,
    /** Handshake after STARTTLS. */
    STARTTLS_HANDSHAKE,
    /** EHLO again inside TLS (RFC 3207 §4.2: what was learnt before is discarded). */
    EHLO_TLS,
    AUTH,
    MAIL_FROM,
    /** RCPT TO the address itself: servers that delay rejections refuse a foreign sender here. */
    RCPT_TO,
    RSET,
    QUIT
}
