package dev.smtpdoctor.sendingdomain;

import java.util.Optional;

/**
 * Where DMARC policy discovery (RFC 7489 §6.6.3) ended for a domain.
 *
 * @param queried          the last name asked, {@code _dmarc.<domain>} or {@code _dmarc.<organisational domain>}
 * @param organisational   whether the record came from (or was last looked for at) the organisational domain
 * @param record           the record, for FOUND and INVALID
 * @param effectivePolicy  what applies to the domain: {@code sp} (else {@code p}) when the record is the
 *                         organisational domain's, {@code p} otherwise; empty unless FOUND
 * @param dnsKind          for DNS_FAILURE: the DNS answer's kind (servfail, timeout...)
 */
public record DmarcResult(Status status, String domain, String queried, boolean organisational,
                          Optional<DmarcRecord> record, Optional<DmarcRecord.Policy> effectivePolicy,
                          Optional<String> dnsKind) {

    public enum Status {
        FOUND,
        /** No DMARC record at the domain nor at its organisational domain. */
        NONE,
        /** More than one DMARC record: receivers apply no DMARC (§6.6.3 step 5). */
        MULTIPLE,
        /** A record without a usable {@code p=}: ignored by receivers (§6.6.3 step 6). */
        INVALID,
        DNS_FAILURE
    }
}
