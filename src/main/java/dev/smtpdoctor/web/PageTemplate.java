package dev.smtpdoctor.web;

import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page, from {@code web/index.html} in the jar: {@code {{key}}} becomes the message {@code key} in the
 * page's language, {@code {{=name}}} a value given here (the per-page token, the language, the demo box).
 * Everything inserted is HTML-escaped except the demo box, which is built here from escaped parts. The
 * page has no inline script or style (the CSP forbids them); the script reads the token from a
 * {@code <meta>} element. Immutable and thread-safe.
 */
final class PageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(=?)([A-Za-z0-9_.=-]+)}}");

    private final String template;
    private final List<DemoRunner.Example> examples;

    PageTemplate(List<DemoRunner.Example> examples) {
        this.template = resource("index.html");
        this.examples = List.copyOf(examples);
    }

    String render(Language language, String token) {
        Messages m = Messages.forLocale(language.locale());
        Map<String, String> values = Map.of(
                "lang", language == Language.JA ? "ja" : "en",
                "token", escape(token),
                "current-en", language == Language.EN ? "aria-current=\"page\"" : "",
                "current-ja", language == Language.JA ? "aria-current=\"page\"" : "",
                "demo", examples.isEmpty() ? "" : demoBox(m));
        Matcher x = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder(template.length() + 4096);
        while (x.find()) {
            String name = x.group(2);
            String value = x.group(1).isEmpty() ? escape(m.named(name, Map.of())) : values.getOrDefault(name, "");
            x.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        x.appendTail(sb);
        return sb.toString();
    }

    /** The demo's box: which situation, and a button that fills in what its user typed. */
    private String demoBox(Messages m) {
        StringBuilder sb = new StringBuilder();
        sb.append("<section id=\"demo\" class=\"card demo\" aria-labelledby=\"demo-h\">\n<h2 id=\"demo-h\">")
                .append(escape(m.named("web.demo.heading", Map.of()))).append("</h2>\n<p>")
                .append(escape(m.named("web.demo.intro", Map.of()))).append("</p>\n<div class=\"field\"><label for=\"scenario\">")
                .append(escape(m.named("web.demo.scenario", Map.of())))
                .append("</label>\n<select id=\"scenario\" name=\"scenario\" form=\"check-form\">\n");
        for (DemoRunner.Example e : examples) {
            sb.append("<option value=\"").append(escape(e.id())).append("\" data-address=\"").append(escape(e.address()))
                    .append("\" data-server=\"").append(escape(e.server())).append("\" data-port=\"").append(e.port())
                    .append("\" data-security=\"").append(escape(e.security())).append("\" data-username=\"")
                    .append(escape(e.username())).append("\" data-password=\"").append(escape(e.password())).append("\">")
                    .append(escape(e.id() + ": " + m.get(e.descriptionKey()))).append("</option>\n");
        }
        sb.append("</select></div>\n<button type=\"button\" id=\"fill\" class=\"secondary\">")
                .append(escape(m.named("web.demo.fill", Map.of()))).append("</button>\n</section>");
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A file of the page from the jar ({@code dev/smtpdoctor/web/NAME}). */
    static String resource(String name) {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    static byte[] resourceBytes(String name) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
