package dev.smtpdoctor.model;

import java.util.Locale;

/**
 * Why a name could not be turned into addresses: the one vocabulary for a failed lookup, shared by
 * {@code dns} (its results and exceptions map to it), {@code probe} (a probe's RESOLVE outcome), the
 * rules (which finding it is) and the reports (which message; which JSON value).
 *
 * <p>Two kinds say something about the name ({@link #NO_SUCH_HOST}, {@link #NO_ADDRESS}): the name as
 * typed does not lead to a server. The others say only that the lookup did not finish
 * ({@link #lookupIncomplete()}): the name may well exist.
 */
public enum DnsFailure {
    /** NXDOMAIN: the name does not exist (also the system resolver's "unknown host"). */
    NO_SUCH_HOST,
    /** NOERROR without address records (NODATA), or an answer with no usable address. */
    NO_ADDRESS,
    /** No answer in time, from the resolver or within the probe's step. */
    TIMED_OUT,
    /** SERVFAIL, REFUSED, a referral, a CNAME loop, or no DNS server reachable: nothing learnt about the name. */
    LOOKUP_FAILED,
    /** The probe was stopped (the check ended) while the lookup ran. */
    INTERRUPTED;

    /** True when the lookup did not finish: the name may exist (a finding must not call it a typo). */
    public boolean lookupIncomplete() {
        return this != NO_SUCH_HOST && this != NO_ADDRESS;
    }

    /**
     * The stable, language-neutral word for this failure: the name in lower case with spaces ({@code "no such
     * host"}, {@code "no address"}, {@code "timed out"}, {@code "lookup failed"}, {@code "interrupted"}). It is
     * the {@code reason} of a {@code dns-failed} outcome in JSON (docs/json.md) and of the DNS findings.
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
