package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.Security;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The security choice: the words of the command line and the Gmail API ({@code ssl}, {@code tls},
 * {@code starttls}, {@code none}), Gmail's radio-button labels in English and Japanese (copied from
 * the page or a guide), and the names other clients use (Thunderbird's "SSL/TLS" is implicit TLS).
 * Case, spaces, full-width forms and the "(recommended)" / 「（推奨）」 suffix do not matter.
 */
final class SecurityField {

    record Result(Optional<Security> security, List<Finding> findings, boolean usable) {
        Result {
            findings = List.copyOf(findings);
        }
    }

    /** Keys are {@link #key normalised}: lower case, half-width, no spaces. */
    private static final Map<String, Security> LABELS = Map.ofEntries(
            Map.entry("ssl", Security.SSL),
            Map.entry("ssl/tls", Security.SSL),
            Map.entry("implicittls", Security.SSL),
            Map.entry("smtps", Security.SSL),
            Map.entry("securedconnectionusingssl", Security.SSL),
            Map.entry("sslを使用したセキュリティで保護された接続", Security.SSL),
            Map.entry("tls", Security.TLS),
            Map.entry("starttls", Security.TLS),
            Map.entry("securedconnectionusingtls", Security.TLS),
            Map.entry("tlsを使用したセキュリティで保護された接続", Security.TLS),
            Map.entry("none", Security.NONE),
            Map.entry("plain", Security.NONE),
            Map.entry("unsecured", Security.NONE),
            Map.entry("unsecuredconnection", Security.NONE),
            Map.entry("保護されていない接続", Security.NONE),
            Map.entry("なし", Security.NONE));

    private SecurityField() {
    }

    static Result lint(String raw) {
        String k = key(raw);
        if (k.isEmpty()) {
            return new Result(Optional.empty(), List.of(), true);
        }
        Security security = LABELS.get(k);
        if (security == null) {
            return new Result(Optional.empty(), List.of(Finding.of(FindingCode.INPUT_INVALID_SECURITY, Severity.ERROR,
                    Field.SECURITY, Finding.args("original", Characters.visible(raw)))), false);
        }
        return new Result(Optional.of(security), List.of(), true);
    }

    /** The same value for every way of writing one choice. */
    static String key(String raw) {
        String s = raw.codePoints()
                .filter(cp -> !Characters.isSpace(cp) && !Characters.isInvisible(cp) && !Characters.isControl(cp))
                .map(Characters::halfWidth)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {"(recommended)", "(推奨)", "（推奨）"}) {
            if (s.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }
}
