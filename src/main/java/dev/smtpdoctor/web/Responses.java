package dev.smtpdoctor.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.smtpdoctor.report.ProbeJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes responses, every one with the same security headers. Stateless. */
final class Responses {

    /**
     * Nothing from elsewhere, no inline script or style, no framing, no plug-ins, forms and fetches only to
     * this server (CSP Level 3); {@code X-Frame-Options} for browsers that ignore {@code frame-ancestors}.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Responses() {
    }

    static void securityHeaders(Headers h) {
        h.set("Content-Security-Policy", CSP);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
    }

    static void json(HttpExchange ex, int status, ObjectNode body) throws IOException {
        bytes(ex, status, "application/json; charset=utf-8", ProbeJson.mapper().writeValueAsBytes(body));
    }

    /** {@code {"error": message}} with the status: what the page shows for a refused or failed request. */
    static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("error", message);
        json(ex, status, n);
    }

    static void text(HttpExchange ex, int status, String message) throws IOException {
        bytes(ex, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        securityHeaders(ex.getResponseHeaders());
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }
}
