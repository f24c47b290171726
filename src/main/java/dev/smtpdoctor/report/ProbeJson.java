package dev.smtpdoctor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.TranscriptEntry;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.text.UntrustedText;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.Locale;

/**
 * The language-neutral JSON form of probe results (docs/json.md). Built node by node rather than by
 * serialising the records, so the schema is stable and versioned independently of the Java types.
 */
public final class ProbeJson {

    /** Bumped on any incompatible change to the documents this class writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProbeJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The top-level document of {@code smtp-doctor probe --json}. */
    public static ObjectNode document(ProbeResult r, ProbeVerdict verdict, String toolVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("tool", "smtp-doctor");
        root.put("toolVersion", toolVersion);
        root.put("command", "probe");
        root.put("verdict", verdict.code());
        ProbeGmail gmail = ProbeGmail.of(r);
        gmail.verdict().ifPresentOrElse(v -> root.set("gmail", CheckJson.verdict(v)), () -> root.putNull("gmail"));
        gmail.cause().ifPresentOrElse(f -> root.set("gmailCause", CheckJson.finding(f)), () -> root.putNull("gmailCause"));
        root.set("probe", probe(r));
        return root;
    }

    private static ObjectNode endpoint(Endpoint e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("host", e.host());
        n.put("port", e.port());
        n.put("security", e.security().id());
        return n;
    }

    public static ObjectNode probe(ProbeResult r) {
        ObjectNode p = MAPPER.createObjectNode();
        p.set("endpoint", endpoint(r.endpoint()));
        p.set("outcome", outcome(r.outcome()));
        r.address().ifPresentOrElse(a -> p.put("address", a), () -> p.putNull("address"));
        if (r.greeting().isPresent()) {
            ObjectNode g = reply(r.greeting().get());
            g.put("millis", r.greetingMillis());
            p.set("greeting", g);
        } else {
            p.putNull("greeting");
        }
        r.ehlo().ifPresentOrElse(c -> p.set("ehlo", capabilities(c)), () -> p.putNull("ehlo"));
        r.ehloTls().ifPresentOrElse(c -> p.set("ehloTls", capabilities(c)), () -> p.putNull("ehloTls"));
        r.tls().ifPresentOrElse(t -> p.set("tls", tls(t)), () -> p.putNull("tls"));
        p.set("auth", auth(r.auth()));
        p.set("sender", sender(r.sender()));
        p.put("totalMillis", r.totalMillis());
        p.put("bytesRead", r.bytesRead());
        p.put("replyDeviations", r.deviations());
        r.continuedFrom().ifPresentOrElse(e -> p.set("continuedFrom", endpoint(e)), () -> p.putNull("continuedFrom"));
        ArrayNode steps = p.putArray("steps");
        for (StepRecord s : r.steps()) {
            ObjectNode n = steps.addObject();
            n.put("step", s.step().name());
            n.put("startMillis", s.startMillis());
            n.put("millis", s.durationMillis());
            n.put("ok", s.ok());
            n.put("detail", s.detail());
        }
        ArrayNode transcript = p.putArray("transcript");
        for (TranscriptEntry e : r.transcript()) {
            ObjectNode n = transcript.addObject();
            n.put("atMillis", e.atMillis());
            n.put("direction", e.direction().name().toLowerCase(Locale.ROOT));
            n.put("text", e.text());
        }
        return p;
    }

    static ObjectNode outcome(ProbeOutcome o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", outcomeType(o));
        n.put("step", o.step().name());
        switch (o) {
            case ProbeOutcome.DnsFailed d -> n.put("reason", d.failure().word());
            case ProbeOutcome.Refused r -> n.put("address", r.address());
            case ProbeOutcome.ConnectTimedOut t -> n.put("address", t.address());
            case ProbeOutcome.Unreachable u -> n.put("address", u.address()).put("reason", u.reason());
            case ProbeOutcome.ConnectionClosed c -> n.put("reason", c.reason());
            case ProbeOutcome.GreetingRejected g -> n.set("reply", reply(g.reply()));
            case ProbeOutcome.StartTlsRejected s -> n.set("reply", reply(s.reply()));
            case ProbeOutcome.TlsFailed t -> n.put("reason", t.reason()).put("plaintextReply", t.plaintextReply());
            case ProbeOutcome.ProtocolViolation p -> n.put("kind", p.kind().name()).put("evidence", p.evidence());
            case ProbeOutcome.AuthRejected a -> n.put("mechanism", a.mechanism()).set("reply", reply(a.reply()));
            case ProbeOutcome.SenderRejected s -> n.set("reply", reply(s.reply()));
            case ProbeOutcome.CommandRejected c -> n.set("reply", reply(c.reply()));
            case ProbeOutcome.InternalError e -> n.put("exception", e.exceptionClass());
            case ProbeOutcome.Completed c -> { }
            case ProbeOutcome.TimedOut t -> { }
            case ProbeOutcome.StartTlsNotOffered s -> { }
        }
        return n;
    }

    /** Stable outcome names: lower-case words joined by hyphens. */
    public static String outcomeType(ProbeOutcome o) {
        String simple = o.getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static ObjectNode reply(Reply r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", r.code());
        r.enhanced().ifPresentOrElse(e -> n.put("enhanced", e.toString()), () -> n.putNull("enhanced"));
        ArrayNode lines = n.putArray("lines");
        r.lines().forEach(lines::add);
        ArrayNode dev = n.putArray("deviations");
        r.deviations().forEach(d -> dev.add(d.name()));
        return n;
    }

    static ObjectNode capabilities(Capabilities c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("domain", c.domain());
        n.put("extended", c.extended());
        n.put("startTls", c.startTls());
        ArrayNode mechs = n.putArray("authMechanisms");
        c.authMechanisms().forEach(mechs::add);
        n.put("authAdvertised", c.authAdvertised());
        c.size().ifPresentOrElse(s -> n.put("size", s), () -> n.putNull("size"));
        n.put("pipelining", c.pipelining());
        n.put("8bitmime", c.eightBitMime());
        n.put("smtputf8", c.smtpUtf8());
        ObjectNode kw = n.putObject("keywords");
        c.keywords().forEach((k, v) -> {
            ArrayNode a = kw.putArray(k);
            v.forEach(a::add);
        });
        return n;
    }

    static ObjectNode tls(TlsObservation t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("protocol", t.protocol());
        n.put("cipherSuite", t.cipherSuite());
        t.sni().ifPresentOrElse(s -> n.put("sni", s), () -> n.putNull("sni"));
        ObjectNode chain = n.putObject("chainVerdict");
        chain.put("status", t.chainVerdict().status().name());
        chain.put("detail", t.chainVerdict().detail());
        ObjectNode name = n.putObject("nameVerdict");
        name.put("host", t.nameVerdict().host());
        name.put("matches", t.nameVerdict().matches());
        t.nameVerdict().matchedName().ifPresentOrElse(x -> name.put("matchedName", x), () -> name.putNull("matchedName"));
        ArrayNode presented = name.putArray("presentedNames");
        t.nameVerdict().presentedNames().forEach(presented::add);
        n.put("verified", t.verified());
        n.put("checkedAt", t.checkedAt().toString());
        n.put("daysLeft", t.daysLeft());
        ArrayNode certs = n.putArray("chain");
        for (CertificateSummary c : t.chain()) {
            ObjectNode cn = certs.addObject();
            cn.put("subject", c.subject());
            cn.put("issuer", c.issuer());
            ArrayNode dns = cn.putArray("dnsNames");
            c.dnsNames().forEach(dns::add);
            ArrayNode ips = cn.putArray("ipAddresses");
            c.ipAddresses().forEach(ips::add);
            cn.put("notBefore", c.notBefore().toString());
            cn.put("notAfter", c.notAfter().toString());
            cn.put("serial", c.serialHex());
            cn.put("sha256", c.sha256());
            cn.put("selfIssued", c.selfIssued());
        }
        return n;
    }

    static ObjectNode auth(AuthResult a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("status", a.status().name());
        a.mechanism().ifPresentOrElse(x -> n.put("mechanism", x), () -> n.putNull("mechanism"));
        a.reply().ifPresentOrElse(x -> n.set("reply", reply(x)), () -> n.putNull("reply"));
        return n;
    }

    static ObjectNode sender(SenderResult s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("status", s.status().name());
        s.address().ifPresentOrElse(x -> n.put("address", x), () -> n.putNull("address"));
        s.reply().ifPresentOrElse(x -> n.set("reply", reply(x)), () -> n.putNull("reply"));
        return n;
    }

    /**
     * The document as printed: a copy of {@code node} with every string value and field name through
     * {@link UntrustedText#clean} (Jackson escapes only C0 controls; U+009B, the bidi controls or U+2028
     * would be written as they are), the last guard should a server's text have missed the filter where it
     * entered.
     */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(guarded(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code node} with its strings cleaned (a copy; the same node when nothing needs it). */
    static JsonNode guarded(JsonNode node) {
        return needsGuard(node) ? clean(node.deepCopy()) : node;
    }

    private static boolean needsGuard(JsonNode node) {
        if (node.isTextual()) {
            return UntrustedText.needsCleaning(node.textValue());
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (UntrustedText.needsCleaning(e.getKey()) || needsGuard(e.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode c : node) {
                if (needsGuard(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode clean(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(UntrustedText.clean(node.textValue()));
        }
        if (node instanceof ObjectNode o) {
            ObjectNode copy = MAPPER.createObjectNode();
            o.fields().forEachRemaining(e -> copy.set(UntrustedText.clean(e.getKey()), clean(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = MAPPER.createArrayNode();
            a.forEach(c -> copy.add(clean(c)));
            return copy;
        }
        return node;
    }
}
