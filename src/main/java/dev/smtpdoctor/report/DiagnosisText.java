package dev.smtpdoctor.report;

import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.JapaneseWording;
import dev.smtpdoctor.diagnosis.KnownMessage;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Words the diagnosis in the user's language. The message key conventions it implements:
 * <ul>
 *   <li>{@code finding.<CODE>}: the finding's sentence, with its named arguments in braces;</li>
 *   <li>{@code finding.<CODE>.<arg>.<value>}: an extra sentence, appended when the finding has that
 *       argument with that value (hints, kinds, providers);</li>
 *   <li>{@code finding.<CODE>.title}: a short label;</li>
 *   <li>an argument named {@code step} holds a {@link dev.smtpdoctor.probe.Step} name, shown through
 *       {@code step.<STEP>};</li>
 *   <li>{@code gmail.*} Gmail's own labels and verdict words, {@code recommendation.*}, {@code risk.*},
 *       {@code ask.*}, {@code next.*}, and {@code known.<MESSAGE>} / {@code known.<MESSAGE>.check}.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class DiagnosisText {

    private final Messages m;

    public DiagnosisText(Messages messages) {
        this.m = messages;
    }

    /**
     * The finding as one paragraph: its sentence and any extra sentences its arguments select. {@code {field}}
     * is the dialog field's label ({@code field.<FIELD>}, Gmail's own wording), as the input-lint texts use it.
     */
    public String finding(Finding f) {
        Map<String, String> args = localized(f.args());
        f.field().filter(x -> !args.containsKey("field") && m.has("field." + x.name()))
                .ifPresent(x -> args.put("field", m.named("field." + x.name(), Map.of())));
        StringBuilder sb = new StringBuilder(m.named("finding." + f.code().name(), args));
        for (Map.Entry<String, String> e : f.args().entrySet()) {
            String key = "finding." + f.code().name() + "." + e.getKey() + "." + e.getValue();
            if (m.has(key)) {
                sb.append(m.japanese() ? "" : " ").append(m.named(key, args));
            }
        }
        return sb.toString();
    }

    public String title(FindingCode code) {
        String key = "finding." + code.name() + ".title";
        // The input lint's findings have no title of their own: they are about what was typed.
        return m.named(m.has(key) || !code.name().startsWith("INPUT_") ? key : "finding.INPUT.title", Map.of());
    }

    /** Gmail's label for the security radio button. */
    public String security(Security s) {
        return m.named("gmail.security." + s.id(), Map.of());
    }

    /** One line per verdict: the choice, the status, Gmail's message and the cause. */
    public String verdict(GmailVerdict v) {
        List<String> parts = new ArrayList<>();
        parts.add(m.named("gmail.choice", Map.of("port", String.valueOf(v.port()), "security", security(v.security())))
                + ": " + m.named("gmail.status." + v.status().name()
                        + (v.status() == GmailVerdict.Status.WORKS && v.security() == Security.NONE ? ".none" : ""), Map.of()));
        if (v.status() == GmailVerdict.Status.WORKS && !v.loginVerified()) {
            parts.add(m.named("gmail.login-not-verified", Map.of()));
        }
        if (v.status() == GmailVerdict.Status.FAILS && v.message().equals(Optional.of(KnownMessage.SEND_AS_BOUNCE))) {
            // The dialog itself succeeds here; the failure comes later, as a bounce of every message.
            parts.add(m.named("gmail.bounces", Map.of("reply", v.serverReply().orElse(""))));
        } else if (v.status() == GmailVerdict.Status.FAILS && m.japanese()) {
            parts.add(v.message().map(k -> japaneseShown(v, k)).orElseGet(() -> m.named("gmail.no-message", Map.of())));
        } else if (v.status() == GmailVerdict.Status.FAILS) {
            String text = v.message().map(k -> k == KnownMessage.SERVER_RETURNED_ERROR
                    ? m.named("gmail.server-reply", Map.of("reply", v.serverReply().orElse("")))
                    : k.text() + v.serverReply().map(r -> " " + m.named("gmail.server-reply", Map.of("reply", r)))
                            .orElse(""))
                    .orElse(null);
            parts.add(text == null ? m.named("gmail.no-message", Map.of())
                    : m.named("gmail.shows", Map.of("text", text)) + (v.verbatim() ? "" : " " + m.named("gmail.approximate", Map.of())));
        }
        v.cause().ifPresent(c -> parts.add(title(c)));
        if (v.inferred()) {
            parts.add(m.named("gmail.inferred", Map.of()));
        }
        for (FindingCode c : v.caveats()) {
            parts.add("! " + title(c));
        }
        return String.join(" — ", parts);
    }

    /**
     * What Gmail's Japanese interface shows for {@code k} ({@link JapaneseWording}): an English text in 「」 with a
     * Japanese gloss after it, the server's reply as Gmail quotes it, and the approximate mark unless both this
     * verdict and the Japanese wording are confirmed.
     */
    private String japaneseShown(GmailVerdict v, KnownMessage k) {
        JapaneseWording w = JapaneseWording.of(k);
        String reply = v.serverReply().map(r -> m.named("gmail.server-reply", Map.of("reply", r))).orElse("");
        String shown = k == KnownMessage.SERVER_RETURNED_ERROR ? reply : w.text();
        String text = w.glossIfEnglish().map(g -> m.named("gmail.quoted-gloss", Map.of("text", shown, "gloss", g)))
                .orElse(shown);
        if (k != KnownMessage.SERVER_RETURNED_ERROR && !reply.isEmpty()) {
            text += " " + reply;
        }
        boolean confirmed = v.verbatim() && w.verbatim();
        return m.named("gmail.shows", Map.of("text", text)) + (confirmed ? "" : m.named("gmail.approximate", Map.of()));
    }

    /**
     * The first sentence of a finding's paragraph: up to the first "。", or the first ". " before a capital letter
     * (a host name's dots are followed by letters, not a space); never inside a quotation, where a server's reply
     * may have sentences of its own.
     */
    public String firstSentence(Finding f) {
        String paragraph = finding(f);
        boolean quoted = false;
        int japaneseQuotes = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                // A quotation that ends a sentence: "... the host." Next sentence.
                if (!quoted && i > 0 && paragraph.charAt(i - 1) == '.' && i + 2 < paragraph.length()
                        && paragraph.charAt(i + 1) == ' ' && Character.isUpperCase(paragraph.charAt(i + 2))) {
                    return paragraph.substring(0, i + 1);
                }
            } else if (c == '「') {
                japaneseQuotes++;
            } else if (c == '」') {
                japaneseQuotes = Math.max(0, japaneseQuotes - 1);
            } else if (!quoted && japaneseQuotes == 0) {
                if (c == '。') {
                    return paragraph.substring(0, i + 1);
                }
                if (c == '.' && i + 2 < paragraph.length() && paragraph.charAt(i + 1) == ' '
                        && Character.isUpperCase(paragraph.charAt(i + 2)) && !m.japanese()) {
                    return paragraph.substring(0, i + 1);
                }
            }
        }
        return paragraph;
    }

    /** What became of the typed combination: "your settings are right", or one sentence why not. */
    public String typedStatus(Recommendation r) {
        Recommendation.Typed t = r.typed().orElseThrow();
        Map<String, String> args = new LinkedHashMap<>();
        r.choice().ifPresent(c -> args.put("server", c.server()));
        args.put("problem", r.typedProblem().map(f -> title(f.code())).orElse(""));
        args.put("why", r.typedProblem().map(this::firstSentence).orElse(""));
        // "Use these settings instead" only when they are safe: an unsecured answer has its own warning.
        String key = "recommendation.typed." + t.name();
        if (r.kind() == Recommendation.Kind.INSECURE_ONLY && m.has(key + ".insecure-answer")) {
            key += ".insecure-answer";
        }
        return m.named(key, args);
    }

    /** A pasted message explained: the known text, what it means, the causes, and the deciding check. */
    public List<String> explanation(Explanation e) {
        // What it means first, then the message as the user pasted it (not the catalogue's wording).
        List<String> lines = new ArrayList<>();
        lines.add(m.named(e.meaningKey(), Map.of()));
        String pasted = e.pasted();
        if (m.japanese() && !hasJapanese(pasted)) {
            // Gmail shows this in English even in Japanese: a short gloss after it.
            pasted = JapaneseWording.of(e.message()).glossIfEnglish()
                    .map(g -> m.named("gmail.quoted-gloss", Map.of("text", e.pasted(), "gloss", g))).orElse(pasted);
        }
        lines.add("  " + m.named("explain.message", Map.of("message", pasted)));
        if (!e.causes().isEmpty()) {
            lines.add("  " + m.named("explain.causes", Map.of()));
            e.causes().forEach(c -> lines.add("    - " + title(c)));
        }
        lines.add("  " + m.named("explain.next", Map.of("step", m.named(e.checkKey(), Map.of()))));
        return lines;
    }

    private static boolean hasJapanese(String s) {
        return s.codePoints().anyMatch(c -> {
            Character.UnicodeScript sc = Character.UnicodeScript.of(c);
            return sc == Character.UnicodeScript.HIRAGANA || sc == Character.UnicodeScript.KATAKANA
                    || sc == Character.UnicodeScript.HAN;
        });
    }

    private Map<String, String> localized(Map<String, String> args) {
        Map<String, String> out = new LinkedHashMap<>(args);
        String step = args.get("step");
        if (step != null && m.has("step." + step)) {
            out.put("step", m.get("step." + step));
        }
        return out;
    }
}
