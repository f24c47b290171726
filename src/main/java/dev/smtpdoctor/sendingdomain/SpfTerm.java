package dev.smtpdoctor.sendingdomain;

import java.net.InetAddress;
import java.util.Optional;

/** One term of an SPF record (RFC 7208 §4.6.1): a directive (qualifier + mechanism) or a modifier. */
sealed interface SpfTerm {

    /** The term as written in the record. */
    String text();

    /** The mechanisms of RFC 7208 §5; the first six need DNS and count against the limit of 10 (§4.6.4). */
    enum Mechanism {
        INCLUDE, A, MX, PTR, EXISTS, ALL, IP4, IP6;

        boolean needsLookup() {
            return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
        }
    }

    /**
     * A qualifier and a mechanism.
     *
     * @param qualifier  the result on a match: PASS, FAIL, SOFTFAIL or NEUTRAL (§4.6.2)
     * @param domainSpec the unexpanded domain-spec; empty for "the current domain" (and for all/ip4/ip6)
     * @param network    for ip4/ip6
     * @param cidr4      prefix length applied to IPv4 addresses (32 when not given)
     * @param cidr6      prefix length applied to IPv6 addresses (128 when not given)
     */
    record Directive(String text, SpfVerdict qualifier, Mechanism mechanism, Optional<String> domainSpec,
                     Optional<InetAddress> network, int cidr4, int cidr6) implements SpfTerm {
    }

    /** {@code name=value}; {@code redirect} and {@code exp} are the two SPF defines (§6), others are ignored. */
    record Modifier(String text, String name, String value) implements SpfTerm {
    }
}
