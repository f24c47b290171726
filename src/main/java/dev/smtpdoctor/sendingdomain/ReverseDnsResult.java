package dev.smtpdoctor.sendingdomain;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Reverse DNS of the server's address and whether it is forward-confirmed (FCrDNS): a PTR name whose
 * own addresses include the address. Gmail requires valid forward and reverse DNS for sending IPs
 * (support.google.com/mail/answer/81126).
 *
 * @param names          the PTR names found
 * @param confirmedName  the first name that resolves back to the address
 * @param dnsKind        for MISSING and DNS_FAILURE: the DNS answer's kind
 */
public record ReverseDnsResult(Status status, InetAddress address, List<String> names,
                               Optional<String> confirmedName, Optional<String> dnsKind) {

    public ReverseDnsResult {
        names = List.copyOf(names);
    }

    public enum Status {
        FORWARD_CONFIRMED,
        /** PTR names exist but none resolves back to the address. */
        NOT_FORWARD_CONFIRMED,
        /** No PTR record. */
        MISSING,
        DNS_FAILURE
    }
}
