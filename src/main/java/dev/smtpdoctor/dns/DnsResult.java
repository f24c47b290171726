package dev.smtpdoctor.dns;

import dev.smtpdoctor.model.DnsFailure;
import java.util.List;
import java.util.Optional;

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

    /**
     * What this answer means for a name lookup: empty when records were found; otherwise the shared
     * {@link DnsFailure} (NXDOMAIN, NODATA, SERVFAIL and its kin, timeout).
     */
    default Optional<DnsFailure> failure() {
        return switch (this) {
            case Found<T> f -> f.records().isEmpty() ? Optional.of(DnsFailure.NO_ADDRESS) : Optional.empty();
            case NoSuchDomain<T> n -> Optional.of(DnsFailure.NO_SUCH_HOST);
            case NoData<T> n -> Optional.of(DnsFailure.NO_ADDRESS);
            case ServerFailure<T> f -> Optional.of(DnsFailure.LOOKUP_FAILED);
            case TimedOut<T> t -> Optional.of(DnsFailure.TIMED_OUT);
        };
    }

    default List<T> records() {
        return this instanceof Found<T> f ? f.records() : List.of();
    }
}
