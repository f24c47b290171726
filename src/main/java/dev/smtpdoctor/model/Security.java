package dev.smtpdoctor.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How the connection is secured, in Gmail's vocabulary (and the Gmail API's {@code securityMode}).
 */
public enum Security {
    /** Implicit TLS from the first byte (Gmail: "Secured connection using SSL"; usually 465). */
    SSL("ssl"),
    /** Plain connection upgraded by STARTTLS, which must succeed (Gmail: "using TLS"; 587 or 25). */
    TLS("tls"),
    /** No encryption (Gmail: "Unsecured connection"; port 25 only). */
    NONE("none");

    private final String id;

    Security(String id) {
        this.id = id;
    }

    /** The word used on the command line and in JSON. */
    public String id() {
        return id;
    }

    public static Optional<Security> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Security s : values()) {
            if (s.id.equals(t)) {
                return Optional.of(s);
            }
        }
        if (t.equals("starttls")) {
            return Optional.of(TLS);
        }
        return Optional.empty();
    }

    public boolean encrypted() {
        return this != NONE;
    }
}
