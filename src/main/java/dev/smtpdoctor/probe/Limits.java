package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.LineReader;
import dev.smtpdoctor.smtp.ReplyParser;

/**
 * Hard bounds on what one probe reads from a server, so a hostile one cannot exhaust memory or time, and
 * on what a probe and a check keep of it for the report, so the report cannot grow with the server's
 * output either (docs/security.md, "Bounds and their defaults").
 *
 * @param maxLineBytes          longer reply lines are cut (RFC 5321 allows 512 octets)
 * @param maxReplyLines         a multi-line reply longer than this ends the probe
 * @param maxBytes              bytes read per probe, across TLS upgrades
 * @param maxAddresses          addresses tried per host
 * @param maxKeptReplyChars     characters of one reply (all its lines) kept for the report: in results,
 *                              outcomes and the transcript; further lines become one "… N more lines not
 *                              kept" line. EHLO keywords are read from the whole reply first.
 * @param maxTranscriptChars    characters of transcript kept per probe
 * @param maxTranscriptEntries  transcript entries kept per probe; the rest are counted in a last entry
 * @param maxCheckTranscriptChars characters of transcript kept by all the probes of one {@link Prober}
 *                              (one check) together
 */
public record Limits(int maxLineBytes, int maxReplyLines, long maxBytes, int maxAddresses,
                     int maxKeptReplyChars, int maxTranscriptChars, int maxTranscriptEntries,
                     long maxCheckTranscriptChars) {

    public static final int DEFAULT_KEPT_REPLY_CHARS = 4 * 1024;
    public static final int DEFAULT_TRANSCRIPT_CHARS = 32 * 1024;
    public static final int DEFAULT_TRANSCRIPT_ENTRIES = 200;
    public static final long DEFAULT_CHECK_TRANSCRIPT_CHARS = 256 * 1024;

    public static final Limits DEFAULT = new Limits(LineReader.DEFAULT_MAX_LINE_BYTES, ReplyParser.DEFAULT_MAX_LINES,
            ByteBudget.DEFAULT_LIMIT, 4);

    public Limits {
        if (maxKeptReplyChars < 64 || maxTranscriptChars < maxKeptReplyChars || maxTranscriptEntries < 2
                || maxCheckTranscriptChars < 0) {
            throw new IllegalArgumentException("limits on kept text too small");
        }
    }

    /** With the default bounds on what is kept for the report. */
    public Limits(int maxLineBytes, int maxReplyLines, long maxBytes, int maxAddresses) {
        this(maxLineBytes, maxReplyLines, maxBytes, maxAddresses, DEFAULT_KEPT_REPLY_CHARS, DEFAULT_TRANSCRIPT_CHARS,
                DEFAULT_TRANSCRIPT_ENTRIES, DEFAULT_CHECK_TRANSCRIPT_CHARS);
    }
}
