package dev.smtpdoctor.sendingdomain;

import java.util.Optional;

/**
 * What check_host() (RFC 7208 §4) said about one address for one domain, with the evidence: the
 * domain's own record, the directive that decided at the top level, the lookups counted against the
 * limits of §4.6.4, and the problem behind a permerror or temperror.
 *
 * @param record       the {@code v=spf1} record of {@code domain}, as published; empty when there is none
 * @param decidedBy    the top-level directive or modifier that gave the result ({@code include:_spf.example.net},
 *                     {@code -all}, {@code redirect=...}); empty when nothing matched or on error
 * @param problem      set for PERMERROR and TEMPERROR
 * @param problemDetail the term, name or count the problem concerns; empty when there is nothing to add
 * @param dnsLookups   mechanisms and modifiers that needed DNS (limit 10)
 * @param voidLookups  lookups that found nothing (limit 2)
 */
public record SpfResult(SpfVerdict verdict, String domain, Optional<String> record, Optional<String> decidedBy,
                        Optional<SpfProblem> problem, Optional<String> problemDetail, int dnsLookups,
                        int voidLookups) {
}
