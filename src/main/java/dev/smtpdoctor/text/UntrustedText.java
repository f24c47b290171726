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
 * Two exceptions: TAB (U+0009) becomes a space — RFC 5321 allows it in reply text and it separates words,
 * but it moves the cursor to a column of the terminal's choosing; and {@link #cleanLines} keeps LF, the
 * line break of the report itself. The categories are the running JDK's Unicode tables; the characters
 * named above are fixed by the tests.
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

    /** True when {@code codePoint} is one {@link #clean} replaces (TAB aside, which becomes a space). */
    public static boolean isForbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** True when {@code text} holds a code point {@link #clean} would change (TAB included). */
    public static boolean needsCleaning(String text) {
        return firstChange(text, false) >= 0;
    }

    /** {@code text} with every forbidden code point replaced by U+FFFD and TAB by a space; null stays null. */
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

    /** As {@link #clean}, keeping LF: for a whole report made of lines. */
    public static String cleanLines(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean keepLf) {
        if (text == null) {
            return null;
        }
        int first = firstChange(text, keepLf);
        if (first < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                sb.append(' ');
            } else if (cp == '\n' && keepLf) {
                sb.append('\n');
            } else if (isForbidden(cp)) {
                sb.append(REPLACEMENT);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static int firstChange(String text, boolean keepLf) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if ((cp == '\t' || isForbidden(cp)) && !(keepLf && cp == '\n')) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
