package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts server text to what a report keeps ({@link Limits#maxKeptReplyChars()}): a server may send up to
 * {@link Limits#maxBytes()} per probe, and a check runs dozens of probes, so keeping all of it made reports
 * of hundreds of megabytes. Cuts say so in the text itself. Pure.
 */
public final class KeptText {

    /** Characters of a step's detail kept (EHLO keywords, reasons). */
    static final int MAX_DETAIL_CHARS = 512;

    private KeptText() {
    }

    /**
     * The reply with at most {@code maxChars} characters of line text: lines are kept in order, the line that
     * crosses the limit is cut with "…", and any lines after it are replaced by one "… N more lines not
     * kept" line. Code, enhanced status and deviations are unchanged. The reply itself when it fits.
     */
    public static Reply reply(Reply r, int maxChars) {
        long total = 0;
        for (String l : r.lines()) {
            total += l.length();
        }
        if (total <= maxChars) {
            return r;
        }
        List<String> kept = new ArrayList<>();
        int left = maxChars;
        int i = 0;
        for (; i < r.lines().size() && left > 0; i++) {
            String l = r.lines().get(i);
            if (l.length() <= left) {
                kept.add(l);
                left -= l.length();
            } else {
                kept.add(cut(l, left) + "…");
                left = 0;
                i++;
                break;
            }
        }
        int more = r.lines().size() - i;
        if (more > 0) {
            kept.add("… " + more + (more == 1 ? " more line" : " more lines") + " not kept");
        }
        return new Reply(r.code(), r.enhanced(), kept, r.deviations());
    }

    /** The text cut to {@code maxChars} characters, saying how many more there were. */
    public static String text(String s, int maxChars) {
        if (s == null || s.length() <= maxChars) {
            return s;
        }
        return cut(s, maxChars) + "… (" + (s.length() - maxChars) + " more characters not kept)";
    }

    /** The first {@code n} characters, not splitting a surrogate pair. */
    static String cut(String s, int n) {
        int end = Math.min(n, s.length());
        if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
