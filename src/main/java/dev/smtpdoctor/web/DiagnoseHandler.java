package dev.smtpdoctor.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.text.UntrustedText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/diagnose}: runs one check and streams it as server-sent events (the WHATWG HTML
 * {@code text/event-stream} format) on the response to the POST itself — the password travels in the body,
 * never in a URL, so the page reads the stream with {@code fetch} rather than {@code EventSource}. Events:
 * {@code step} for each probe step that completes, then {@code result} (the {@link AnswerJson}) or
 * {@code failure} (a friendly message). The password goes into the check and is wiped; it is in no event.
 * At most {@code maxDiagnoses} checks run at once; one more gets {@code 503} and "busy".
 */
final class DiagnoseHandler {

    static final int MAX_BODY_BYTES = 8 * 1024;
    /** Longest value kept for any field: a server name is at most 253 characters; addresses ~254. */
    static final int MAX_FIELD_CHARS = 512;
    private static final int QUEUE = 4096;
    /** A check ends by its own deadline (a few minutes at most); this only bounds the loop that waits for it. */
    private static final long LOOP_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(20);

    private final WebConfig config;
    private final Semaphore running;
    private final PrintWriter log;

    DiagnoseHandler(WebConfig config) {
        this.config = config;
        this.running = new Semaphore(config.maxDiagnoses());
        this.log = config.log();
    }

    void handle(HttpExchange ex, FormBody form, Messages m) throws IOException {
        RawFields fields = fields(form);
        form.wipe();
        if (!running.tryAcquire()) {
            fields.wipe();
            Responses.error(ex, 503, m.named("web.error.busy", java.util.Map.of("max", String.valueOf(config.maxDiagnoses()))));
            return;
        }
        Optional<String> scenario = form.get("scenario").filter(s -> s.length() <= 40);
        // "Yes, this is my provider's server": a strict server name only, as --trust-certificate-name takes it.
        java.util.Set<String> trusted = form.get("trustName").filter(s -> s.length() <= 253)
                .flatMap(dev.smtpdoctor.model.HostName::parseStrict).map(h -> java.util.Set.of(h.value()))
                .orElse(java.util.Set.of());
        BlockingQueue<ObjectNode> events = new ArrayBlockingQueue<>(QUEUE);
        CompletableFuture<Diagnosis> result = new CompletableFuture<>();
        Thread.ofVirtual().name("smtp-doctor-web-check").start(() -> {
            try {
                result.complete(config.runner().run(fields, scenario, trusted, progress(events, m)));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                fields.wipe();
                running.release();
            }
        });
        Responses.securityHeaders(ex.getResponseHeaders());
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            stream(out, events, result, m);
        } catch (IOException e) {
            // The page went away; the check still ends by its deadline and frees its place.
        } finally {
            ex.close();
        }
    }

    private void stream(OutputStream out, BlockingQueue<ObjectNode> events, CompletableFuture<Diagnosis> result,
                        Messages m) throws IOException {
        long end = System.currentTimeMillis() + LOOP_LIMIT_MILLIS;
        Diagnosis d = null;
        while (d == null && System.currentTimeMillis() < end) {
            ObjectNode e;
            while ((e = events.poll()) != null) {
                send(out, "step", e);
            }
            try {
                d = result.get(150, TimeUnit.MILLISECONDS);
            } catch (TimeoutException t) {
                continue;
            } catch (ExecutionException | InterruptedException x) {
                Throwable cause = x instanceof ExecutionException ? x.getCause() : x;
                log.println("smtp-doctor serve: a check failed (" + cause.getClass().getSimpleName() + ")");
                log.flush();
                send(out, "failure", message(m.named("web.error.internal", java.util.Map.of())));
                if (x instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
        if (d == null) {
            send(out, "failure", message(m.named("web.error.internal", java.util.Map.of())));
            return;
        }
        ObjectNode e;
        while ((e = events.poll()) != null) {
            send(out, "step", e);
        }
        send(out, "result", new AnswerJson(m, config.toolVersion()).of(d));
    }

    /** The form's fields as the check takes them; "I only know my address" leaves all but the address empty. */
    static RawFields fields(FormBody form) {
        boolean addressOnly = form.text("addressOnly").equals("1");
        char[] password = form.secret();
        try {
            return new RawFields(field(form, "address"), addressOnly ? null : field(form, "server"),
                    addressOnly ? null : field(form, "port"), addressOnly ? null : field(form, "security"),
                    addressOnly ? null : field(form, "username"), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static String field(FormBody form, String name) {
        String v = form.text(name);
        return v.length() > MAX_FIELD_CHARS ? v.substring(0, MAX_FIELD_CHARS) : v;
    }

    /** Each completed step as an event; fast and non-blocking (a full queue drops the event, never the check). */
    private static ProbeListener progress(BlockingQueue<ObjectNode> events, Messages m) {
        DiagnosisText words = new DiagnosisText(m);
        return new ProbeListener() {
            @Override
            public void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
                events.offer(step(endpoint, step, durationMillis, true));
            }

            @Override
            public void stepFailed(Endpoint endpoint, Step step, long durationMillis, String reason) {
                events.offer(step(endpoint, step, durationMillis, false));
            }

            private ObjectNode step(Endpoint endpoint, Step step, long millis, boolean ok) {
                ObjectNode n = ProbeJson.mapper().createObjectNode();
                n.put("endpoint", UntrustedText.clean(endpoint.host() + ":" + endpoint.port()));
                n.put("security", words.security(endpoint.security()));
                n.put("step", m.get("step." + step.name()));
                n.put("ok", ok);
                n.put("millis", millis);
                return n;
            }
        };
    }

    private static ObjectNode message(String text) {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("error", text);
        return n;
    }

    private static void send(OutputStream out, String event, ObjectNode data) throws IOException {
        // JSON written by Jackson has no raw line breaks, so one data line carries it.
        String frame = "event: " + event + "\ndata: " + ProbeJson.mapper().writeValueAsString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
