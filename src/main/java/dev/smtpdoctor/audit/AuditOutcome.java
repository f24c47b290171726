package dev.smtpdoctor.audit;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.tls.TlsObservation;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the audit learnt about one line, before it is written: immutable, and dropped once its record is out.
 *
 * @param diagnosis the check's answer; empty for a bad line, a timeout or an error
 * @param error     for {@link Verdict#ERROR}, the class of what went wrong (never its message)
 * @param millis    the check's wall time, waiting for the per-address limit excluded
 */
public record AuditOutcome(Target target, Verdict verdict, Optional<Diagnosis> diagnosis, Optional<String> error,
                           Instant checkedAt, long millis) {

    /** Certificates expiring within this many days are flagged. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    public static AuditOutcome badLine(Target t, Instant now) {
        return new AuditOutcome(t, Verdict.BAD_LINE, Optional.empty(), Optional.empty(), now, 0);
    }

    /** The fewest days left of any leaf certificate a server showed; empty when none was seen. */
    public OptionalLong minCertificateDays() {
        return diagnosis.map(d -> d.probes().stream().flatMap(p -> p.result().tls().stream())
                        .filter(t -> t.leaf().isPresent()).mapToLong(TlsObservation::daysLeft).min())
                .map(m -> m.isPresent() ? OptionalLong.of(m.getAsLong()) : OptionalLong.empty())
                .orElse(OptionalLong.empty());
    }

    /** A certificate expires within {@value #EXPIRY_WARNING_DAYS} days (or has expired). */
    public boolean certificateExpiring() {
        OptionalLong d = minCertificateDays();
        return d.isPresent() && d.getAsLong() < EXPIRY_WARNING_DAYS;
    }
}
