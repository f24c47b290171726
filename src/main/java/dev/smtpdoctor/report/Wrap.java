package dev.smtpdoctor.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a paragraph to a terminal width counted in display columns ({@link Text#width}: East Asian wide
 * characters take two). English breaks at spaces; Japanese, which has none, may break between any two wide
 * characters, except before closing punctuation (、。」） …) and after an opening bracket (「（ …), the usual
 * line-breaking rules of Japanese text (kinsoku, JIS X 4051). A word longer than the line (a long host name)
 * is cut at the width so that no line ever exceeds it.
 *
 * <p>Written here rather than taken from a library: the JDK's {@link java.text.BreakIterator} gives the break
 * opportunities but not display widths, and the rules needed are these few lines. Pure.
 */
public final class Wrap {

    /** The width of a classic terminal; the short report keeps every line within it. */
    public static final int COLUMNS = 80;

    private static final String NO_LINE_START = "、。，．・：；？！ー）」』】〕〉》”’,.:;?!)]}%ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻";
    private static final String NO_LINE_END = "（「『【〔〈《“‘([{";

    private Wrap() {
    }

    /**
     * {@code text} (one paragraph, newlines are treated as spaces) as lines of at most {@code width} columns,
     * the first starting with {@code first} and the others with {@code rest}.
     */
    public static List<String> lines(String text, int width, String first, String rest) {
        List<String> out = new ArrayList<>();
        String s = text.replace('\n', ' ').strip();
        String indent = first;
        while (!s.isEmpty()) {
            int room = Math.max(1, width - Text.width(indent));
            if (Text.width(s) <= room) {
                out.add(indent + s);
                break;
            }
            int cut = breakAt(s, room);
            out.add(indent + s.substring(0, cut).stripTrailing());
            s = s.substring(cut).stripLeading();
            indent = rest;
        }
        if (out.isEmpty()) {
            out.add(first.stripTrailing());
        }
        return out;
    }

    /** {@link #lines} with the same indent on every line. */
    public static List<String> lines(String text, String indent) {
        return lines(text, COLUMNS, indent, indent);
    }

    /**
     * The index to cut {@code s} at so that the head fits {@code room} columns: the last break between words when
     * it leaves the line at least half full, else the last break Japanese line-breaking allows at all.
     */
    static int breakAt(String s, int room) {
        int columns = 0;
        int word = -1;
        int any = -1;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int w = Text.width(cp);
            if (columns + w > room) {
                break;
            }
            columns += w;
            int next = i + Character.charCount(cp);
            if (next < s.length()) {
                int after = s.codePointAt(next);
                if (mayBreak(cp, after)) {
                    any = next;
                    if (betweenWords(cp, after) && columns * 2 >= room) {
                        word = next;
                    }
                }
            }
            i = next;
        }
        if (word > 0) {
            return word;
        }
        if (any > 0) {
            return any;
        }
        // Nothing to break at within the line: cut the word (a long host name), but never inside a surrogate pair.
        return Math.max(i, Character.charCount(s.codePointAt(0)));
    }

    /** May a line end between {@code cp} and {@code after}: at a space, or between Japanese characters (kinsoku). */
    private static boolean mayBreak(int cp, int after) {
        if (after == ' ') {
            return true;
        }
        if (cp == ' ') {
            return false; // the space itself is where the break goes
        }
        if (NO_LINE_START.indexOf(after) >= 0 || NO_LINE_END.indexOf(cp) >= 0) {
            return false;
        }
        return wide(cp) || wide(after);
    }

    /**
     * A break that does not cut a word: at a space, after Japanese punctuation, before an opening bracket, or after
     * a particle (は が を に で と も の へ や) that ends a phrase before a word in kanji, katakana or Latin letters.
     * Japanese has no spaces between words; these are where a reader would pause, so "サーバー" or "伏せ字" stays whole.
     */
    private static boolean betweenWords(int cp, int after) {
        if (after == ' ') {
            return true;
        }
        if ("、。）」』】".indexOf(cp) >= 0 || "（「『【".indexOf(after) >= 0) {
            return true;
        }
        return PARTICLES.indexOf(cp) >= 0 && !isHiragana(after) && NO_LINE_START.indexOf(after) < 0;
    }

    private static final String PARTICLES = "はがをにでともへや" + "の";

    private static boolean isHiragana(int cp) {
        return cp >= 0x3041 && cp <= 0x309F;
    }

    private static boolean wide(int cp) {
        return Text.width(cp) == 2;
    }
}
