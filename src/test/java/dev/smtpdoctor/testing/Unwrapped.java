package dev.smtpdoctor.testing;

/**
 * A report with its wrapped lines joined again, for assertions on a whole sentence: every line end and the
 * indent after it become one space, or nothing between two Japanese characters (Japanese wraps without a
 * space), and runs of spaces become one. Not for assertions on layout.
 */
public final class Unwrapped {

    private Unwrapped() {
    }

    public static String of(String report) {
        StringBuilder sb = new StringBuilder();
        String[] lines = report.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (i > 0 && !line.isEmpty() && sb.length() > 0) {
                char before = sb.charAt(sb.length() - 1);
                sb.append(wide(before) && wide(line.charAt(0)) ? "" : " ");
            }
            sb.append(line.replaceAll(" {2,}", " "));
        }
        return sb.toString();
    }

    private static boolean wide(char c) {
        return c >= 0x2E80 && !(c >= 0xFF61 && c <= 0xFFDC);
    }
}
