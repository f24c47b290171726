package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.model.DnsFailure;

/** Language-neutral words for DNS answers, used in finding arguments and the report. */
final class DomainDns {

    private DomainDns() {
    }

    /** {@code nxdomain}, {@code nodata}, {@code servfail} (or the server's rcode, lower case), {@code timeout}, {@code found}. */
    static String kind(DnsResult<?> r) {
        return switch (r) {
            case DnsResult.Found<?> f -> "found";
            case DnsResult.NoSuchDomain<?> n -> "nxdomain";
            case DnsResult.NoData<?> n -> "nodata";
            case DnsResult.ServerFailure<?> f -> f.rcode().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            case DnsResult.TimedOut<?> t -> "timeout";
        };
    }

    /** The lookup did not finish (server failure, timeout): nothing is known about the name. */
    static boolean failed(DnsResult<?> r) {
        return r.failure().map(DnsFailure::lookupIncomplete).orElse(false);
    }
}
