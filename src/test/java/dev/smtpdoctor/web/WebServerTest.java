package dev.smtpdoctor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.report.Language;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page's server over raw HTTP, against the embedded demo servers ({@code serve --demo}): the headers,
 * the refusals a browser page of another site would meet, the limits, the cap on checks at once, and the
 * password canary, which must appear in no response and not in the server's output.
 */
class WebServerTest {

    private static final String CANARY = "Canary-pw-7Qx!9z";
    private static final StringWriter LOG = new StringWriter();
    private static WebServer server;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        // Checks at once: one, so the second is "busy"; the greeting-delay scenario keeps the first one running.
        DemoRunner demo = new DemoRunner(DemoOptions.withGreetingDelay(Duration.ofSeconds(2)));
        server = WebServer.start(new WebConfig(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0, Language.EN, demo,
                demo.examples(), "test", 1, new PrintWriter(LOG, true)));
        port = server.uri().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(int port) throws IOException {
        Matcher m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
                .matcher(RawHttp.get(port, "/", Map.of()).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static Map<String, String> action(int port, String token) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-www-form-urlencoded");
        h.put("Origin", "http://127.0.0.1:" + port);
        h.put("Sec-Fetch-Site", "same-origin");
        h.put(CsrfTokens.HEADER, token);
        return h;
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static String sharedHosting(String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("address", "taro@example-shop.test");
        f.put("server", "mail.example-shop.test");
        f.put("port", "587");
        f.put("security", "tls");
        f.put("username", "taro@example-shop.test");
        f.put("password", password);
        f.put("scenario", "shared-hosting");
        return form(f);
    }

    @Test
    void thePageComesWithItsSecurityHeadersAndNoInlineScript() throws IOException {
        RawHttp.Response r = RawHttp.get(port, "/", Map.of("Accept-Language", "ja,en;q=0.5"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.body()).contains("<html lang=\"ja\">", "TLS を使用したセキュリティで保護された接続（推奨）", "SMTP サーバー")
                .doesNotContainPattern("<script>|<script [^>]*>[^<]|\\son[a-z]+=|style=\"|https?://(?!127)");
        RawHttp.Response js = RawHttp.get(port, "/assets/app.js", Map.of());
        assertThat(js.header("Content-Type")).startsWith("text/javascript");
        assertThat(js.header("Content-Security-Policy")).isNotNull();
        assertThat(js.body()).doesNotContain("innerHTML", "eval(");
    }

    @Test
    void requestsFromElsewhereAreRefusedWithAFriendlyMessage() throws IOException {
        String token = token(port);
        String body = sharedHosting("demo-password-1234");
        Map<String, String> noToken = action(port, null);
        RawHttp.Response r = RawHttp.post(port, "/api/diagnose", noToken, body);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("reload it").doesNotContain("Exception", "at dev.");
        Map<String, String> foreignHost = action(port, token);
        foreignHost.put("Host", "rebound.example:" + port);
        assertThat(RawHttp.post(port, "/api/diagnose", foreignHost, body).status()).isEqualTo(421);
        assertThat(RawHttp.get(port, "/", Map.of("Host", "rebound.example:" + port)).body()).doesNotContain("csrf-token");
        Map<String, String> foreignOrigin = action(port, token);
        foreignOrigin.put("Origin", "http://evil.example");
        assertThat(RawHttp.post(port, "/api/diagnose", foreignOrigin, body).status()).isEqualTo(403);
        Map<String, String> forged = action(port, token.substring(0, token.length() - 2) + "AA");
        assertThat(RawHttp.post(port, "/api/diagnose", forged, body).status()).isEqualTo(403);
        Map<String, String> json = action(port, token);
        json.put("Content-Type", "application/json");
        assertThat(RawHttp.post(port, "/api/explain", json, "{}").status()).isEqualTo(415);
        assertThat(RawHttp.get(port, "/api/diagnose?password=x", Map.of()).status()).isIn(403, 405);
        RawHttp.Response missing = RawHttp.get(port, "/etc/passwd", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(LOG.toString()).contains("refused a request (NO_TOKEN)", "(BAD_HOST)", "(BAD_ORIGIN)")
                .doesNotContain("rebound.example", "evil.example");
    }

    @Test
    void aFloodOfRefusedRequestsDoesNotFloodTheTerminal() throws IOException {
        // Any page the user visits can send cross-site requests in a loop: one line per reason, not per request.
        Map<String, String> crossSite = action(port, token(port));
        crossSite.put("Sec-Fetch-Site", "cross-site");
        crossSite.remove("Origin");
        int before = LOG.toString().split("\\(CROSS_SITE\\)", -1).length;
        for (int i = 0; i < 20; i++) {
            assertThat(RawHttp.post(port, "/api/explain", crossSite, "text=x").status()).isEqualTo(403);
        }
        int after = LOG.toString().split("\\(CROSS_SITE\\)", -1).length;
        assertThat(after - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aSecondHostHeaderOrAHostInTheRequestLineIsRefused() throws IOException {
        // RFC 9112 §3.2: one Host only; a browser never sends either form, a rebinding trick might.
        RawHttp.Response twoHosts = RawHttp.get(port, "/", Map.of("host", "evil.example"));
        assertThat(twoHosts.status()).isEqualTo(400);
        assertThat(twoHosts.body()).doesNotContain("csrf-token");
        RawHttp.Response absolute = RawHttp.get(port, "http://evil.example/", Map.of());
        assertThat(absolute.status()).isEqualTo(400);
        assertThat(absolute.body()).doesNotContain("csrf-token");
    }

    @Test
    void withoutItsScriptTheFormStillPostsSoThePasswordNeverLandsInAUrl() throws IOException {
        String page = RawHttp.get(port, "/", Map.of()).body();
        assertThat(page).contains("<form id=\"check-form\" class=\"card\" method=\"post\" action=\"/api/diagnose\"")
                .contains("<form id=\"explain-form\" class=\"card\" method=\"post\" action=\"/api/explain\"");
    }

    @Test
    void bodiesOverTheLimitAreRefused() throws IOException {
        String token = token(port);
        String big = "text=" + "x".repeat(WebServer.MAX_EXPLAIN_BYTES + 10);
        assertThat(RawHttp.post(port, "/api/explain", action(port, token), big).status()).isEqualTo(413);
        // A Content-Length that lies small still cannot make the server read more than the limit.
        Map<String, String> chunked = action(port, token);
        chunked.put("Transfer-Encoding", "chunked");
        String chunk = Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
        assertThat(RawHttp.send(port, "POST", "/api/explain", chunked, chunk).status()).isEqualTo(413);
        String longText = form(Map.of("text", "y".repeat(WebServer.MAX_EXPLAIN_CHARS + 1)));
        assertThat(RawHttp.post(port, "/api/explain", action(port, token), longText).status()).isEqualTo(413);
    }

    @Test
    void aPastedErrorIsExplained() throws IOException {
        RawHttp.Response r = RawHttp.post(port, "/api/explain", action(port, token(port)),
                form(Map.of("text", "TLS Negotiation failed, the certificate doesn't match the host., code: 550", "lang", "ja")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"explanations\"", "証明書");
    }

    @Test
    void theCheckStreamsItsStepsThenTheAnswerAndThePasswordIsNowhere() throws IOException {
        RawHttp.Response r = RawHttp.post(port, "/api/diagnose", action(port, token(port)), sharedHosting(CANARY));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        assertThat(r.body()).startsWith("event: step\ndata: {").contains("\nevent: result\ndata: {",
                "sv1234.demo-hosting.test", "\"kind\":");
        assertThat(r.body().indexOf("event: step")).isLessThan(r.body().indexOf("event: result"));
        assertThat(r.raw()).doesNotContain(CANARY);
        assertThat(LOG.toString()).doesNotContain(CANARY);
    }

    @Test
    void whenOnlyTheUnsecuredRouteWorksItsRisksAreSpelledOut() throws IOException {
        String body = sharedHosting("demo-password-1234").replace("scenario=shared-hosting", "scenario=only-unsecured");
        RawHttp.Response r = RawHttp.post(port, "/api/diagnose", action(port, token(port)), body);
        assertThat(r.body()).contains("\"kind\":\"INSECURE_ONLY\"", "\"risks\":{\"heading\":\"What the unsecured connection costs:\"",
                "\"value\":\"Unsecured connection\"");
    }

    @Test
    void aCheckBeyondTheCapGetsBusy() throws Exception {
        String token = token(port);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("address", "taro@example-shop.test");
        f.put("scenario", "greeting-delay");
        f.put("addressOnly", "1");
        // Two checks at once against servers that greet after 2 s: whichever comes second finds the one place taken.
        java.util.function.Supplier<RawHttp.Response> check = () -> {
            try {
                return RawHttp.post(port, "/api/diagnose", action(port, token), form(f));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.List<RawHttp.Response> both;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<RawHttp.Response> a = CompletableFuture.supplyAsync(check, threads);
            CompletableFuture<RawHttp.Response> b = CompletableFuture.supplyAsync(check, threads);
            both = java.util.List.of(a.get(), b.get());
        }
        assertThat(both).extracting(RawHttp.Response::status).containsExactlyInAnyOrder(200, 503);
        RawHttp.Response busy = both.stream().filter(r -> r.status() == 503).findFirst().orElseThrow();
        RawHttp.Response ran = both.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        assertThat(busy.body()).contains("already running 1 checks");
        assertThat(ran.body()).contains("event: result");
    }
}
