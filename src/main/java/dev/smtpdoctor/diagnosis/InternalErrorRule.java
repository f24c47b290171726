package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * INTERNAL_ERROR: a probe ended by a bug of ours (an unexpected exception), not by anything the server did. It
 * asks for a bug report — never for the provider's help — and gives Gmail no verdict for that probe (see
 * {@link GmailVerdicts}). Args {@code host}, {@code port}, {@code step} and {@code exception} (the class name
 * only: an exception's message may hold anything, the password included).
 */
final class InternalErrorRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : view.observations().probes()) {
            ProbeResult r = p.result();
            if (r.outcome() instanceof ProbeOutcome.InternalError e) {
                out.add(Finding.of(FindingCode.INTERNAL_ERROR, view.severity(r, Severity.ERROR, Severity.WARNING),
                        args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                                "step", e.step().name(), "exception", e.exceptionClass())));
            }
        }
        return out;
    }
}
