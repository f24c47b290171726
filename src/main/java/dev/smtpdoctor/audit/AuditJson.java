package dev.smtpdoctor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.sendingdomain.DomainReport;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.text.UntrustedText;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One audit record as one line of JSON (JSON Lines), schema {@value #SCHEMA} in docs/audit.md. Every string
 * from outside (the input line, names from DNS and certificates, replies) goes through {@link UntrustedText}.
 * Pure.
 */
public final class AuditJson {

    /** The record schema's version: a field is only ever added; a change of meaning is a new version. */
    public static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = ProbeJson.mapper();

    private AuditJson() {
    }

    /** The record, without the line end. */
    public static String line(AuditOutcome o) {
        try {
            return MAPPER.writeValueAsString(record(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode record(AuditOutcome o) {
        Target t = o.target();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("line", t.line());
        n.put("hash", t.hash());
        n.put("input", t.text());
        n.put("verdict", o.verdict().id());
        t.problem().ifPresent(p -> n.put("problem", p.name().toLowerCase(java.util.Locale.ROOT)));
        o.error().ifPresent(e -> n.put("error", e));
        n.put("checked_at", o.checkedAt().toString());
        n.put("millis", o.millis());
        if (t.bad()) {
            return n;
        }
        ObjectNode target = n.putObject("target");
        t.domain().ifPresent(d -> target.put("domain", d));
        t.server().ifPresent(s -> target.put("server", s));
        t.port().ifPresent(p -> target.put("port", p));
        t.security().ifPresent(s -> target.put("security", s.id()));
        OptionalLong days = o.minCertificateDays();
        if (days.isPresent()) {
            n.put("certificate_days_left", days.getAsLong());
        }
        n.put("certificate_expiring", o.certificateExpiring());
        o.diagnosis().ifPresent(d -> diagnosis(n, d, t.domain().isPresent()));
        return n;
    }

    private static void diagnosis(ObjectNode n, Diagnosis d, boolean withDomain) {
        Optional<Recommendation.Choice> choice = d.recommendation().flatMap(Recommendation::choice);
        choice.ifPresent(c -> {
            ObjectNode r = n.putObject("recommended");
            r.put("server", clean(c.server()));
            r.put("port", c.port());
            r.put("security", c.security().id());
            r.put("secure", c.secure());
            r.put("source", c.source().name().toLowerCase(java.util.Locale.ROOT));
        });
        choice.filter(c -> c.source() == dev.smtpdoctor.discovery.CandidateSource.CERTIFICATE_NAME)
                .ifPresent(c -> n.put("certificate_name_instead", clean(c.server())));
        Map<String, ArrayNode> byHost = new LinkedHashMap<>();
        ArrayNode servers = n.putArray("servers");
        for (CandidateProbe p : d.probes()) {
            String host = p.candidate().host();
            ArrayNode endpoints = byHost.computeIfAbsent(host, h -> {
                ObjectNode s = servers.addObject();
                s.put("host", clean(h));
                s.put("source", p.candidate().source().name().toLowerCase(java.util.Locale.ROOT));
                return s.putArray("endpoints");
            });
            endpoints.add(endpoint(p.result()));
        }
        ArrayNode findings = n.putArray("findings");
        d.findings().stream().map(Finding::code).map(Enum::name).distinct().forEach(findings::add);
        if (withDomain) {
            d.domain().ifPresent(dom -> n.set("domain", domain(dom)));
        }
    }

    static ObjectNode endpoint(ProbeResult r) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("port", r.endpoint().port());
        e.put("security", r.endpoint().security().id());
        e.put("result", ProbeJson.outcomeType(r.outcome()));
        r.address().ifPresent(a -> e.put("address", clean(a)));
        if (r.greeting().isPresent()) {
            e.put("greeting_code", r.greeting().get().code());
            e.put("greeting_ms", r.greetingMillis());
        }
        r.ehlo().ifPresent(c -> {
            if (r.endpoint().security() != dev.smtpdoctor.model.Security.SSL) {
                e.put("starttls_offered", c.startTls());
                ArrayNode before = e.putArray("auth_before_tls");
                c.authMechanisms().forEach(m -> before.add(clean(m)));
            }
        });
        r.authInClear().ifPresent(a -> e.put("auth_in_clear_reply", a.code()));
        r.effectiveCapabilities().filter(Capabilities::authAdvertised).ifPresent(c -> {
            ArrayNode auth = e.putArray("auth");
            c.authMechanisms().forEach(m -> auth.add(clean(m)));
        });
        r.tls().ifPresent(t -> e.set("tls", tls(t)));
        e.put("millis", r.totalMillis());
        return e;
    }

    static ObjectNode tls(TlsObservation t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", clean(t.protocol()));
        n.put("chain", t.chainVerdict().status().name().toLowerCase(java.util.Locale.ROOT));
        n.put("name_matches", t.nameVerdict().matches());
        n.put("gmail_accepts", t.verified());
        Optional<CertificateSummary> leaf = t.leaf();
        if (leaf.isPresent()) {
            ArrayNode names = n.putArray("names");
            leaf.get().presentedNames().stream().limit(20).forEach(x -> names.add(clean(x)));
            n.put("issuer", clean(leaf.get().issuer()));
            n.put("not_after", leaf.get().notAfter().toString());
            n.put("days_left", t.daysLeft());
            n.put("expiring", t.daysLeft() < AuditOutcome.EXPIRY_WARNING_DAYS);
        }
        n.put("chain_length", t.chain().size());
        return n;
    }

    static ObjectNode domain(DomainReport d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", clean(d.domain()));
        ObjectNode mx = n.putObject("mx");
        mx.put("status", lower(d.mx().status()));
        ArrayNode hosts = mx.putArray("hosts");
        d.mx().hosts().stream().limit(10).forEach(h -> hosts.add(clean(h.exchange())));
        ObjectNode spf = n.putObject("spf");
        spf.put("status", lower(d.spfRecord().status()));
        d.spfRecord().record().ifPresent(r -> spf.put("record", clean(r)));
        d.spf().ifPresent(r -> spf.put("result_for_server", r.verdict().id()));
        ObjectNode dmarc = n.putObject("dmarc");
        dmarc.put("status", lower(d.dmarc().status()));
        d.dmarc().effectivePolicy().ifPresent(p -> dmarc.put("policy", p.id()));
        return n;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String clean(String s) {
        return UntrustedText.clean(s);
    }

    /** The fields every record has, for readers that check a line is whole. */
    static final List<String> REQUIRED = List.of("schema", "line", "hash", "input", "verdict");
}
