package dev.smtpdoctor.sendingdomain;

import java.util.Locale;

/** Why check_host() ended in permerror or temperror (RFC 7208 section in brackets). */
public enum SpfProblem {
    /** More than one record starting with {@code v=spf1} (§4.5). */
    MULTIPLE_RECORDS,
    /** A term that is not valid SPF syntax (§4.6, §12). */
    SYNTAX,
    /** A mechanism name SPF does not define, such as {@code ipv4:} (§4.6). */
    UNKNOWN_MECHANISM,
    /** {@code redirect=} or {@code exp=} given twice (§6). */
    DUPLICATE_MODIFIER,
    /** A macro that is not well formed, or one only allowed in explanations (§7). */
    INVALID_MACRO,
    /** More than 10 mechanisms and modifiers that need DNS lookups (§4.6.4). */
    TOO_MANY_LOOKUPS,
    /** More than 2 lookups that found nothing (§4.6.4). */
    TOO_MANY_VOID_LOOKUPS,
    /** An {@code mx} whose domain has more than 10 MX records (§4.6.4). */
    TOO_MANY_MX,
    /** {@code include:} of a domain without an SPF record (§5.2). */
    INCLUDE_WITHOUT_RECORD,
    /** {@code redirect=} to a domain without an SPF record (§6.1). */
    REDIRECT_WITHOUT_RECORD,
    /** A DNS server failure or timeout (temperror, §2.6.6). */
    DNS_FAILURE;

    /** Lower case and hyphenated: finding arguments, message keys and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
