package dev.smtpdoctor.lint;

import java.util.Locale;

/**
 * How the lint classifies single characters (code points). Pure and stateless.
 *
 * <p>"Invisible" means a character that shows nothing (or looks like an ordinary space) when pasted
 * into a form, so the user cannot see it: format characters (Unicode category Cf: zero-width space,
 * zero-width (non-)joiner, BOM U+FEFF, directional marks, soft hyphen...), the no-break spaces
 * (U+00A0, U+2007, U+202F) that web pages use instead of spaces, and fillers that render blank.
 */
final class Characters {

    private Characters() {
    }

    static boolean isInvisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F // no-break spaces
                || cp == 0x034F // combining grapheme joiner
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0; // Hangul fillers
    }

    /** C0/C1 control characters, including tab, CR and LF. */
    static boolean isControl(int cp) {
        return Character.getType(cp) == Character.CONTROL;
    }

    /** Spaces of any kind, tabs and line breaks (ASCII space, U+3000 ideographic space, ...). */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /**
     * Characters a Japanese IME produces instead of ASCII: the full-width forms U+FF01–U+FF5E
     * (ｓｍｔｐ, ５８７, ＠, ．, －), the ideographic space U+3000 and the ideographic full stops 。 and ｡
     * that IDNA (RFC 3490 §3.1) also treats as dots.
     */
    static boolean isFullWidthForm(int cp) {
        return (cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000 || cp == 0x3002 || cp == 0xFF61;
    }

    /** The ASCII character for a {@link #isFullWidthForm full-width form}; any other code point unchanged. */
    static int halfWidth(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0;
        }
        return switch (cp) {
            case 0x3000 -> ' ';
            case 0x3002, 0xFF61 -> '.';
            default -> cp;
        };
    }

    /**
     * East Asian wide or full-width characters: what Japanese users call 全角 (full-width Latin letters
     * and digits, kana, kanji, CJK punctuation). Used for passwords, which are never changed.
     */
    static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /** {@code "U+200B ZERO WIDTH SPACE"}: code point and Unicode name, the same in every language. */
    static String describe(int cp) {
        String name = Character.getName(cp);
        String code = "U+" + codePoint(cp);
        if (cp == 0xFEFF) {
            return code + " ZERO WIDTH NO-BREAK SPACE (BOM)";
        }
        return name == null ? code : code + " " + name;
    }

    /**
     * The text with every character the user could not see (other than the ASCII space) written as
     * {@code [U+XXXX]}, so that a message quoting a typed value shows where the problem is.
     */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (cp != ' ' && (isInvisible(cp) || isControl(cp) || isSpace(cp))) {
                sb.append("[U+").append(codePoint(cp)).append(']');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "%04X", cp);
    }
}
