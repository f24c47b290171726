package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the clean-up of one text field changed, turned into findings once the final value is known.
 *
 * <p>Every correction finding carries {@code original} (the value as typed, invisible characters
 * shown as {@code [U+XXXX]}) and {@code corrected} (the value the tool will use — the field's final
 * value, not the value after that one step, so each finding tells the user what to type), then the
 * step's own arguments. Advice findings (suggestions that change nothing) carry only their own
 * arguments. Not for the password: it never passes through here.
 */
final class FieldTrace {

    private record Step(FindingCode code, Severity severity, boolean correction, Map<String, String> args) {
    }

    private final Field field;
    private final String shownOriginal;
    private final List<Step> steps = new ArrayList<>();

    /** @param shownOriginal the typed value as it may be shown (already free of secrets) */
    FieldTrace(Field field, String shownOriginal) {
        this.field = field;
        this.shownOriginal = Characters.visible(shownOriginal);
    }

    Field field() {
        return field;
    }

    String shownOriginal() {
        return shownOriginal;
    }

    /** The value was changed by this step; {@code args} are extra key/value pairs. */
    void corrected(FindingCode code, String... args) {
        steps.add(new Step(code, Severity.WARNING, true, Finding.args(args)));
    }

    void corrected(FindingCode code, Severity severity, String... args) {
        steps.add(new Step(code, severity, true, Finding.args(args)));
    }

    /** Something worth saying that does not change the value. */
    void advice(FindingCode code, Severity severity, String... args) {
        steps.add(new Step(code, severity, false, Finding.args(args)));
    }

    /** The findings, with {@code corrected} set to the field's final (or, if unusable, last) value. */
    List<Finding> findings(String finalValue) {
        List<Finding> out = new ArrayList<>(steps.size());
        for (Step step : steps) {
            Map<String, String> args = new LinkedHashMap<>();
            if (step.correction()) {
                args.put("original", shownOriginal);
                args.put("corrected", finalValue);
            }
            args.putAll(step.args());
            out.add(Finding.of(step.code(), step.severity(), field, args));
        }
        return out;
    }

    /** The corrections so far, then an ERROR saying the typed value cannot be used. */
    List<Finding> failed(FindingCode code, String lastValue) {
        List<Finding> out = findings(lastValue);
        out.add(Finding.of(code, Severity.ERROR, field, Finding.args("original", shownOriginal)));
        return out;
    }
}
