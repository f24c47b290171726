package dev.smtpdoctor.testing;

import dev.smtpdoctor.text.UntrustedText;
import java.util.stream.IntStream;

/**
 * The assertion behind "no output can drive the terminal": a report, transcript or JSON document holds no
 * code point {@link UntrustedText} forbids, LF (the report's own line break) aside. The named characters of
 * security finding 4 are listed here as well, so a change to the sanitiser's predicate cannot quietly
 * weaken this check.
 */
public final class Printable {

    private static final int[] NAMED = IntStream.concat(IntStream.concat(
            IntStream.rangeClosed(0, 0x1F).filter(c -> c != '\n'), IntStream.rangeClosed(0x7F, 0x9F)),
            IntStream.of(0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C,
                    0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF)).toArray();

    private Printable() {
    }

    /** Throws naming the first forbidden code point, with the text around it (escaped). */
    public static void assertPrintable(String what, String out) {
        for (int i = 0; i < out.length(); ) {
            int cp = out.codePointAt(i);
            if (cp != '\n' && (UntrustedText.isForbidden(cp) || named(cp))) {
                throw new AssertionError(String.format("%s: forbidden code point U+%04X at %d in:%n%s", what, cp, i,
                        escaped(out.substring(Math.max(0, i - 80), Math.min(out.length(), i + 80)))));
            }
            i += Character.charCount(cp);
        }
    }

    private static boolean named(int cp) {
        for (int n : NAMED) {
            if (n == cp) {
                return true;
            }
        }
        return false;
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || (!UntrustedText.isForbidden(cp) && !named(cp))) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format("<U+%04X>", cp));
            }
        });
        return sb.toString();
    }
}
