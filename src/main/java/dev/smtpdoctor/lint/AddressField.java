package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email address (step 1 of Gmail's dialog): {@code local@domain}, the domain in A-label form and
 * lower case, the local part as typed. Required: without it there is no domain to search and no
 * sender to test.
 */
final class AddressField {

    /**
     * @param address  the corrected address; empty when missing or unusable
     * @param findings what was wrong
     */
    record Result(Optional<String> address, List<Finding> findings) {
        Result {
            findings = List.copyOf(findings);
        }

        /** The part before the last {@code @}, when the address is usable. */
        Optional<String> localPart() {
            return address.map(a -> a.substring(0, a.lastIndexOf('@')));
        }
    }

    /** {@code Taro Yamada <you@example.jp>} as copied from a mail header or an address book. */
    private static final Pattern DISPLAY_NAME = Pattern.compile("^[^<>]*<([^<>]*)>$");
    private static final Pattern MAILTO = Pattern.compile("^mailto:", Pattern.CASE_INSENSITIVE);
    /** RFC 5321 §4.5.3.1.1 length; no spaces, brackets or quotes (quoted local parts are not supported). */
    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s<>@\"(),;:\\[\\]\\\\]{1,64}");

    private AddressField() {
    }

    static Result lint(String raw) {
        FieldTrace trace = new FieldTrace(Field.ADDRESS, raw);
        String s = TextSteps.stripInvisibleAndSurrounding(trace, raw);
        if (s.isEmpty()) {
            return new Result(Optional.empty(), List.of(
                    Finding.of(FindingCode.INPUT_ADDRESS_MISSING, Severity.ERROR, Field.ADDRESS, Map.of())));
        }
        s = TextSteps.toHalfWidth(trace, s);

        String extracted = s;
        Matcher named = DISPLAY_NAME.matcher(extracted);
        if (named.matches()) {
            extracted = named.group(1).strip();
        }
        extracted = MAILTO.matcher(extracted).replaceFirst("");
        if (!extracted.equals(s)) {
            trace.corrected(FindingCode.INPUT_ADDRESS_EXTRA_TEXT);
            s = extracted;
        }
        s = TextSteps.removeInnerSpaces(trace, s);

        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || !LOCAL_PART.matcher(s.substring(0, at)).matches()) {
            return failed(trace, s);
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (domain.length() > 1 && domain.endsWith(".") && !domain.endsWith("..")) {
            domain = domain.substring(0, domain.length() - 1);
            trace.corrected(FindingCode.INPUT_TRAILING_DOT, Severity.INFO);
        }
        if (!HostName.isAscii(domain)) {
            Optional<String> ascii = HostName.toAscii(domain);
            if (ascii.isEmpty()) {
                return failed(trace, local + "@" + domain);
            }
            trace.advice(FindingCode.INPUT_IDN, Severity.INFO, "unicode", domain, "ascii", ascii.get());
            domain = ascii.get();
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (!HostName.isLenient(domain) || domain.indexOf('.') < 0) {
            return failed(trace, local + "@" + domain);
        }
        String address = local + "@" + domain;
        return new Result(Optional.of(address), trace.findings(address));
    }

    private static Result failed(FieldTrace trace, String lastValue) {
        return new Result(Optional.empty(), trace.failed(FindingCode.INPUT_INVALID_ADDRESS, lastValue));
    }
}
