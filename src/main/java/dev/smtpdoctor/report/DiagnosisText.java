package dev.smtpdoctor.report;

import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.diagnosis.GmailVerdict;
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
        return m.named("finding." + code.name() + ".title", Map.of());
    }

    /** Gmail's label for the security radio button. */
    public String security(Security s) {
        return m.named("gmail.security." + s.id(), Map.of());
    }

    /** One line per verdict: the choice, the status, Gmail's message and the cause. */
    public String verdict(GmailVerdict v) {
        List<String> parts = new ArrayList<>();
        parts.add(m.named("gmail.choice", Map.of("port", String.valueOf(v.port()), "security", security(v.security())))
                + ": " + m.named("gmail.status." + v.status().name(), Map.of()));
        if (v.status() == GmailVerdict.Status.WORKS && !v.loginVerified()) {
            parts.add(m.named("gmail.login-not-verified", Map.of()));
        }
        if (v.status() == GmailVerdict.Status.FAILS && v.message().equals(Optional.of(KnownMessage.SEND_AS_BOUNCE))) {
            // The dialog itself succeeds here; the failure comes later, as a bounce of every message.
            parts.add(m.named("gmail.bounces", Map.of("reply", v.serverReply().orElse(""))));
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

    /** The recommendation as lines, ready to print. {@code address} is the address being added. */
    public List<String> recommendation(Recommendation r, String address) {
        List<String> lines = new ArrayList<>();
        // What became of the typed settings comes first: "your settings are right", or one sentence why not.
        Optional<Recommendation.Typed> typed = r.typed();
        typed.ifPresent(t -> {
            Map<String, String> args = new LinkedHashMap<>();
            r.choice().ifPresent(c -> args.put("server", c.server()));
            args.put("problem", r.typedProblem().map(f -> title(f.code())).orElse(""));
            // "Use these settings instead" only when they are safe: an unsecured answer has its own warning below.
            String key = "recommendation.typed." + t.name();
            if (r.kind() == Recommendation.Kind.INSECURE_ONLY && m.has(key + ".insecure-answer")) {
                key += ".insecure-answer";
            }
            lines.add(m.named(key, args));
        });
        if (typed.isEmpty() || typed.get() != Recommendation.Typed.KEEP) {
            lines.add(m.named("recommendation." + r.kind().name(), Map.of()));
        }
        r.passwordUntested().ifPresent(u -> lines.add(m.named("recommendation.password-untested." + u.why().name(),
                Map.of("host", u.host().orElse("")))));
        r.choice().ifPresent(c -> {
            lines.add("  " + m.named("recommendation.server", Map.of("server", c.server())));
            lines.add("  " + m.named("recommendation.port", Map.of("port", String.valueOf(c.port()))));
            lines.add("  " + m.named("recommendation.username", Map.of("username", c.username())));
            lines.add("  " + m.named("recommendation.password", Map.of()));
            lines.add("  " + m.named("recommendation.security", Map.of("security", security(c.security()))));
            String source = "recommendation.source." + c.source().name();
            // An unconfirmed certificate name has its own sentence below: DNS alone says "the same server".
            boolean ownSentence = c.confirmWithProvider() && m.has("recommendation.confirm-with-provider." + c.source().name());
            if (m.has(source) && !(ownSentence && c.source() == dev.smtpdoctor.discovery.CandidateSource.CERTIFICATE_NAME)) {
                lines.add(m.named(source, Map.of()));
            }
            lines.add(m.named(c.loginVerified() ? "recommendation.login-verified" : "recommendation.login-not-verified",
                    Map.of()));
            if (c.senderVerified()) {
                lines.add(m.named("recommendation.sender-verified", Map.of("address", address)));
            }
            if (c.confirmWithProvider()) {
                // A discovered server has its own wording ("proposed by ... outside your domain"), a guess the generic one.
                String key = "recommendation.confirm-with-provider." + c.source().name();
                lines.add(m.named(m.has(key) ? key : "recommendation.confirm-with-provider", Map.of("server", c.server())));
            }
        });
        if (!r.risks().isEmpty()) {
            lines.add(m.named("recommendation.risks", Map.of()));
            r.risks().forEach(x -> lines.add("  - " + m.named("risk." + x.name(), Map.of())));
        }
        if (!r.askProvider().isEmpty()) {
            lines.add(m.named("recommendation.ask", Map.of()));
            r.askProvider().forEach(x -> lines.add("  - " + m.named("ask." + x.name(), Map.of())));
        }
        r.likelyCause().ifPresent(f -> lines.add(m.named("recommendation.likely-cause", Map.of()) + " " + finding(f)));
        r.nextAction().ifPresent(a -> lines.add(m.named("recommendation.next", Map.of()) + " "
                + m.named("next." + a.name(), Map.of())));
        return lines;
    }

    /** A pasted message explained: the known text, what it means, the causes, and the deciding check. */
    public List<String> explanation(Explanation e) {
        // What it means first, then the message as the user pasted it (not the catalogue's wording).
        List<String> lines = new ArrayList<>();
        lines.add(m.named(e.meaningKey(), Map.of()));
        lines.add("  " + m.named("explain.message", Map.of("message", e.pasted())));
        if (!e.causes().isEmpty()) {
            lines.add("  " + m.named("explain.causes", Map.of()));
            e.causes().forEach(c -> lines.add("    - " + title(c)));
        }
        lines.add("  " + m.named("explain.next", Map.of("step", m.named(e.checkKey(), Map.of()))));
        return lines;
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
