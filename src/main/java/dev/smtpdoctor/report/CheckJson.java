package dev.smtpdoctor.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.discovery.Discovered;
import dev.smtpdoctor.discovery.Proposal;
import java.util.Locale;

/** The language-neutral JSON of {@code check} and {@code demo} (docs/json.md). */
public final class CheckJson {

    private CheckJson() {
    }

    public static ObjectNode document(Diagnosis d, String command, String toolVersion) {
        ObjectNode root = ProbeJson.mapper().createObjectNode();
        root.put("schemaVersion", ProbeJson.SCHEMA_VERSION);
        root.put("tool", "smtp-doctor");
        root.put("toolVersion", toolVersion);
        root.put("command", command);
        root.put("status", d.status().name());
        root.put("exitCode", d.status().exitCode());
        d.settings().ifPresentOrElse(s -> root.set("settings", settings(s)), () -> root.putNull("settings"));
        root.set("recommendation", recommendation(d));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            findings.add(finding(f));
        }
        ArrayNode gmail = root.putArray("gmail");
        d.assessment().ifPresent(a -> a.gmail().forEach(v -> gmail.add(verdict(v))));
        ArrayNode discovery = root.putArray("discovery");
        d.discovery().forEach(x -> discovery.add(discovered(x)));
        d.domain().ifPresentOrElse(dom -> root.set("domain", domain(dom)), () -> root.putNull("domain"));
        ArrayNode probes = root.putArray("probes");
        for (CandidateProbe p : d.probes()) {
            ObjectNode n = ProbeJson.probe(p.result());
            ObjectNode c = ProbeJson.mapper().createObjectNode();
            c.put("host", p.candidate().host());
            c.put("source", p.candidate().source().name());
            p.candidate().sameServerAs().ifPresentOrElse(x -> c.put("sameServerAs", x), () -> c.putNull("sameServerAs"));
            p.candidate().pin().ifPresentOrElse(x -> c.put("pinnedAddress", x.address().getHostAddress()),
                    () -> c.putNull("pinnedAddress"));
            c.put("credentialsAllowed", p.credentialsAllowed());
            c.put("sameCertificate", p.sameCertificate());
            n.set("candidate", c);
            probes.add(n);
        }
        root.put("totalMillis", d.totalMillis());
        root.put("startedAt", d.startedAt().toString());
        return root;
    }

    /** One discovered server: its source, what the source proposes, and whether it could receive the password. */
    static ObjectNode discovered(Discovered x) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("host", x.candidate().host());
        n.put("source", x.candidate().source().name());
        Proposal p = x.candidate().proposal().orElse(null);
        if (p != null && p.port().isPresent()) {
            n.put("port", p.port().getAsInt());
        } else {
            n.putNull("port");
        }
        n.put("security", p == null ? null : p.security().map(s -> s.id()).orElse(null));
        n.put("username", p == null ? null : p.username().orElse(null));
        n.put("channel", p == null ? null : p.channel().name());
        n.put("origin", p == null ? null : p.origin());
        n.put("provider", p == null ? null : p.provider().orElse(null));
        n.put("credentialsAllowed", x.credentials().allowed());
        n.put("credentialsReason", x.credentials().name());
        return n;
    }

    /** The sending-domain checks: the findings (with codes and args) carry the detail; the rest summarises. */
    static ObjectNode domain(dev.smtpdoctor.sendingdomain.DomainReport dom) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("domain", dom.domain());
        dom.serverAddress().ifPresentOrElse(a -> n.put("serverAddress", a.getHostAddress()), () -> n.putNull("serverAddress"));
        dom.serverHost().ifPresentOrElse(h -> n.put("serverHost", h), () -> n.putNull("serverHost"));
        n.put("mx", dom.mx().status().name());
        n.put("mxHostsExamined", dom.mx().hosts().size());
        n.put("mxHostsNotExamined", dom.mx().notExamined());
        dom.spf().ifPresentOrElse(spf -> n.put("spf", spf.verdict().name()), () -> n.putNull("spf"));
        n.put("dmarc", dom.dmarc().status().name());
        dom.dmarc().effectivePolicy().ifPresentOrElse(p -> n.put("dmarcPolicy", p.name()), () -> n.putNull("dmarcPolicy"));
        ObjectNode gmail = n.putObject("gmailSenderRules");
        gmail.put("spfPasses", dom.gmail().spfPasses());
        gmail.put("dkimConfirmed", dom.gmail().dkimConfirmed());
        gmail.put("dmarcPublished", dom.gmail().dmarcPublished());
        gmail.put("allSendersMet", dom.gmail().allSendersMet());
        gmail.put("bulkSendersMet", dom.gmail().bulkSendersMet());
        ArrayNode findings = n.putArray("findings");
        dom.findings().forEach(f -> findings.add(finding(f)));
        return n;
    }

    static ObjectNode settings(SendAsSettings s) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("address", s.address());
        s.server().ifPresentOrElse(x -> n.put("server", x), () -> n.putNull("server"));
        if (s.port().isPresent()) {
            n.put("port", s.port().getAsInt());
        } else {
            n.putNull("port");
        }
        s.security().ifPresentOrElse(x -> n.put("security", x.id()), () -> n.putNull("security"));
        s.username().ifPresentOrElse(x -> n.put("username", x), () -> n.putNull("username"));
        n.put("passwordGiven", s.hasPassword());
        return n;
    }

    static ObjectNode recommendation(Diagnosis d) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        if (d.recommendation().isEmpty()) {
            n.put("kind", "BAD_INPUT");
            return n;
        }
        Recommendation r = d.recommendation().get();
        n.put("kind", r.kind().name());
        r.choice().ifPresentOrElse(c -> {
            n.put("server", c.server());
            n.put("port", c.port());
            n.put("security", c.security().id());
            n.put("username", c.username());
            n.put("secure", c.secure());
            n.put("source", c.source().name());
            n.put("loginVerified", c.loginVerified());
            n.put("senderVerified", c.senderVerified());
            n.put("confirmWithProvider", c.confirmWithProvider());
        }, () -> {
            n.putNull("server");
            n.put("secure", false);
        });
        ArrayNode risks = n.putArray("risks");
        r.risks().forEach(x -> risks.add(x.name()));
        ArrayNode ask = n.putArray("askProvider");
        r.askProvider().forEach(x -> ask.add(x.name()));
        r.likelyCause().ifPresentOrElse(f -> n.set("likelyCause", finding(f)), () -> n.putNull("likelyCause"));
        r.nextAction().ifPresentOrElse(x -> n.put("nextAction", x.name()), () -> n.putNull("nextAction"));
        r.typed().ifPresentOrElse(x -> n.put("typed", x.name()), () -> n.putNull("typed"));
        r.typedProblem().ifPresentOrElse(f -> n.set("typedProblem", finding(f)), () -> n.putNull("typedProblem"));
        r.passwordUntested().ifPresentOrElse(u -> {
            ObjectNode x = n.putObject("passwordUntested");
            x.put("reason", u.why().name());
            u.host().ifPresentOrElse(h -> x.put("host", h), () -> x.putNull("host"));
        }, () -> n.putNull("passwordUntested"));
        return n;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("code", f.code().name());
        n.put("severity", f.severity().name());
        f.field().ifPresentOrElse(x -> n.put("field", x.name().toLowerCase(Locale.ROOT)), () -> n.putNull("field"));
        ObjectNode args = n.putObject("args");
        f.args().forEach(args::put);
        return n;
    }

    static ObjectNode verdict(GmailVerdict v) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("host", v.host());
        n.put("port", v.port());
        n.put("security", v.security().id());
        n.put("status", v.status().name());
        v.message().ifPresentOrElse(msg -> {
            n.put("message", msg.name());
            n.put("text", msg.text());
        }, () -> {
            n.putNull("message");
            n.putNull("text");
        });
        n.put("verbatim", v.verbatim());
        v.serverReply().ifPresentOrElse(x -> n.put("serverReply", x), () -> n.putNull("serverReply"));
        v.cause().ifPresentOrElse(x -> n.put("cause", x.name()), () -> n.putNull("cause"));
        n.put("inferred", v.inferred());
        n.put("loginVerified", v.loginVerified());
        ArrayNode caveats = n.putArray("caveats");
        v.caveats().forEach(c -> caveats.add(c.name()));
        return n;
    }
}
