package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What the input lint found and the settings to use. Immutable; holds no password (the lint never
 * changes the password, so the caller keeps using the array it has).
 *
 * @param findings in dialog order (address, server, port, security, username, password), each
 *                 field's findings in the order its clean-up found them
 * @param settings the corrected settings; present exactly when the input is {@link #usable()}
 */
public record LintResult(List<Finding> findings, Optional<SendAsSettings> settings) {

    public LintResult {
        findings = List.copyOf(findings);
        if (settings.isPresent() == findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            throw new IllegalArgumentException("settings must be present exactly when there is no ERROR finding");
        }
    }

    /**
     * False when some value cannot be corrected (an address without {@code @}, a server field that is
     * not a host, a port that is not a number, an unknown security choice): the caller reports
     * {@link #errors()} as bad input (exit code 64) and probes nothing.
     */
    public boolean usable() {
        return settings.isPresent();
    }

    /** The ERROR findings: why the input is unusable. Empty when usable. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** The findings about one field. */
    public List<Finding> findings(Field field) {
        return findings.stream().filter(f -> f.field().equals(Optional.of(field))).toList();
    }

    /** The corrected settings; only when {@link #usable()}. */
    public SendAsSettings corrected() {
        return settings.orElseThrow(() -> new IllegalStateException("input is not usable: " + errors()));
    }
}
