package dev.smtpdoctor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.report.ProbeJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real check's certificate name on the page: nobody has confirmed {@code sv1234.demo-hosting.test} yet (unlike
 * {@code serve --demo}), so the password is not sent there and the page asks; on "yes" the same form comes
 * back with that name trusted and the one login test goes there.
 */
class ConfirmNameTest {

    private static WebServer server;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        DemoRunner demo = new DemoRunner(DemoOptions.DEFAULT, false);
        server = WebServer.start(new WebConfig(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0, Language.EN, demo,
                demo.examples(), "test", 2, new PrintWriter(new StringWriter(), true)));
        port = server.uri().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode answer(String body) throws IOException {
        RawHttp.Response r = RawHttp.post(port, "/api/diagnose", WebServerTest.action(port, WebServerTest.token(port)), body);
        String b = r.body();
        int at = b.indexOf("event: result\ndata: ");
        assertThat(at).as(b).isGreaterThanOrEqualTo(0);
        String json = b.substring(at + "event: result\ndata: ".length());
        return ProbeJson.mapper().readTree(json.substring(0, json.indexOf('\n')));
    }

    @Test
    void thePageAsksAboutTheCertificatesNameThenTestsTheLoginThere() throws IOException {
        JsonNode first = answer(WebServerTest.sharedHosting("demo-password-1234"));
        assertThat(first.at("/confirm/name").asText()).isEqualTo("sv1234.demo-hosting.test");
        assertThat(first.at("/confirm/button").asText()).contains("sv1234.demo-hosting.test");
        assertThat(first.toString()).contains("press the button below").doesNotContain("--trust-certificate-name");
        assertThat(first.at("/technical/recommendation/loginVerified").asBoolean()).isFalse();

        JsonNode second = answer(WebServerTest.sharedHosting("demo-password-1234") + "&trustName=sv1234.demo-hosting.test");
        assertThat(second.at("/confirm").isMissingNode()).isTrue();
        assertThat(second.at("/technical/recommendation/server").asText()).isEqualTo("sv1234.demo-hosting.test");
        assertThat(second.at("/technical/recommendation/loginVerified").asBoolean()).isTrue();

        // Only a plain server name is taken: anything else is ignored, and the check runs as before.
        JsonNode odd = answer(WebServerTest.sharedHosting("demo-password-1234") + "&trustName=*.demo-hosting.test");
        assertThat(odd.at("/confirm/name").asText()).isEqualTo("sv1234.demo-hosting.test");
    }
}
