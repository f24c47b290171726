package dev.smtpdoctor.probe;

import dev.smtpdoctor.text.UntrustedText;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One line of the conversation. Credentials never reach a transcript: the prober emits AUTH lines
 * already redacted.
 *
 * @param atMillis milliseconds from the probe's start
 */
public record TranscriptEntry(long atMillis, Direction direction, String text) {

    /** Each line of {@code text} through {@link UntrustedText#clean} (the lines of a reply stay lines). */
    public TranscriptEntry {
        if (text != null && UntrustedText.needsCleaning(text.replace('\n', ' '))) {
            text = Arrays.stream(text.split("\n", -1)).map(UntrustedText::clean).collect(Collectors.joining("\n"));
        }
    }

    public enum Direction {
        /** Sent by us. */
        CLIENT,
        /** Sent by the server. */
        SERVER,
        /** A note from the prober: connected, TLS established, timed out... */
        INFO
    }
}
