package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.SendAsSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Input lint: the mistakes people make in Gmail's "Send mail as" dialog — copy-paste
 * whitespace and invisible characters, full-width characters from a Japanese IME, a URL, address,
 * port or path pasted into the server field, an incoming-server name, a username that is only the
 * local part, internationalised domain names, ports Gmail does not offer, suspicious passwords.
 *
 * <p>Pure: no I/O, no DNS, no clock; thread-safe. Lenient like a browser form: it corrects what can
 * be corrected (reporting each correction with the field, the typed value and the corrected value)
 * and reports what cannot as ERROR findings. Findings carry codes and arguments, never text; the
 * message for each is {@code finding.<CODE>} in the bundles, with named placeholders, plus
 * {@code {field}} for the label {@code field.<FIELD>}.
 *
 * <p>Corrected fields: address, server, port, username (spaces, invisible and full-width characters;
 * scheme, user, port and path stripped from the server; IDN to A-labels; host names lower-cased).
 * Never corrected, only reported: the password, the username's form, an incoming-server name (its
 * {@code smtp.} alternative is in the finding's {@code suggested} argument; discovery tries such
 * guesses anyway).
 */
public final class InputLint {

    /** Every code this lint can emit (each has {@code finding.<CODE>} in both bundles). */
    public static final Set<FindingCode> CODES = EnumSet.of(
            FindingCode.INPUT_SURROUNDING_WHITESPACE,
            FindingCode.INPUT_INVISIBLE_CHARACTER,
            FindingCode.INPUT_INNER_WHITESPACE,
            FindingCode.INPUT_FULL_WIDTH,
            FindingCode.INPUT_SCHEME_IN_HOST,
            FindingCode.INPUT_ADDRESS_IN_HOST,
            FindingCode.INPUT_PATH_IN_HOST,
            FindingCode.INPUT_PORT_IN_HOST,
            FindingCode.INPUT_TRAILING_DOT,
            FindingCode.INPUT_IDN,
            FindingCode.INPUT_INCOMING_SERVER,
            FindingCode.INPUT_HOST_NOT_PUBLIC,
            FindingCode.INPUT_INVALID_HOST,
            FindingCode.INPUT_ADDRESS_MISSING,
            FindingCode.INPUT_ADDRESS_EXTRA_TEXT,
            FindingCode.INPUT_INVALID_ADDRESS,
            FindingCode.INPUT_PORT_CONFLICT,
            FindingCode.INPUT_PORT_UNUSUAL,
            FindingCode.INPUT_INVALID_PORT,
            FindingCode.INPUT_INVALID_SECURITY,
            FindingCode.INPUT_UNSECURED_NOT_PORT_25,
            FindingCode.INPUT_USERNAME_NOT_ADDRESS,
            FindingCode.INPUT_PASSWORD_WHITESPACE,
            FindingCode.INPUT_PASSWORD_INVISIBLE_CHARACTER,
            FindingCode.INPUT_PASSWORD_FULL_WIDTH);

    private InputLint() {
    }

    public static LintResult lint(RawFields raw) {
        List<Finding> findings = new ArrayList<>();

        AddressField.Result address = AddressField.lint(raw.address());
        findings.addAll(address.findings());
        ServerField.Result server = ServerField.lint(raw.server());
        findings.addAll(server.findings());
        PortField.Result port = PortField.lint(raw.port(), server.hostPort());
        findings.addAll(port.findings());
        SecurityField.Result security = SecurityField.lint(raw.security());
        findings.addAll(security.findings());
        // Gmail's help pairs "Unsecured connection" with port 25; 465 and 587 are for encrypted submission
        // (RFC 8314), where servers usually refuse a login without TLS. Tried all the same, but said.
        if (security.security().filter(s -> s == dev.smtpdoctor.model.Security.NONE).isPresent()
                && port.port().isPresent() && port.port().getAsInt() != 25) {
            findings.add(Finding.of(FindingCode.INPUT_UNSECURED_NOT_PORT_25, dev.smtpdoctor.model.Severity.INFO,
                    dev.smtpdoctor.model.Field.SECURITY, Finding.args("port", Integer.toString(port.port().getAsInt()))));
        }
        UsernameField.Result username = UsernameField.lint(raw.username(), address.address());
        findings.addAll(username.findings());
        char[] password = raw.password();
        try {
            findings.addAll(PasswordCheck.check(password));
        } finally {
            Arrays.fill(password, '\0');
        }

        Optional<SendAsSettings> settings = Optional.empty();
        if (address.address().isPresent() && server.usable() && port.usable() && security.usable()) {
            settings = Optional.of(new SendAsSettings(address.address().get(), server.host(), port.port(),
                    security.security(), username.username(), raw.hasPassword()));
        }
        return new LintResult(findings, settings);
    }
}
