package dev.smtpdoctor.sendingdomain;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Whether mail to the domain can be delivered at all (RFC 5321 §5.1): Gmail's confirmation mail for
 * "Send mail as" goes to the address being added, so a domain that cannot receive mail can never be
 * confirmed.
 *
 * @param hosts   the MX hosts by preference with their addresses (for IMPLICIT: the domain itself)
 * @param dnsKind for MISSING and DNS_FAILURE: the DNS answer's kind (nxdomain, nodata, servfail, timeout)
 * @param notExamined MX records left out beyond {@link MxCheck#MAX_HOSTS}: neither resolved nor in {@code hosts}
 */
public record MxResult(Status status, String domain, List<Host> hosts, Optional<String> dnsKind, int notExamined) {

    public MxResult {
        hosts = List.copyOf(hosts);
        if (notExamined < 0) {
            throw new IllegalArgumentException("notExamined < 0");
        }
    }

    /** Every record examined. */
    public MxResult(Status status, String domain, List<Host> hosts, Optional<String> dnsKind) {
        this(status, domain, hosts, dnsKind, 0);
    }

    public enum Status {
        /** At least one MX host has an address. */
        USABLE,
        /** No MX record, but the domain has an address: mail goes there (RFC 5321 §5.1 implicit MX). */
        IMPLICIT,
        /** The domain says it accepts no mail: null MX (RFC 7505). */
        NULL_MX,
        /** MX records whose hosts have no address. */
        HOSTS_UNRESOLVABLE,
        /** No MX and no address, or no such domain. */
        MISSING,
        /** The MX lookup failed (SERVFAIL, timeout): nothing can be concluded. */
        DNS_FAILURE
    }

    /** @param lookup the kind of the address lookup's answer (found, nxdomain, nodata, servfail, timeout) */
    public record Host(int preference, String exchange, List<InetAddress> addresses, String lookup) {
        public Host {
            addresses = List.copyOf(addresses);
        }
    }

    public boolean canReceive() {
        return status == Status.USABLE || status == Status.IMPLICIT;
    }
}
