package dev.smtpdoctor.probe;

/**
 * One line of the conversation. Credentials never reach a transcript: the prober emits AUTH lines
 * already redacted.
 *
 * @param atMillis milliseconds from the probe's start
 */
public record TranscriptEntry(long atMillis, Direction direction, String text) {

    public enum Direction {
        /** Sent by us. */
        CLIENT,
        /** Sent by the server. */
        SERVER,
        /** A note from the prober: connected, TLS established, timed out... */
        INFO
    }
}
