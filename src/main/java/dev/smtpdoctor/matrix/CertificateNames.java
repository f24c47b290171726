package dev.smtpdoctor.matrix;

import dev.smtpdoctor.probe.Credentials;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which names from a certificate may be looked up. A certificate is the server's text: a server that got the
 * password on one connection can put it into the certificate it shows on another, and a DNS question
 * leaves the machine in clear text. So a name is looked up only when it is a plain host name (RFC 1123
 * labels, no wildcard, at least two labels) and does not contain the password, compared case-folded as DNS
 * names are. Pure.
 */
final class CertificateNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private CertificateNames() {
    }

    /** {@code name} is lower case; {@code credentials} the check's, if any. */
    static boolean worthLookingUp(String name, Optional<Credentials> credentials) {
        if (name.length() > 253 || name.startsWith("*.")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2 || !Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches())) {
            return false;
        }
        return credentials.map(c -> !containsPassword(name, c)).orElse(true);
    }

    private static boolean containsPassword(String name, Credentials c) {
        char[] password = c.password();
        try {
            if (password.length == 0) {
                return false;
            }
            String folded = new String(password).toLowerCase(Locale.ROOT);
            return name.contains(folded);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
