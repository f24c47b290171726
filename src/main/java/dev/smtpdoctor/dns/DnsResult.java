package dev.smtpdoctor.dns;

import java.util.List;

/**
 * The answer to one DNS question, with the failure kinds told apart as the protocol names them
 * (RFC 1035 / RFC 2308): a name that does not exist is not a name without records of this type, and
 * neither is a server failure or no answer at all. Immutable.
 *
 * @param <T> the record type (e.g. {@link MxRecord}, {@link SrvRecord}, String for TXT)
 */
public sealed interface DnsResult<T> {

    /**
     * Records found; {@code cnameChain} lists the aliases followed, in order (empty when none): each
     * CNAME's target, so the last entry is the canonical name that holds the records.
     */
    record Found<T>(List<T> records, List<String> cnameChain) implements DnsResult<T> {
        public Found {
            records = List.copyOf(records);
            cnameChain = List.copyOf(cnameChain);
        }
    }

    /** NXDOMAIN: the name does not exist. */
    record NoSuchDomain<T>(String name) implements DnsResult<T> {
    }

    /** NOERROR with no records of this type (NODATA). */
    record NoData<T>(String name) implements DnsResult<T> {
    }

    /**
     * SERVFAIL, REFUSED or another error code from the server; {@code rcode} is its mnemonic. Also
     * {@code REFERRAL} (a server that is not recursive sent us elsewhere) and {@code CNAME_LOOP}.
     */
    record ServerFailure<T>(String name, String rcode) implements DnsResult<T> {
    }

    /** No answer within the time limit (or no DNS server could be reached at all). */
    record TimedOut<T>(String name) implements DnsResult<T> {
    }

    default List<T> records() {
        return this instanceof Found<T> f ? f.records() : List.of();
    }
}
