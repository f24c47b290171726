package dev.smtpdoctor.web;

import dev.smtpdoctor.report.Language;
import java.util.Optional;

/**
 * The page's language: the one chosen on the page ({@code ?lang=ja}, the switch), else the browser's
 * ({@code Accept-Language}, RFC 9110 §12.5.4: the first of Japanese or English with the highest weight), else
 * the server's default ({@code serve --lang}). Pure.
 */
public final class PageLanguage {

    private static final int MAX_HEADER_CHARS = 512;

    private PageLanguage() {
    }

    public static Language choose(String chosen, String acceptLanguage, Language fallback) {
        if (chosen != null) {
            Optional<Language> l = Language.parse(chosen);
            if (l.isPresent()) {
                return l.get();
            }
        }
        return fromAcceptLanguage(acceptLanguage).orElse(fallback);
    }

    static Optional<Language> fromAcceptLanguage(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            return Optional.empty();
        }
        Language best = null;
        double bestQ = 0;
        for (String item : header.split(",", 32)) {
            String[] parts = item.split(";");
            Optional<Language> l = Language.parse(parts[0]);
            if (l.isEmpty()) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > bestQ) {
                best = l.get();
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }
}
