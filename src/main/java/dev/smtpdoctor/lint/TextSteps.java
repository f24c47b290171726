package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.FindingCode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The copy-paste and IME clean-ups shared by the text fields (address, server, port, username).
 * Each step returns the new value and records a finding on the trace when it changed something.
 */
final class TextSteps {

    private TextSteps() {
    }

    /**
     * Removes invisible characters anywhere (INPUT_INVISIBLE_CHARACTER, naming each distinct
     * character) and spaces, tabs and line breaks before and after the value
     * (INPUT_SURROUNDING_WHITESPACE). Control characters inside the value (a tab or line break in the
     * middle) count as invisible: no field can contain them. Ordinary spaces inside are kept; see
     * {@link #removeInnerSpaces}.
     */
    static String stripInvisibleAndSurrounding(FieldTrace trace, String s) {
        int[] cps = s.codePoints().toArray();
        int first = 0;
        while (first < cps.length && blankish(cps[first])) {
            first++;
        }
        int last = cps.length - 1;
        while (last >= first && blankish(cps[last])) {
            last--;
        }
        StringBuilder out = new StringBuilder(s.length());
        Set<String> invisible = new LinkedHashSet<>();
        boolean surrounding = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            boolean edge = i < first || i > last;
            if (Characters.isInvisible(cp) || (Characters.isControl(cp) && !(edge && Characters.isSpace(cp)))) {
                invisible.add(Characters.describe(cp));
            } else if (edge) {
                surrounding = true;
            } else {
                out.appendCodePoint(cp);
            }
        }
        if (surrounding) {
            trace.corrected(FindingCode.INPUT_SURROUNDING_WHITESPACE);
        }
        if (!invisible.isEmpty()) {
            trace.corrected(FindingCode.INPUT_INVISIBLE_CHARACTER, "character", String.join(", ", invisible));
        }
        return out.toString();
    }

    /** Removes spaces inside a value that can never contain one (host, port, address). */
    static String removeInnerSpaces(FieldTrace trace, String s) {
        String out = s.codePoints().filter(cp -> !Characters.isSpace(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (!out.equals(s)) {
            trace.corrected(FindingCode.INPUT_INNER_WHITESPACE);
        }
        return out;
    }

    /** Full-width forms from a Japanese IME to ASCII (ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ, ５８７, ＠, 。). */
    static String toHalfWidth(FieldTrace trace, String s) {
        if (s.codePoints().noneMatch(Characters::isFullWidthForm)) {
            return s;
        }
        trace.corrected(FindingCode.INPUT_FULL_WIDTH);
        return s.codePoints().map(Characters::halfWidth)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static boolean blankish(int cp) {
        return Characters.isSpace(cp) || Characters.isInvisible(cp) || Characters.isControl(cp);
    }
}
