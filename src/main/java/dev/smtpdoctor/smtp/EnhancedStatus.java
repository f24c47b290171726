package dev.smtpdoctor.smtp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enhanced mail system status code, RFC 3463: {@code class.subject.detail}, e.g. {@code 5.7.8}.
 * Class is 2, 4 or 5; subject and detail are 1 to 3 digits.
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    private static final Pattern LEADING = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?=\\s|$)");

    /** Reads an enhanced status code at the start of a reply text, as servers put it there (RFC 2034). */
    public static Optional<EnhancedStatus> parseLeading(String text) {
        Matcher m = LEADING.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
