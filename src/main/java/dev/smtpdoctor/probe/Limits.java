package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.LineReader;
import dev.smtpdoctor.smtp.ReplyParser;

/**
 * Hard bounds on what one probe reads from a server, so a hostile one cannot exhaust memory or time.
 *
 * @param maxLineBytes   longer reply lines are cut (RFC 5321 allows 512 octets)
 * @param maxReplyLines  a multi-line reply longer than this ends the probe
 * @param maxBytes       bytes read per probe, across TLS upgrades
 * @param maxAddresses   addresses tried per host
 */
public record Limits(int maxLineBytes, int maxReplyLines, long maxBytes, int maxAddresses) {

    public static final Limits DEFAULT = new Limits(LineReader.DEFAULT_MAX_LINE_BYTES, ReplyParser.DEFAULT_MAX_LINES,
            ByteBudget.DEFAULT_LIMIT, 4);
}
