package dev.smtpdoctor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The same record as {@link AuditJson}, flattened to one CSV row (RFC 4180 quoting) for spreadsheets: the
 * columns of {@link #HEADER}, docs/audit.md. Lists (servers that answered, TLS versions, findings) are joined
 * with spaces. The first two columns are the line and its hash, as in JSON, so {@code --resume} reads both
 * formats alike. Pure.
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of("line", "hash", "input", "verdict", "problem", "error",
            "domain", "server", "port", "security", "recommended_server", "recommended_port",
            "recommended_security", "certificate_name_instead", "certificate_days_left", "certificate_expiring",
            "answering", "starttls_offered", "auth_before_tls", "tls_versions", "mx", "spf", "dmarc", "findings",
            "millis");

    private AuditCsv() {
    }

    public static String header() {
        return String.join(",", HEADER);
    }

    public static String line(AuditOutcome o) {
        ObjectNode r = AuditJson.record(o);
        Set<String> answering = new LinkedHashSet<>();
        Set<String> starttls = new LinkedHashSet<>();
        Set<String> authClear = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        for (JsonNode s : r.path("servers")) {
            for (JsonNode e : s.path("endpoints")) {
                String where = s.path("host").asText() + ":" + e.path("port").asInt() + "/" + e.path("security").asText();
                if (e.has("greeting_code")) {
                    answering.add(where);
                }
                if (e.path("starttls_offered").asBoolean(false)) {
                    starttls.add(s.path("host").asText() + ":" + e.path("port").asInt());
                }
                if (e.path("auth_before_tls").size() > 0) {
                    authClear.add(s.path("host").asText() + ":" + e.path("port").asInt());
                }
                if (e.path("tls").has("version")) {
                    versions.add(e.path("tls").path("version").asText());
                }
            }
        }
        List<String> findings = new ArrayList<>();
        r.path("findings").forEach(f -> findings.add(f.asText()));
        List<String> cells = List.of(r.path("line").asText(), r.path("hash").asText(), r.path("input").asText(),
                r.path("verdict").asText(), text(r, "problem"), text(r, "error"),
                r.path("target").path("domain").asText(""), r.path("target").path("server").asText(""),
                r.path("target").path("port").asText(""), r.path("target").path("security").asText(""),
                r.path("recommended").path("server").asText(""), r.path("recommended").path("port").asText(""),
                r.path("recommended").path("security").asText(""), text(r, "certificate_name_instead"),
                text(r, "certificate_days_left"), text(r, "certificate_expiring"), String.join(" ", answering),
                String.join(" ", starttls), String.join(" ", authClear), String.join(" ", versions),
                r.path("domain").path("mx").path("status").asText(""),
                r.path("domain").path("spf").path("status").asText(""),
                r.path("domain").path("dmarc").path("status").asText(""), String.join(" ", findings),
                r.path("millis").asText());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i)));
        }
        return sb.toString();
    }

    private static String text(ObjectNode r, String field) {
        return r.has(field) ? r.get(field).asText() : "";
    }

    /**
     * RFC 4180 quoting; a cell a spreadsheet would take for a formula ({@code = + - @} first) gets a leading
     * apostrophe (OWASP "CSV injection"), since the input line and server names come from outside.
     */
    static String quote(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
