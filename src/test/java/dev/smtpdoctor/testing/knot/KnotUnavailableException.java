package dev.smtpdoctor.testing.knot;

/** Knot DNS is not installed or did not start: the DNS integration tests fail (never skip) with this advice. */
public final class KnotUnavailableException extends RuntimeException {

    KnotUnavailableException(String message) {
        super(message);
    }
}
