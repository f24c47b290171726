package dev.smtpdoctor.text;

/**
 * The one filter for text smtp-doctor did not write: SMTP replies, certificate fields, DNS answers, HTTP
 * autoconfig content, and exception messages from the JDK or TLS that describe what a server did. Every
 * such text passes through {@link #clean} where it enters the product, and the reports pass their whole
 * output through it once more ({@link #cleanLines}), so a boundary someone forgot still cannot reach the
 * user's terminal. No dependencies: every package may use it.
 *
 * <h2>The rule</h2>
 *
 * <p>Each code point below is replaced by U+FFFD (�), one for one; everything else is kept as is:
 * <ul>
 *   <li><b>Cc</b>, the C0 controls U+0000–U+001F, DEL U+007F and the C1 controls U+0080–U+009F — NUL,
 *       BEL, ESC (the start of every terminal escape sequence), CSI U+009B and OSC U+009D among them;</li>
 *   <li><b>Cf</b>, the format characters: the bidi marks, embeddings, overrides and isolates (U+061C,
 *       U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that make a terminal show text in another order
 *       than it was sent, the zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), the soft
 *       hyphen, the interlinear annotation marks and the invisible tag characters (U+E0001, U+E0020–U+E007F);</li>
 *   <li><b>Zl</b> and <b>Zp</b>, LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029, which some
 *       terminals and JSON consumers treat as a line break;</li>
 *   <li><b>Cs</b>, a surrogate that is not half of a pair (a string that is not well-formed UTF-16).</li>
 * </ul>
 * One exception: TAB (U+0009) is kept where text enters — RFC 5321 allows it in reply text, an SPF
 * record with a TAB is broken where one with a space is not, and the prober masks an echoed password
 * with its TABs — and becomes a space in the reports ({@link #cleanLines}), where it would move the cursor
 * to a column of the terminal's choosing. {@link #cleanLines} also keeps LF and CR LF, the line breaks of
 * the report itself. The categories are the running JDK's Unicode tables; the characters named above are
 * fixed by the tests.
 *
 * <p><b>Why U+FFFD and not a visible escape such as {@code \u202E}.</b> U+FFFD is Unicode's own sign for
 * "a character was here that cannot be shown", every terminal draws it, it takes one column (the report's
 * columns stay aligned), it is what a decoder already shows for bytes that are not UTF-8 (one symbol for
 * every kind of unprintable input), and it cannot be confused with text the server sent: a server can send
 * the six characters {@code \u202E} itself, but it cannot send something that reads as U+FFFD after this
 * filter without having sent a replaced character or U+FFFD, which is harmless either way.
 */
public final class UntrustedText {

    /** What every replaced code point becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private static final String ELLIPSIS = "…";

    private UntrustedText() {
    }

    /** True when {@code codePoint} is one this class replaces (Cc, Cf, Zl, Zp, Cs), TAB included. */
    public static boolean isForbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** True when {@link #clean} would change {@code text}. */
    public static boolean needsCleaning(String text) {
        return firstChange(text, false) >= 0;
    }

    /** {@code text} with every forbidden code point but TAB replaced by U+FFFD; null stays null. */
    public static String clean(String text) {
        return clean(text, false);
    }

    /**
     * As {@link #clean}, and at most {@code maxChars} characters long: a longer text is cut (never inside a
     * surrogate pair) and ends in "…".
     */
    public static String clean(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        String c = clean(text);
        if (c == null || c.length() <= maxChars) {
            return c;
        }
        int cut = maxChars - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(c.charAt(cut - 1))) {
            cut--;
        }
        return c.substring(0, Math.max(0, cut)) + ELLIPSIS;
    }

    /**
     * For a whole report made of lines: as {@link #clean}, TAB becomes a space, and the line breaks LF and
     * CR LF are kept (a report's {@code %n} is CR LF on Windows). A CR on its own is replaced: it moves the
     * cursor back over a line.
     */
    public static String cleanLines(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean lines) {
        if (text == null) {
            return null;
        }
        int first = firstChange(text, lines);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\t') {
                sb.append(lines ? ' ' : '\t');
            } else if (lines && lineBreak(text, i)) {
                sb.append((char) cp);
            } else if (isForbidden(cp)) {
                sb.append(REPLACEMENT);
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** LF, or the CR of a CR LF, at {@code i}. */
    private static boolean lineBreak(String text, int i) {
        char c = text.charAt(i);
        return c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
    }

    private static int firstChange(String text, boolean lines) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean changes = cp == '\t' ? lines : isForbidden(cp) && !(lines && lineBreak(text, i));
            if (changes) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
