package dev.smtpdoctor;

import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the user would type into Gmail's "Send mail as" dialog (any field may be empty: it is then
 * searched), plus how far the tool may go. The password inside {@link RawFields} is wiped by
 * {@link SmtpDoctor#diagnose} when it is done.
 *
 * @param fields             the dialog's fields as typed, before any correction
 * @param allowPlaintextAuth the user consents to the password crossing an unencrypted connection
 * @param timeouts           per step and per probe
 * @param dkimSelectors      DKIM selectors to look for (the provider's usual ones are tried too)
 * @param trustedCertificateNames names found in a server's certificate that the user confirmed are their
 *                           provider's server ({@code --trust-certificate-name}): the one login test may go there
 */
public record CheckRequest(RawFields fields, boolean allowPlaintextAuth, Timeouts timeouts, List<String> dkimSelectors,
                           Set<String> trustedCertificateNames) {

    public CheckRequest {
        dkimSelectors = List.copyOf(dkimSelectors);
        trustedCertificateNames = Set.copyOf(trustedCertificateNames);
    }

    public CheckRequest(RawFields fields, boolean allowPlaintextAuth, Timeouts timeouts, List<String> dkimSelectors) {
        this(fields, allowPlaintextAuth, timeouts, dkimSelectors, Set.of());
    }

    public CheckRequest(RawFields fields, boolean allowPlaintextAuth, Timeouts timeouts) {
        this(fields, allowPlaintextAuth, timeouts, List.of());
    }

    /** Time kept for the sending-domain checks and for reporting, beyond the probes' own limit. */
    public static final Duration CHECK_MARGIN = Duration.ofSeconds(5);

    /**
     * The whole check's limit — discovery, every probe and the sending-domain checks under one deadline:
     * a probe's own limit (4 × step), plus the discovery's share ({@code discovery}, zero when nothing is
     * discovered), plus {@link #CHECK_MARGIN}. docs/security.md states it.
     */
    public Duration overallTimeout(Duration discovery) {
        return timeouts.total().plus(discovery).plus(CHECK_MARGIN);
    }

    @Override
    public String toString() {
        return "CheckRequest[" + fields + ", allowPlaintextAuth=" + allowPlaintextAuth + "]";
    }
}
