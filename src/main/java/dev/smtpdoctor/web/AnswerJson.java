package dev.smtpdoctor.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.diagnosis.Explanation;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.report.Answer;
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
        Answer answer = Answer.of(d, m);
        root.put("kind", r.kind().name());
        root.put("address", clean(d.settings().map(s -> s.address()).orElse("")));
        root.put("heading", clean(answer.heading()));
        root.put("settingsRight", r.typed().filter(t -> t == Recommendation.Typed.KEEP).isPresent());
        // The verdict on what was typed leads; without one, the situation's own sentence ("Type this into Gmail:").
        root.put("headline", clean(answer.verdict().or(answer::intro).orElse("")));
        List<String> summary = new java.util.ArrayList<>();
        answer.why().ifPresent(summary::add);
        answer.verdict().flatMap(v -> answer.intro()).ifPresent(summary::add);
        root.set("summary", texts(summary));
        root.set("cautions", texts(answer.cautions().stream().map(c -> pageWording(c, r)).toList()));
        if (!answer.fields().isEmpty()) {
            root.set("values", values(answer.fields()));
        }
        root.set("notes", texts(answer.notes()));
        confirm(root, r);
        section(root, "risks", "recommendation.risks", answer.risks());
        section(root, "ask", "recommendation.ask", answer.asks());
        answer.next().ifPresent(x -> root.put("next", clean(m.named("recommendation.next", Map.of()) + " " + x)));
        answer.domain().ifPresent(x -> root.put("domainNote", clean(x)));
        root.set("findings", findings(a.findings()));
        boolean addressSuspect = r.likelyCauseCode().filter(c -> c == FindingCode.ADDRESS_DOMAIN_NOT_FOUND).isPresent();
        // The combinations a user would choose, and what was typed: the same list as the text report's.
        java.util.List<GmailVerdict> verdicts = dev.smtpdoctor.report.GmailChoices.shown(a.gmail(), d.settings());
        if (!verdicts.isEmpty() && !addressSuspect) {
            ObjectNode g = root.putObject("gmail");
            g.put("heading", clean(m.get("check.gmail", verdicts.get(0).host())));
            ArrayNode items = g.putArray("items");
            for (GmailVerdict v : verdicts) {
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
        root.put("elapsed", clean(m.get("check.elapsed", String.valueOf(d.totalMillis()), String.valueOf(dev.smtpdoctor.report.CheckTextReport.connectionsTried(d)))));
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

    /** Gmail's fields with the values to type: label (Gmail's own), value, and the text a copy button copies. */
    private ArrayNode values(List<Answer.Field> fields) {
        ArrayNode out = ProbeJson.mapper().createArrayNode();
        Map<String, String> names = Map.of(m.named("gmail.field.server", Map.of()), "server",
                m.named("gmail.field.port", Map.of()), "port", m.named("gmail.field.username", Map.of()), "username",
                m.named("gmail.field.password", Map.of()), "password");
        for (Answer.Field f : fields) {
            ObjectNode n = out.addObject();
            // The security radio button is a label without a value: shown as the value of "Security".
            boolean radio = f.value().isEmpty() && f.copy().isEmpty();
            n.put("field", radio ? "security" : names.getOrDefault(f.label(), "other"));
            n.put("label", clean(radio ? m.named("web.field.security", Map.of()) : f.label()));
            n.put("value", clean(radio ? f.label() : f.value()));
            n.put("copy", clean(f.copy()));
        }
        return out;
    }

    /**
     * The page's own wording where the shared sentence tells a terminal user to add an option
     * ({@code web.<key>}: on the page the same step is a button or a field).
     */
    private String pageWording(String caution, Recommendation r) {
        Optional<Recommendation.PasswordUntested> u = r.passwordUntested();
        if (u.isPresent()) {
            String key = "recommendation.password-untested." + u.get().why().name();
            Map<String, String> args = Map.of("host", u.get().host().orElse(""));
            if (caution.equals(m.named(key, args)) && m.has("web." + key)) {
                return m.named("web." + key, args);
            }
        }
        Optional<Recommendation.Choice> c = r.choice();
        if (c.isPresent()) {
            String key = "recommendation.confirm-with-provider." + c.get().source().name();
            Map<String, String> args = Map.of("server", c.get().server());
            if (caution.equals(m.named(key, args)) && m.has("web." + key)) {
                return m.named("web." + key, args);
            }
        }
        return caution;
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
