package dev.smtpdoctor.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user's language: every sentence the tool shows comes from {@code Messages.properties} (English)
 * or {@code Messages_ja.properties} (Japanese), formatted with {@link MessageFormat}. JSON never uses
 * this; it carries language-neutral codes. Immutable and thread-safe.
 */
public final class Messages {

    public static final String BUNDLE = "dev.smtpdoctor.Messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    public static Messages forLocale(Locale locale) {
        Locale l = Language.of(locale).locale();
        // No fallback to the JVM's default locale: English is the base bundle.
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(b, l);
    }

    public Locale locale() {
        return locale;
    }

    public boolean japanese() {
        return locale.getLanguage().equals("ja");
    }

    /** The message for {@code key} with arguments; a missing key shows as {@code !key!} rather than failing. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        // Always through MessageFormat, so '' reads as one apostrophe whether or not there are arguments.
        return new MessageFormat(pattern, locale).format(args);
    }

    /**
     * The message for {@code key} with its {@code {name}} placeholders replaced by {@code args} — the form
     * diagnosis texts use, because a finding carries named arguments, not positions. Not
     * {@link MessageFormat}: apostrophes are plain text and braces need no quoting. A placeholder whose name
     * is not in {@code args} is left as it is; values are inserted literally (a value containing
     * {@code {x}} is not expanded again). A missing key shows as {@code !key!}.
     */
    public String named(String key, Map<String, String> args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return fill(pattern, args);
    }

    /** Replaces {@code {name}} placeholders in {@code pattern}; see {@link #named}. */
    static String fill(String pattern, Map<String, String> args) {
        StringBuilder sb = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int end = pattern.indexOf('}', i + 1);
                if (end > i + 1) {
                    String name = pattern.substring(i + 1, end);
                    String value = args.get(name);
                    if (value != null && isName(name)) {
                        // Japanese puts a space around a Latin word ("EHLO の途中") but none between Japanese
                        // words: a Japanese value ("最初の応答") loses the spaces its template kept for Latin ones.
                        if (!value.isEmpty() && wide(value.charAt(0)) && sb.length() >= 2
                                && sb.charAt(sb.length() - 1) == ' ' && wide(sb.charAt(sb.length() - 2))) {
                            sb.setLength(sb.length() - 1);
                        }
                        sb.append(value);
                        i = end + 1;
                        if (!value.isEmpty() && wide(value.charAt(value.length() - 1)) && i + 1 < pattern.length()
                                && pattern.charAt(i) == ' ' && wide(pattern.charAt(i + 1))) {
                            i++;
                        }
                        continue;
                    }
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** A Japanese (or other East Asian wide) character, between which no space belongs. */
    private static boolean wide(char c) {
        return Text.width((int) c) == 2;
    }

    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
