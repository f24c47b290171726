package dev.smtpdoctor.report;

import java.text.MessageFormat;
import java.util.Locale;
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
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
