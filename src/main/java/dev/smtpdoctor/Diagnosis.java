package dev.smtpdoctor;

import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.sendingdomain.DomainReport;
import dev.smtpdoctor.discovery.Discovered;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to one check, immutable: the settings as corrected, every finding (input lint first),
 * Gmail's view of each of its choices, the recommendation and every probe with its transcript.
 * Holds no password.
 *
 * @param settings   the corrected settings; empty when the input was unusable
 * @param lint       what input lint found
 * @param probes     the matrix, in a stable order
 * @param assessment the diagnosis; empty when the input was unusable (nothing was probed)
 * @param domain     the sending-domain checks (SPF, DKIM, DMARC, MX, PTR); empty without DNS
 * @param discovery  the servers discovery proposed (SRV, autoconfig, provider knowledge), each with its source,
 *                   proposal and whether it could receive the password; empty when discovery was skipped
 */
public record Diagnosis(Optional<SendAsSettings> settings, List<Finding> lint, List<CandidateProbe> probes,
                        Optional<Assessment> assessment, Instant startedAt, long totalMillis,
                        List<Discovered> discovery, Optional<DomainReport> domain) {

    public Diagnosis {
        lint = List.copyOf(lint);
        probes = List.copyOf(probes);
        discovery = List.copyOf(discovery);
    }

    /** Without discovery. */
    public Diagnosis(Optional<SendAsSettings> settings, List<Finding> lint, List<CandidateProbe> probes,
                     Optional<Assessment> assessment, Instant startedAt, long totalMillis) {
        this(settings, lint, probes, assessment, startedAt, totalMillis, List.of(), Optional.empty());
    }

    /** The overall answer, which is also the exit code of {@code check} (docs/exit-codes.md). */
    public enum Status {
        SECURE(0), INSECURE_ONLY(1), NOTHING_WORKS(2), BAD_INPUT(64);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public Status status() {
        if (assessment.isEmpty()) {
            return Status.BAD_INPUT;
        }
        return switch (assessment.get().recommendation().kind()) {
            case SECURE -> Status.SECURE;
            case INSECURE_ONLY -> Status.INSECURE_ONLY;
            case NOTHING_WORKS -> Status.NOTHING_WORKS;
        };
    }

    /** All findings: lint first, then the diagnosis's. */
    public List<Finding> findings() {
        return assessment.map(Assessment::findings).orElse(lint);
    }

    public Optional<Recommendation> recommendation() {
        return assessment.map(Assessment::recommendation);
    }
}
