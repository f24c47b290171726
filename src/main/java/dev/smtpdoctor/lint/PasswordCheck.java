package dev.smtpdoctor.lint;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks of the password that never change it (it may really contain a space or a full-width
 * character) and never reveal it: findings say only what kind of problem there is, with no
 * characters, counts or positions beyond "leading"/"trailing". The array is read, never copied into
 * a String.
 */
final class PasswordCheck {

    private PasswordCheck() {
    }

    static List<Finding> check(char[] password) {
        List<Finding> findings = new ArrayList<>();
        if (password.length == 0) {
            return findings;
        }
        // The runs of spaces at either end, then everything between them.
        int first = 0;
        while (first < password.length && Characters.isSpace(Character.codePointAt(password, first))) {
            first += Character.charCount(Character.codePointAt(password, first));
        }
        int end = password.length;
        while (end > first && Characters.isSpace(Character.codePointBefore(password, end))) {
            end -= Character.charCount(Character.codePointBefore(password, end));
        }
        boolean leading = first > 0;
        boolean trailing = end < password.length;
        boolean wide = false;
        boolean invisible = false;
        for (int i = 0; i < password.length; ) {
            int cp = Character.codePointAt(password, i);
            wide |= Characters.isWide(cp);
            invisible |= i >= first && i < end && (Characters.isInvisible(cp) || Characters.isControl(cp));
            i += Character.charCount(cp);
        }
        if (leading || trailing) {
            String position = leading && trailing ? "both" : leading ? "leading" : "trailing";
            findings.add(Finding.of(FindingCode.INPUT_PASSWORD_WHITESPACE, Severity.WARNING, Field.PASSWORD,
                    Finding.args("position", position)));
        }
        if (invisible) {
            findings.add(Finding.of(FindingCode.INPUT_PASSWORD_INVISIBLE_CHARACTER, Severity.WARNING, Field.PASSWORD,
                    Map.of()));
        }
        if (wide) {
            findings.add(Finding.of(FindingCode.INPUT_PASSWORD_FULL_WIDTH, Severity.WARNING, Field.PASSWORD,
                    Map.of()));
        }
        return findings;
    }
}
