package dev.smtpdoctor.audit;

import dev.smtpdoctor.Diagnosis;
import java.util.Locale;

/** One record's overall answer (docs/audit.md). The JSON and CSV name is {@link #id()}. */
public enum Verdict {
    /** Gmail can send through a secure setting (SSL or STARTTLS with a certificate it accepts). */
    SECURE,
    /** Only an unsecured setting would work, or only with a certificate Gmail refuses. */
    INSECURE_ONLY,
    /** Servers answered, but no setting works (e.g. every TLS handshake fails and nothing is unencrypted). */
    NOTHING_WORKS,
    /** No server answered at all: no name resolved, or every connection was refused or timed out. */
    UNREACHABLE,
    /** The check did not finish within its deadline. */
    TIMEOUT,
    /** The line is not something to check (the record says why). */
    BAD_LINE,
    /** The check failed unexpectedly (a bug of smtp-doctor; the record names the exception's class). */
    ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From a finished check: secure, insecure only, unreachable when no server even greeted, else nothing works. */
    public static Verdict of(Diagnosis d) {
        return switch (d.status()) {
            case SECURE -> SECURE;
            case INSECURE_ONLY -> INSECURE_ONLY;
            case BAD_INPUT -> BAD_LINE;
            case NOTHING_WORKS -> d.probes().stream().anyMatch(p -> p.result().greeting().isPresent()
                    || p.result().tls().isPresent()) ? NOTHING_WORKS : UNREACHABLE;
        };
    }
}
