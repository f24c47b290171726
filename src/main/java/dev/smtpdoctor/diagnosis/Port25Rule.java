package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import java.util.List;

/**
 * PORT25_MAY_BE_BLOCKED_LOCALLY: port 25 timed out while 465 or 587 of the same server connected. Most
 * likely the user's ISP blocks outgoing port 25 (OP25B); Google's servers are not behind that block, so
 * this is inconclusive, not a failure (reference §5).
 */
final class Port25Rule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        return m.subject().filter(m::port25BlockedLocally)
                .map(host -> List.of(Finding.of(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY,
                        m.typedPort().orElse(0) == 25 ? Severity.WARNING : Severity.INFO, Field.PORT,
                        args("host", host, "port", "25"))))
                .orElse(List.of());
    }
}
