package dev.smtpdoctor.model;

import dev.smtpdoctor.model.Security;
import java.util.List;

/** A port and security mode to try on each candidate. */
public record Mode(int port, Security security) {

    /**
     * Every sensible combination, most secure first (the recommendation's ranking, {@code diagnosis.Recommender}):
     * implicit TLS on 465 (RFC 8314 prefers it), STARTTLS on 587 and 25, then the unsecured routes —
     * 587 plain is probed only to explain failures (Gmail allows "Unsecured" on 25 only).
     */
    public static final List<Mode> STANDARD = List.of(
            new Mode(465, Security.SSL),
            new Mode(587, Security.TLS),
            new Mode(25, Security.TLS),
            new Mode(25, Security.NONE),
            new Mode(587, Security.NONE));

    /** Position in {@link #STANDARD}; other combinations (a typed 2525, ssl on 587) rank after them. */
    public int rank() {
        int i = STANDARD.indexOf(this);
        return i < 0 ? STANDARD.size() : i;
    }
}
