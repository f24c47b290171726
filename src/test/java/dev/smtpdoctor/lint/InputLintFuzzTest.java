package dev.smtpdoctor.lint;

import static dev.smtpdoctor.testing.Fuzzing.require;
import static dev.smtpdoctor.testing.Fuzzing.requireEqual;
import static dev.smtpdoctor.testing.Fuzzing.requireAbsent;
import static dev.smtpdoctor.testing.Fuzzing.requireAtMost;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.testing.Fuzzing;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the input lint with whatever a user might type or paste into Gmail's dialog. A seed file has
 * one field per line: address, server, port, security, username, then the password (the rest of the
 * file). The lint must never throw, never let the password into a finding, a toString or the settings,
 * never quote a control or invisible character raw, and its corrections must be final: linting the
 * corrected settings again corrects nothing.
 */
class InputLintFuzzTest {

    /** Put into the server field as {@code user:CANARY@host} and into the password field. */
    private static final String CANARY = "Kq7Canary9pW";

    /** Codes for changes the lint made; none may appear when the corrected settings are linted again. */
    private static final Set<FindingCode> CORRECTIONS = Set.of(FindingCode.INPUT_SURROUNDING_WHITESPACE,
            FindingCode.INPUT_INVISIBLE_CHARACTER, FindingCode.INPUT_INNER_WHITESPACE, FindingCode.INPUT_FULL_WIDTH,
            FindingCode.INPUT_SCHEME_IN_HOST, FindingCode.INPUT_ADDRESS_IN_HOST, FindingCode.INPUT_PATH_IN_HOST,
            FindingCode.INPUT_PORT_IN_HOST, FindingCode.INPUT_TRAILING_DOT, FindingCode.INPUT_IDN,
            FindingCode.INPUT_ADDRESS_EXTRA_TEXT);

    private static final Set<FindingCode> PASSWORD_CODES = Set.of(FindingCode.INPUT_PASSWORD_WHITESPACE,
            FindingCode.INPUT_PASSWORD_INVISIBLE_CHARACTER, FindingCode.INPUT_PASSWORD_FULL_WIDTH);

    @FuzzTest
    @DictionaryEntries({"@", ":", "//", "smtp://", "smtps://", "mailto:", "submission:", "[", "]", "::1", "/", "?",
        "#", ".", "..", "587", "465", "25", "0", "65535", "65536", "ssl", "tls", "starttls", "none", "SSL/TLS",
        " (recommended)", "imap.", "pop.", "smtp.", "xn--", "localhost", "10.0.0.1", "192.168.1.1", "\t", "\r",
        "\u0000"})
    void dialogFields(byte[] input) {
        String[] f = Fuzzing.fields(input, 6);
        String address = f[0];
        String server = f[1];
        String port = f[2];
        String security = f[3];
        String username = f[4];
        String password = f[5];

        LintResult result = lint(address, server, port, security, username, password);
        checkShape(result, address, server, port, security, username);
        checkPasswordIndependence(result, lint(address, server, port, security, username, ""), password);
        checkServerUserinfoCanary(address, server, port, security, username);
        result.settings().ifPresent(InputLintFuzzTest::checkCorrectionsAreFinal);
    }

    private static LintResult lint(String address, String server, String port, String security, String username,
                                   String password) {
        RawFields raw = new RawFields(address, server, port, security, username, password.toCharArray());
        try {
            return InputLint.lint(raw);
        } finally {
            raw.wipe();
        }
    }

    /** Codes known, one finding per code and field, bounded arguments shown without raw control characters. */
    private static void checkShape(LintResult result, String... fields) {
        List<Finding> findings = result.findings();
        requireAtMost("findings", findings, 40);
        int inputLength = 0;
        for (String field : fields) {
            inputLength += field.length();
        }
        Set<String> seen = new HashSet<>();
        for (Finding finding : findings) {
            require(InputLint.CODES.contains(finding.code()), "lint code", finding.code());
            require(finding.field().isPresent(), "finding names its field", finding);
            require(seen.add(finding.code() + "/" + finding.field().get()), "one finding per code and field", finding);
            require(PASSWORD_CODES.contains(finding.code()) == (finding.field().get() == Field.PASSWORD),
                    "password codes on the password field only", finding);
            for (Map.Entry<String, String> arg : finding.args().entrySet()) {
                String v = arg.getValue();
                requireAtMost(finding.code() + "." + arg.getKey() + " length", v.length(), 100L * inputLength + 100);
                require(v.codePoints().noneMatch(cp -> Characters.isControl(cp) || Characters.isInvisible(cp)),
                        finding.code() + "." + arg.getKey() + " shows no control or invisible character raw", v);
            }
        }
        require(result.usable() == result.errors().isEmpty(), "usable exactly without errors", result);
    }

    /**
     * The password changes nothing but the password's own findings, and those carry no text of it: so no
     * finding can quote it, however it was typed.
     */
    private static void checkPasswordIndependence(LintResult result, LintResult withoutPassword, String password) {
        requireEqual("findings but the password's, with and without the password", withoutPassword.findings(),
                result.findings().stream().filter(f -> f.field().orElseThrow() != Field.PASSWORD).toList());
        requireEqual("settings with and without the password",
                withoutPassword.settings().map(InputLintFuzzTest::withoutPasswordFlag),
                result.settings().map(InputLintFuzzTest::withoutPasswordFlag));
        result.settings().ifPresent(s -> require(s.hasPassword() == !password.isEmpty(), "hasPassword", s));
        for (Finding f : result.findings()) {
            if (f.field().orElseThrow() == Field.PASSWORD) {
                require(f.args().isEmpty() || f.args().equals(Map.of("position", f.args().get("position")))
                        && Set.of("leading", "trailing", "both").contains(f.args().get("position")),
                        "password finding arguments", f.args());
            }
        }
    }

    /**
     * A password pasted into the server field as {@code user:password@host}, with or without a scheme,
     * around whatever the fuzzer typed there, never reaches any output.
     */
    private static void checkServerUserinfoCanary(String address, String server, String port, String security,
                                                  String username) {
        // The fuzzer learns the canary from this very comparison: skip fields that contain it, even
        // split by characters the lint removes or written in full-width forms.
        String all = (address + server + port + security + username).codePoints()
                .filter(cp -> !Characters.isControl(cp) && !Characters.isInvisible(cp) && !Characters.isSpace(cp))
                .map(Characters::halfWidth)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (all.toLowerCase(Locale.ROOT).contains("canary")) {
            return;
        }
        int at = Math.max(server.lastIndexOf('@'), server.lastIndexOf('\uFF20'));
        String withCanary = at < 0
                ? "u:" + CANARY + "@" + server
                : server.substring(0, at) + "u:" + CANARY + server.substring(at);
        RawFields raw = new RawFields(address, withCanary, port, security, username, CANARY.toCharArray());
        LintResult result = InputLint.lint(raw);
        requireAbsent("RawFields", raw.toString(), CANARY);
        requireAbsent("LintResult", result.toString(), CANARY);
        for (Finding f : result.findings()) {
            requireAbsent(f.code().name(), f.toString(), CANARY);
        }
        raw.wipe();
    }

    /** Lint the corrected values again: the same settings, and nothing left to correct. */
    private static void checkCorrectionsAreFinal(SendAsSettings settings) {
        LintResult again = lint(settings.address(), settings.server().orElse(""),
                settings.port().isPresent() ? Integer.toString(settings.port().getAsInt()) : "",
                settings.security().map(s -> s.id()).orElse(""), settings.username().orElse(""),
                settings.hasPassword() ? "x" : "");
        require(again.usable(), "corrected settings are usable", again);
        requireEqual("settings after linting the corrected settings", settings, again.corrected());
        for (Finding f : again.findings()) {
            require(!CORRECTIONS.contains(f.code()), "corrected settings need no correction", f);
        }
        settings.server().ifPresent(host -> require(host.equals(host.toLowerCase(Locale.ROOT))
                && host.chars().allMatch(c -> c > 0x20 && c < 0x7f), "host is lower-case ASCII", host));
        require(settings.address().indexOf('@') > 0, "address has a local part", settings.address());
        settings.port().ifPresent(p -> require(p >= 1 && p <= 65535, "port", p));
    }

    private static SendAsSettings withoutPasswordFlag(SendAsSettings s) {
        return new SendAsSettings(s.address(), s.server(), s.port(), s.security(), s.username(), false);
    }
}
