package dev.smtpdoctor.sendingdomain;

import java.util.Optional;

/**
 * A domain's SPF record as found in DNS (RFC 7208 §4.4, §4.5), before any evaluation.
 *
 * @param record  the record's text (for MULTIPLE: the first one)
 * @param problem for INVALID: what is wrong
 * @param detail  for INVALID: the offending term; for DNS_FAILURE: the DNS answer's kind
 */
public record SpfRecordLookup(Status status, String domain, Optional<String> record, Optional<SpfProblem> problem,
                              Optional<String> detail) {

    public enum Status {
        /** Exactly one record, syntactically valid. */
        FOUND,
        /** No TXT record starting with {@code v=spf1} (or no such domain): check_host() gives none. */
        NONE,
        /** More than one SPF record: permerror. */
        MULTIPLE,
        /** One record with a syntax error: permerror. */
        INVALID,
        /** The TXT lookup failed (SERVFAIL, timeout): temperror. */
        DNS_FAILURE
    }

    static SpfRecordLookup of(Status status, String domain) {
        return new SpfRecordLookup(status, domain, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
