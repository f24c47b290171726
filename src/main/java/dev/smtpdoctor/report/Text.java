package dev.smtpdoctor.report;

/** Terminal text helpers: padding by display width, so Japanese columns line up. */
public final class Text {

    private Text() {
    }

    /** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += width(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /** Columns one code point takes: 2 for East Asian wide and full-width characters, else 1. */
    public static int width(int codePoint) {
        return wide(codePoint) ? 2 : 1;
    }

    public static String padRight(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : s + " ".repeat(columns - w);
    }

    public static String padLeft(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : " ".repeat(columns - w) + s;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
