package dev.smtpdoctor.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.smtpdoctor.diagnosis.GmailErrorExplainer;
import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.report.Messages;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local web page's server: the JDK's own {@link HttpServer} (module jdk.httpserver) with one virtual
 * thread per exchange — no dependency, nothing to start but a socket, and a blocked exchange (a check
 * streaming its progress for a minute) costs a virtual thread, not a platform one (docs/architecture.md).
 *
 * <p>Routes: {@code GET /} the page (with a fresh per-page token), {@code GET /assets/app.js} and
 * {@code /assets/app.css}, {@code POST /api/diagnose} (a check, streamed: {@link DiagnoseHandler}) and
 * {@code POST /api/explain} (a pasted Gmail error). Every request passes {@link RequestGuard} first; every
 * response carries the security headers ({@link Responses}); a failure becomes a friendly message in the
 * page's language, never a stack trace. Thread-safe; {@link #close()} stops it.
 */
public final class WebServer implements AutoCloseable {

    static final int MAX_EXPLAIN_BYTES = 16 * 1024;
    static final int MAX_EXPLAIN_CHARS = 4000;

    private final WebConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestGuard guard;
    private final CsrfTokens tokens;
    private final PageTemplate page;
    private final DiagnoseHandler diagnose;
    private final Map<String, byte[]> assets;
    private final URI uri;

    private WebServer(WebConfig config, HttpServer server, ExecutorService executor, CsrfTokens tokens) {
        this.config = config;
        this.server = server;
        this.executor = executor;
        this.tokens = tokens;
        int port = server.getAddress().getPort();
        this.guard = new RequestGuard(RequestGuard.hostsFor(config.bind(), port), tokens);
        this.page = new PageTemplate(config.examples());
        this.diagnose = new DiagnoseHandler(config);
        this.assets = Map.of("/assets/app.js", PageTemplate.resourceBytes("app.js"),
                "/assets/app.css", PageTemplate.resourceBytes("app.css"));
        String host = config.bind().getHostAddress();
        this.uri = URI.create("http://" + (config.bind() instanceof Inet6Address ? "[" + host.replaceAll("%.*", "") + "]"
                : host) + ":" + port + "/");
    }

    /**
     * Listens and serves until {@link #close()}.
     *
     * @throws IOException when the address cannot be bound (the port is taken)
     */
    public static WebServer start(WebConfig config) throws IOException {
        // The JDK server's own request limits: few headers, and a request must arrive within 30 s.
        setIfUnset("sun.net.httpserver.maxReqHeaders", "64");
        setIfUnset("sun.net.httpserver.maxReqHeaderSize", "16384");
        setIfUnset("sun.net.httpserver.maxReqTime", "30");
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 32);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        WebServer web = new WebServer(config, server, executor, new CsrfTokens());
        server.createContext("/", web::handle);
        server.start();
        return web;
    }

    private static void setIfUnset(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8025/}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        Language language = PageLanguage.choose(query(ex, "lang").orElse(null),
                ex.getRequestHeaders().getFirst("Accept-Language"), config.language());
        try {
            route(ex, language);
        } catch (Throwable t) {
            config.log().println("smtp-doctor serve: a request failed (" + t.getClass().getSimpleName() + ")");
            config.log().flush();
            try {
                Responses.error(ex, 500, Messages.forLocale(language.locale()).named("web.error.internal", Map.of()));
            } catch (Throwable again) {
                ex.close();
            }
        }
    }

    private void route(HttpExchange ex, Language language) throws IOException {
        Messages m = Messages.forLocale(language.locale());
        String path = ex.getRequestURI().getRawPath();
        RequestGuard.Head head = head(ex);
        // RFC 9112 §3.2: exactly one Host; a request line naming a host (absolute form) is not what a browser sends
        // to this page, and its host would bypass the check of the Host header.
        java.util.List<String> hosts = ex.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1 || ex.getRequestURI().getHost() != null) {
            Responses.error(ex, 400, m.named("web.error.bad-request", Map.of()));
            return;
        }
        boolean action = path.startsWith("/api/");
        Optional<RequestGuard.Refusal> refusal = action
                ? guard.checkAction(head, path.equals("/api/explain") ? MAX_EXPLAIN_BYTES : DiagnoseHandler.MAX_BODY_BYTES)
                : guard.checkRead(head);
        if (refusal.isPresent()) {
            refuse(ex, refusal.get(), m);
            return;
        }
        if (!action) {
            if (path.equals("/")) {
                Responses.bytes(ex, 200, "text/html; charset=utf-8",
                        page.render(language, tokens.issue()).getBytes(StandardCharsets.UTF_8));
            } else if (assets.containsKey(path)) {
                Responses.bytes(ex, 200, path.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
                        assets.get(path));
            } else {
                Responses.error(ex, 404, m.named("web.error.not-found", Map.of()));
            }
            return;
        }
        if (!path.equals("/api/diagnose") && !path.equals("/api/explain")) {
            Responses.error(ex, 404, m.named("web.error.not-found", Map.of()));
            return;
        }
        int limit = path.equals("/api/explain") ? MAX_EXPLAIN_BYTES : DiagnoseHandler.MAX_BODY_BYTES;
        try (FormBody form = FormBody.read(ex.getRequestBody(), limit)) {
            Messages lang = Messages.forLocale(PageLanguage.choose(form.text("lang"), null, language).locale());
            if (path.equals("/api/diagnose")) {
                if (form.text("address").isBlank()) {
                    Responses.error(ex, 400, lang.named("web.error.need-address", Map.of()));
                    return;
                }
                diagnose.handle(ex, form, lang);
            } else {
                explain(ex, form, lang);
            }
        } catch (FormBody.BadFormException e) {
            refuse(ex, e.tooLarge() ? RequestGuard.Refusal.TOO_LARGE : RequestGuard.Refusal.WRONG_TYPE, m);
        }
    }

    private void explain(HttpExchange ex, FormBody form, Messages m) throws IOException {
        String text = form.text("text");
        if (text.isBlank()) {
            Responses.error(ex, 400, m.named("web.explain.empty", Map.of()));
            return;
        }
        if (text.length() > MAX_EXPLAIN_CHARS) {
            refuse(ex, RequestGuard.Refusal.TOO_LARGE, m);
            return;
        }
        Responses.json(ex, 200, new AnswerJson(m, config.toolVersion()).explanations(GmailErrorExplainer.explain(text)));
    }

    private void refuse(HttpExchange ex, RequestGuard.Refusal r, Messages m) throws IOException {
        // Which check refused, never what was sent: a header or a path is anybody's text. Any web page the user
        // visits can send requests here in a loop, so at most one line per reason every few seconds.
        long now = System.nanoTime();
        Long last = lastRefusalLogged.get(r);
        if (last == null || now - last >= REFUSAL_LOG_INTERVAL_NANOS) {
            lastRefusalLogged.put(r, now);
            config.log().println("smtp-doctor serve: refused a request (" + r.name() + ")");
            config.log().flush();
        }
        Responses.error(ex, r.status(), m.named(r.messageKey(), Map.of()));
    }

    private static final long REFUSAL_LOG_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private final java.util.Map<RequestGuard.Refusal, Long> lastRefusalLogged =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static RequestGuard.Head head(HttpExchange ex) {
        var h = ex.getRequestHeaders();
        long length = -1;
        String cl = h.getFirst("Content-Length");
        if (cl != null) {
            try {
                length = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
        }
        return new RequestGuard.Head(ex.getRequestMethod(), h.getFirst("Host"), h.getFirst("Origin"),
                h.getFirst("Sec-Fetch-Site"), h.getFirst("Content-Type"), length, h.getFirst(CsrfTokens.HEADER));
    }

    /** A query parameter of a plain form ({@code ?lang=ja}); only short ASCII values are looked at. */
    private static Optional<String> query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null || q.length() > 200) {
            return Optional.empty();
        }
        for (String part : q.split("&")) {
            if (part.startsWith(name + "=")) {
                return Optional.of(part.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }
}
