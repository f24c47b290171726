package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The "Port" field, reconciled with a port typed into the server field. Gmail's port is a drop-down
 * offering only 25, 465 and 587 (Gmail Help, support.google.com/mail/answer/22370), so any other port is flagged.
 */
final class PortField {

    /**
     * @param port     the port to use; empty when neither field gave one (the matrix tries them all)
     * @param findings what was wrong
     * @param usable   false when the field is not a port number (an ERROR finding says so)
     */
    record Result(OptionalInt port, List<Finding> findings, boolean usable) {
        Result {
            findings = List.copyOf(findings);
        }
    }

    static final Set<Integer> GMAIL_PORTS = Set.of(25, 465, 587);
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

    private PortField() {
    }

    /**
     * @param raw      the Port field as typed
     * @param hostPort a port found in the SMTP Server field, if any
     */
    static Result lint(String raw, OptionalInt hostPort) {
        FieldTrace trace = new FieldTrace(Field.PORT, raw);
        String s = TextSteps.stripInvisibleAndSurrounding(trace, raw);
        List<Finding> findings = new ArrayList<>();
        OptionalInt port;
        if (s.isEmpty()) {
            port = hostPort;
        } else {
            s = TextSteps.toHalfWidth(trace, s);
            s = TextSteps.removeInnerSpaces(trace, s);
            if (!DIGITS.matcher(s).matches() || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
                return new Result(OptionalInt.empty(), trace.failed(FindingCode.INPUT_INVALID_PORT, s), false);
            }
            port = OptionalInt.of(Integer.parseInt(s));
            findings.addAll(trace.findings(Integer.toString(port.getAsInt())));
            if (hostPort.isPresent() && hostPort.getAsInt() != port.getAsInt()) {
                findings.add(Finding.of(FindingCode.INPUT_PORT_CONFLICT, Severity.WARNING, Field.PORT, Finding.args(
                        "hostPort", Integer.toString(hostPort.getAsInt()), "port", Integer.toString(port.getAsInt()))));
            }
        }
        if (port.isPresent() && !GMAIL_PORTS.contains(port.getAsInt())) {
            findings.add(Finding.of(FindingCode.INPUT_PORT_UNUSUAL, Severity.WARNING, Field.PORT,
                    Finding.args("port", Integer.toString(port.getAsInt()))));
        }
        return new Result(port, findings, true);
    }
}
