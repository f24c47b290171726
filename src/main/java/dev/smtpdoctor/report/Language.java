package dev.smtpdoctor.report;

import java.util.Locale;
import java.util.Optional;

/** The two languages the tool speaks. Anything not Japanese is English. */
public enum Language {
    EN(Locale.ENGLISH),
    JA(Locale.JAPANESE);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public static Language of(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage()) ? JA : EN;
    }

    /** Parses {@code --lang} values: ja, en, ja_JP, en-US... */
    public static Optional<Language> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("ja") || t.startsWith("ja_") || t.startsWith("ja-")) {
            return Optional.of(JA);
        }
        if (t.equals("en") || t.startsWith("en_") || t.startsWith("en-")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }

    /**
     * The language from the environment: {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG} (as a terminal
     * user sets them), else the JVM's default locale.
     */
    public static Language fromEnvironment(java.util.function.Function<String, String> env) {
        for (String var : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.apply(var);
            if (v != null && !v.isBlank()) {
                return v.toLowerCase(Locale.ROOT).startsWith("ja") ? JA : EN;
            }
        }
        return of(Locale.getDefault());
    }
}
