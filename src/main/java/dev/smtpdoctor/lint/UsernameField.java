package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Username" field. Cleaned of copy-paste and IME damage, otherwise kept as typed: its form
 * (full address or account id) is the provider's choice, so a bare local part is only questioned,
 * never rewritten — Xserver, Sakura, Lolipop and お名前.com want the full address, KAGOYA an account id
 * such as {@code kir000000.info} (the providers' pages cited in {@code providers.json}, docs/providers.md).
 */
final class UsernameField {

    record Result(Optional<String> username, List<Finding> findings) {
        Result {
            findings = List.copyOf(findings);
        }
    }

    private UsernameField() {
    }

    /**
     * @param raw     the field as typed
     * @param address the corrected address, when usable (to compare with its local part)
     */
    static Result lint(String raw, Optional<String> address) {
        FieldTrace trace = new FieldTrace(Field.USERNAME, raw);
        String s = TextSteps.stripInvisibleAndSurrounding(trace, raw);
        if (s.isEmpty()) {
            return new Result(Optional.empty(), List.of());
        }
        s = TextSteps.toHalfWidth(trace, s);
        if (s.indexOf('@') < 0 && address.isPresent()) {
            String local = address.get().substring(0, address.get().lastIndexOf('@'));
            if (s.toLowerCase(Locale.ROOT).equals(local.toLowerCase(Locale.ROOT))) {
                trace.advice(FindingCode.INPUT_USERNAME_NOT_ADDRESS, Severity.WARNING,
                        "username", s, "address", address.get());
            }
        }
        return new Result(Optional.of(s), trace.findings(s));
    }
}
