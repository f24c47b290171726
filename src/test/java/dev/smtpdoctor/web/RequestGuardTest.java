package dev.smtpdoctor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.web.RequestGuard.Head;
import dev.smtpdoctor.web.RequestGuard.Refusal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks every request of the local page passes: Host, Origin, Sec-Fetch-Site, token, method, type, size. */
class RequestGuardTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private final CsrfTokens tokens = new CsrfTokens();
    private final RequestGuard guard = new RequestGuard(RequestGuard.hostsFor(loopback(), 8025), tokens);
    private final String token = tokens.issue();

    private Head post(String host, String origin, String site, String type, long length, String token) {
        return new Head("POST", host, origin, site, type, length, token);
    }

    private Head goodPost() {
        return post("127.0.0.1:8025", "http://127.0.0.1:8025", "same-origin", FORM, 100, token);
    }

    @Test
    void aSameOriginPostWithItsTokenPasses() {
        assertThat(guard.checkAction(goodPost(), 8192)).isEmpty();
        // localhost is the same server; without Origin and Sec-Fetch-Site (curl, old browsers) it passes too.
        assertThat(guard.checkAction(post("localhost:8025", null, null, FORM + "; charset=UTF-8", 100, token), 8192)).isEmpty();
    }

    @Test
    void theHostMustNameThisServer() {
        // DNS rebinding: the attacker's name now points to 127.0.0.1, but the browser still sends it as Host.
        assertThat(guard.checkAction(post("evil.example:8025", null, null, FORM, 1, token), 8192)).contains(Refusal.BAD_HOST);
        assertThat(guard.checkRead(new Head("GET", "evil.example:8025", null, null, null, -1, null))).contains(Refusal.BAD_HOST);
        assertThat(guard.checkRead(new Head("GET", "127.0.0.1:9999", null, null, null, -1, null))).contains(Refusal.BAD_HOST);
        assertThat(guard.checkRead(new Head("GET", "127.0.0.1", null, null, null, -1, null))).contains(Refusal.BAD_HOST);
        assertThat(guard.checkRead(new Head("GET", null, null, null, null, -1, null))).contains(Refusal.BAD_HOST);
        assertThat(guard.checkRead(new Head("GET", "LOCALHOST:8025", null, "none", null, -1, null))).isEmpty();
    }

    @Test
    void aForeignOriginIsRefused() {
        assertThat(guard.checkAction(post("127.0.0.1:8025", "http://evil.example", "same-origin", FORM, 1, token), 8192))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(guard.checkAction(post("127.0.0.1:8025", "http://127.0.0.1:9000", null, FORM, 1, token), 8192))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(guard.checkAction(post("127.0.0.1:8025", "null", null, FORM, 1, token), 8192)).contains(Refusal.BAD_ORIGIN);
        assertThat(guard.checkAction(post("127.0.0.1:8025", "https://127.0.0.1:8025", null, FORM, 1, token), 8192))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(guard.checkRead(new Head("GET", "127.0.0.1:8025", "http://evil.example", null, null, -1, null)))
                .contains(Refusal.BAD_ORIGIN);
    }

    @Test
    void anActionMustComeFromThePageItself() {
        // Another port of 127.0.0.1 is the "same site" but not the same origin.
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, "same-site", FORM, 1, token), 8192)).contains(Refusal.CROSS_SITE);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, "cross-site", FORM, 1, token), 8192)).contains(Refusal.CROSS_SITE);
        assertThat(guard.checkRead(new Head("GET", "127.0.0.1:8025", null, "cross-site", null, -1, null))).contains(Refusal.CROSS_SITE);
    }

    @Test
    void anActionNeedsAValidTokenOfThisServer() {
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 1, null), 8192)).contains(Refusal.NO_TOKEN);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 1, ""), 8192)).contains(Refusal.NO_TOKEN);
        String other = new CsrfTokens().issue();
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 1, other), 8192)).contains(Refusal.BAD_TOKEN);
        String nonce = token.substring(0, token.indexOf('.'));
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 1, nonce + ".AAAA"), 8192)).contains(Refusal.BAD_TOKEN);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 1, token + "x"), 8192)).contains(Refusal.BAD_TOKEN);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 1, "x".repeat(5000)), 8192))
                .contains(Refusal.BAD_TOKEN);
    }

    @Test
    void tokensArePerPage() {
        String a = tokens.issue();
        String b = tokens.issue();
        assertThat(a).isNotEqualTo(b);
        assertThat(tokens.valid(a)).isTrue();
        assertThat(tokens.valid(b)).isTrue();
    }

    @Test
    void anActionIsAPostOfAFormWithinItsLimit() {
        assertThat(guard.checkAction(new Head("GET", "127.0.0.1:8025", null, null, null, -1, token), 8192))
                .contains(Refusal.WRONG_METHOD);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, "application/json", 1, token), 8192))
                .contains(Refusal.WRONG_TYPE);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, "text/plain", 1, token), 8192))
                .contains(Refusal.WRONG_TYPE);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 8193, token), 8192)).contains(Refusal.TOO_LARGE);
        assertThat(guard.checkAction(post("127.0.0.1:8025", null, null, FORM, 8192, token), 8192)).isEmpty();
        assertThat(guard.checkRead(new Head("POST", "127.0.0.1:8025", null, null, null, -1, null))).contains(Refusal.WRONG_METHOD);
    }

    @Test
    void anotherBindAddressIsItsOwnHost() throws Exception {
        var hosts = RequestGuard.hostsFor(InetAddress.getByName("192.0.2.7"), 8025);
        assertThat(hosts).containsExactly("192.0.2.7:8025");
        assertThat(RequestGuard.hostsFor(InetAddress.getByName("::1"), 80)).contains("[0:0:0:0:0:0:0:1]:80", "localhost:80");
    }

    @Test
    void aFormIsReadWithinItsLimitAndThePasswordStaysACharArray() throws Exception {
        byte[] body = "address=taro%40example.test&server=+mail.example.test&password=p%C3%A4ss+w%25rd&x"
                .getBytes(StandardCharsets.UTF_8);
        try (FormBody f = FormBody.parse(body)) {
            assertThat(f.text("address")).isEqualTo("taro@example.test");
            assertThat(f.text("server")).isEqualTo(" mail.example.test");
            assertThat(f.get("password")).isEmpty();
            assertThat(new String(f.secret())).isEqualTo("päss w%rd");
            assertThat(f.text("x")).isEmpty();
            assertThat(f.toString()).doesNotContain("päss");
            f.wipe();
            assertThat(f.secret()).isEmpty();
        }
        var in = new java.io.ByteArrayInputStream(new byte[9000]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormBody.read(in, 8192))
                .isInstanceOfSatisfying(FormBody.BadFormException.class, e -> assertThat(e.tooLarge()).isTrue());
        byte[] many = "a=1&".repeat(FormBody.MAX_FIELDS + 1).getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormBody.parse(many))
                .isInstanceOf(FormBody.BadFormException.class);
        try (FormBody broken = FormBody.parse("a=%zz%4".getBytes(StandardCharsets.UTF_8))) {
            assertThat(broken.text("a")).isEqualTo("%zz%4");
        }
    }

    @Test
    void thePageLanguageIsTheChosenOneThenTheBrowsersThenTheDefault() {
        assertThat(PageLanguage.choose("ja", "en-US,en;q=0.9", Language.EN)).isEqualTo(Language.JA);
        assertThat(PageLanguage.choose(null, "ja-JP,ja;q=0.9,en;q=0.8", Language.EN)).isEqualTo(Language.JA);
        assertThat(PageLanguage.choose(null, "fr-FR,en;q=0.5,ja;q=0.7", Language.EN)).isEqualTo(Language.JA);
        assertThat(PageLanguage.choose(null, "de-DE,fr;q=0.8", Language.JA)).isEqualTo(Language.JA);
        assertThat(PageLanguage.choose("xx", "en", Language.JA)).isEqualTo(Language.EN);
        assertThat(PageLanguage.choose(null, null, Language.EN)).isEqualTo(Language.EN);
        assertThat(PageLanguage.choose(null, "ja;q=zz,en;q=0.1", Language.JA)).isEqualTo(Language.EN);
        assertThat(Optional.of(PageLanguage.choose(null, "x".repeat(600), Language.JA))).contains(Language.JA);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
