package dev.smtpdoctor.sendingdomain;

import java.util.Locale;

/** The results of SPF's check_host() (RFC 7208 §2.6), named as the RFC names them. */
public enum SpfVerdict {
    /** No SPF record, or no valid domain to check (§2.6.1). */
    NONE,
    /** The domain states nothing about the address: no mechanism matched, or {@code ?} matched (§2.6.2). */
    NEUTRAL,
    /** The address is authorised (§2.6.3). */
    PASS,
    /** The address is explicitly not authorised ({@code -}, §2.6.4). */
    FAIL,
    /** Probably not authorised ({@code ~}, §2.6.5). */
    SOFTFAIL,
    /** A transient DNS error (§2.6.6). */
    TEMPERROR,
    /** The record cannot be interpreted: syntax, too many lookups... (§2.6.7). */
    PERMERROR;

    /** The RFC's lower-case word, also used in finding arguments and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
