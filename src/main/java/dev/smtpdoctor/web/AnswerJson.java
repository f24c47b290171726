package dev.smtpdoctor.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.report.ProbeTextReport;
import dev.smtpdoctor.text.UntrustedText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns a {@link Diagnosis} into what the page shows, in the page's language: the answer
 * first (what to type into Gmail, each value on its own for a copy button, or "your settings are right"),
 * then the findings as cards, Gmail's verdict per option, the risks of the unsecured route, and, folded
 * away, the matrix and the technical document ({@link CheckJson}, with every transcript). Texts come from
 * {@link DiagnosisText} and {@link Messages}; every string passes {@link UntrustedText#cleanLines}, and the
 * page inserts them as text, never as HTML. Holds no password: the diagnosis has none. Pure.
 */
public final class AnswerJson {

    private final Messages m;
    private final DiagnosisText text;
    private final String toolVersion;

    public AnswerJson(Messages messages, String toolVersion) {
        this.m = messages;
        this.text = new DiagnosisText(messages);
        this.toolVersion = toolVersion;
    }

    public ObjectNode of(Diagnosis d) {
        ObjectNode root = ProbeJson.mapper().createObjectNode();
        root.put("status", d.status().name());
        if (d.assessment().isEmpty()) {
            root.put("kind", "BAD_INPUT");
            root.put("headline", clean(m.get("check.bad-input")));
            root.set("findings", findings(d.lint()));
            return root;
        }
        Assessment a = d.assessment().get();
        Recommendation r = a.recommendation();
        String address = d.settings().map(s -> s.address()).orElse("");
        root.put("kind", r.kind().name());
        root.put("address", clean(address));
        root.put("settingsRight", r.typed().filter(t -> t == Recommendation.Typed.KEEP).isPresent());
        root.put("headline", clean(headline(r)));
        root.set("summary", texts(summary(r)));
        r.choice().ifPresent(c -> root.set("values", values(c)));
        r.choice().ifPresent(c -> root.set("notes", texts(notes(c, address))));
        confirm(root, r);
        section(root, "risks", "recommendation.risks", r.risks().stream().map(x -> m.named("risk." + x.name(), Map.of())).toList());
        section(root, "ask", "recommendation.ask", r.askProvider().stream().map(x -> m.named("ask." + x.name(), Map.of())).toList());
        r.likelyCause().ifPresent(f -> root.set("likelyCause", card(f, m.named("recommendation.likely-cause", Map.of()))));
        r.nextAction().ifPresent(x -> root.put("next", clean(m.named("recommendation.next", Map.of()) + " "
                + m.named("next." + x.name(), Map.of()))));
        List<Finding> rest = a.findings().stream().filter(f -> !r.likelyCause().map(f::equals).orElse(false)).toList();
        root.set("findings", findings(rest));
        boolean addressSuspect = r.likelyCauseCode().filter(c -> c == FindingCode.ADDRESS_DOMAIN_NOT_FOUND).isPresent();
        if (!a.gmail().isEmpty() && !addressSuspect) {
            ObjectNode g = root.putObject("gmail");
            g.put("heading", clean(m.get("check.gmail", a.gmail().get(0).host())));
            ArrayNode items = g.putArray("items");
            for (GmailVerdict v : a.gmail()) {
                ObjectNode n = items.addObject();
                n.put("mark", mark(v));
                n.put("text", clean(text.verdict(v)));
            }
        }
        d.domain().ifPresent(dom -> {
            ObjectNode n = root.putObject("domain");
            n.put("heading", clean(m.named("domain.heading", Map.of("domain", dom.domain()))));
            n.set("findings", findings(dom.findings()));
        });
        root.set("matrix", matrix(d));
        root.put("vantage", clean(m.get("check.vantage")));
        root.put("elapsed", clean(m.get("check.elapsed", String.valueOf(d.totalMillis()), String.valueOf(d.probes().size()))));
        root.set("technical", CheckJson.document(d, "serve", toolVersion));
        return root;
    }

    /** A pasted error explained ({@code explain}): its meaning, its causes and the check that tells them apart. */
    public ObjectNode explanations(List<Explanation> explanations) {
        ObjectNode root = ProbeJson.mapper().createObjectNode();
        ArrayNode list = root.putArray("explanations");
        for (Explanation e : explanations) {
            ObjectNode n = list.addObject();
            n.put("message", clean(e.text() + (e.verbatim() ? "" : " " + m.named("explain.approximate", Map.of()))));
            n.put("meaning", clean(m.named(e.meaningKey(), Map.of())));
            n.put("causesHeading", clean(m.named("explain.causes", Map.of())));
            n.set("causes", texts(e.causes().stream().map(text::title).toList()));
            n.put("check", clean(m.named(e.checkKey(), Map.of())));
        }
        if (explanations.isEmpty()) {
            root.put("none", clean(m.named("explain.none", Map.of())));
        }
        return root;
    }

    /** "Your settings are right", "What you typed does not work (…)", or the situation's own sentence. */
    private String headline(Recommendation r) {
        Optional<Recommendation.Typed> typed = r.typed();
        if (typed.isPresent()) {
            String key = "recommendation.typed." + typed.get().name();
            if (r.kind() == Recommendation.Kind.INSECURE_ONLY && m.has(key + ".insecure-answer")) {
                key += ".insecure-answer";
            }
            return m.named(key, Map.of("server", r.choice().map(c -> c.server()).orElse(""),
                    "problem", r.typedProblem().map(f -> text.title(f.code())).orElse("")));
        }
        return m.named("recommendation." + r.kind().name(), Map.of());
    }

    private List<String> summary(Recommendation r) {
        List<String> lines = new java.util.ArrayList<>();
        if (r.typed().isPresent() && r.typed().get() != Recommendation.Typed.KEEP) {
            lines.add(m.named("recommendation." + r.kind().name(), Map.of()));
        }
        r.passwordUntested().ifPresent(u -> lines.add(m.named(word("recommendation.password-untested." + u.why().name()),
                Map.of("host", u.host().orElse("")))));
        return lines;
    }

    /** Gmail's fields with the values to type: label (Gmail's own), value, and whether to offer a copy button. */
    private ArrayNode values(Recommendation.Choice c) {
        ArrayNode out = ProbeJson.mapper().createArrayNode();
        value(out, "server", m.named("gmail.field.server", Map.of()), c.server(), true);
        value(out, "port", m.named("gmail.field.port", Map.of()), String.valueOf(c.port()), true);
        value(out, "username", m.named("gmail.field.username", Map.of()), c.username(), true);
        value(out, "password", m.named("gmail.field.password", Map.of()), m.named("web.answer.password", Map.of()), false);
        value(out, "security", m.named("web.field.security", Map.of()), text.security(c.security()), false);
        return out;
    }

    private static void value(ArrayNode out, String field, String label, String value, boolean copy) {
        ObjectNode n = out.addObject();
        n.put("field", field);
        n.put("label", clean(label));
        n.put("value", clean(value));
        n.put("copy", copy);
    }

    private List<String> notes(Recommendation.Choice c, String address) {
        List<String> lines = new java.util.ArrayList<>();
        String source = "recommendation.source." + c.source().name();
        boolean ownSentence = c.confirmWithProvider() && m.has("recommendation.confirm-with-provider." + c.source().name());
        if (m.has(source) && !(ownSentence && c.source() == CandidateSource.CERTIFICATE_NAME)) {
            lines.add(m.named(source, Map.of()));
        }
        lines.add(m.named(c.loginVerified() ? "recommendation.login-verified" : "recommendation.login-not-verified", Map.of()));
        if (c.senderVerified()) {
            lines.add(m.named("recommendation.sender-verified", Map.of("address", address)));
        }
        if (c.confirmWithProvider()) {
            String key = "recommendation.confirm-with-provider." + c.source().name();
            lines.add(m.named(m.has(key) ? word(key) : "recommendation.confirm-with-provider", Map.of("server", c.server())));
        }
        return lines;
    }

    /**
     * The page's own wording where the shared one tells a terminal user to add an option ({@code web.<key>}):
     * on the page the same step is a button or a field.
     */
    private String word(String key) {
        return m.has("web." + key) ? "web." + key : key;
    }

    /**
     * The password went untested because the working server is a name from the certificate nobody confirmed:
     * the page asks "is this your provider's server?" and, on yes, runs the check again with that name trusted.
     */
    private void confirm(ObjectNode root, Recommendation r) {
        r.passwordUntested().filter(u -> u.why() == Recommendation.PasswordUntested.Why.CERTIFICATE_NAME_UNCONFIRMED)
                .flatMap(u -> u.host()).ifPresent(host -> {
                    ObjectNode n = root.putObject("confirm");
                    n.put("name", clean(host));
                    n.put("question", clean(m.named("web.confirm.question", Map.of("host", host))));
                    n.put("button", clean(m.named("web.confirm.button", Map.of("host", host))));
                });
    }

    private void section(ObjectNode root, String name, String headingKey, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        ObjectNode n = root.putObject(name);
        n.put("heading", clean(m.named(headingKey, Map.of())));
        n.set("items", texts(items));
    }

    private ArrayNode findings(List<Finding> findings) {
        ArrayNode out = ProbeJson.mapper().createArrayNode();
        findings.forEach(f -> out.add(card(f, null)));
        return out;
    }

    /** One finding as a card: severity, its short title, the explanation with the fix. */
    private ObjectNode card(Finding f, String label) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("severity", f.severity().name());
        n.put("code", f.code().name());
        n.put("title", clean(label == null ? text.title(f.code()) : label + " " + text.title(f.code())));
        n.put("text", clean(text.finding(f)));
        return n;
    }

    /** ✓ secure and works, ⚠ works only unsecured, ✗ fails, ? not tested: the text report's marks. */
    private static String mark(GmailVerdict v) {
        return switch (v.status()) {
            case FAILS -> "fails";
            case NOT_TESTED -> "untested";
            case WORKS -> v.security() == Security.NONE ? "unsecured" : "works";
        };
    }

    /** Every probe: server:port, mode, time, where the name came from, and what happened, in words. */
    private ArrayNode matrix(Diagnosis d) {
        ProbeTextReport probeText = new ProbeTextReport(m);
        ArrayNode out = ProbeJson.mapper().createArrayNode();
        for (CandidateProbe p : d.probes()) {
            ProbeResult r = p.result();
            ObjectNode n = out.addObject();
            n.put("endpoint", clean(r.endpoint().host() + ":" + r.endpoint().port()));
            n.put("security", clean(text.security(r.endpoint().security())));
            n.put("millis", r.totalMillis());
            n.put("source", clean(m.get("check.source." + p.candidate().source().name())));
            String state;
            if (r.completed()) {
                state = r.tls().map(t -> t.verified() ? m.get("check.cell.verified") : m.get("check.cell.cert-refused"))
                        .orElse(m.get("check.cell.plain"));
                if (r.auth().status() != AuthResult.Status.NOT_REQUESTED && r.auth().status() != AuthResult.Status.DEFERRED) {
                    state += m.japanese() ? "、" : ", ";
                    state += m.get("check.auth." + r.auth().status().name());
                }
            } else {
                state = probeText.outcomeText(r.outcome());
            }
            n.put("state", clean(state));
            n.put("ok", r.completed());
        }
        return out;
    }

    private static ArrayNode texts(List<String> lines) {
        ArrayNode out = ProbeJson.mapper().createArrayNode();
        lines.forEach(l -> out.add(clean(l)));
        return out;
    }

    private static String clean(String s) {
        return UntrustedText.cleanLines(s);
    }
}
