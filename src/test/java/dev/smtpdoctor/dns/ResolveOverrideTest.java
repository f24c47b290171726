package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.testing.RecordingResolverProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResolveOverrideTest {

    private static InetAddress ip(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    @Test
    void curlSyntax() throws Exception {
        ResolveOverride o = ResolveOverride.parse("mail.example.test:587:192.0.2.10");

        assertThat(o).isEqualTo(new ResolveOverride("mail.example.test", 587, ip(192, 0, 2, 10)));
    }

    @Test
    void hostIsLowerCasedAndSurroundingSpaceIgnored() throws Exception {
        assertThat(ResolveOverride.parse("  Mail.Example.TEST:25:127.0.0.1 \n").host()).isEqualTo("mail.example.test");
    }

    @Test
    void aTrailingDotOnTheHostIsIgnored() throws Exception {
        ResolveOverride o = ResolveOverride.parse("mail.example.test.:587:127.0.0.1");

        assertThat(o.host()).isEqualTo("mail.example.test");
        assertThat(o.appliesTo("mail.example.test", 587)).isTrue();
        assertThat(o.appliesTo("mail.example.test.", 587)).isTrue();
    }

    @Test
    void starMeansEveryPort() throws Exception {
        ResolveOverride o = ResolveOverride.parse("mail.example.test:*:127.0.0.1");

        assertThat(o.port()).isZero();
        assertThat(o.appliesTo("mail.example.test", 25)).isTrue();
        assertThat(o.appliesTo("mail.example.test", 465)).isTrue();
        assertThat(o.appliesTo("mail.example.test", 587)).isTrue();
    }

    @Test
    void appliesToThatHostAndPortOnly() throws Exception {
        ResolveOverride o = ResolveOverride.parse("mail.example.test:587:127.0.0.1");

        assertThat(o.appliesTo("mail.example.test", 587)).isTrue();
        assertThat(o.appliesTo("MAIL.example.test", 587)).isTrue();
        assertThat(o.appliesTo("mail.example.test.", 587)).isTrue();
        assertThat(o.appliesTo("mail.example.test", 465)).isFalse();
        assertThat(o.appliesTo("smtp.example.test", 587)).isFalse();
        assertThat(o.appliesTo("example.test", 587)).isFalse();
    }

    @Test
    void bracketedIpv6() throws Exception {
        ResolveOverride o = ResolveOverride.parse("mail.example.test:465:[2001:db8::25]");

        assertThat(o.address()).isEqualTo(InetAddress.getByName("2001:db8::25"));
        assertThat(o.address().getAddress()).hasSize(16);
        assertThat(o.port()).isEqualTo(465);
    }

    @Test
    void bareIpv6AndLoopback() throws Exception {
        assertThat(ResolveOverride.parse("mail.example.test:25:::1").address()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(ResolveOverride.parse("mail.example.test:25:[::ffff:192.0.2.1]").address().getHostAddress())
                .isEqualTo("192.0.2.1");
    }

    @Test
    void portBounds() throws Exception {
        assertThat(ResolveOverride.parse("h.test:1:127.0.0.1").port()).isEqualTo(1);
        assertThat(ResolveOverride.parse("h.test:65535:127.0.0.1").port()).isEqualTo(65535);
        assertThat(ResolveOverride.parse("h.test:00025:127.0.0.1").port()).isEqualTo(25);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "mail.example.test", "mail.example.test:587", "mail.example.test:587:", ":587:127.0.0.1",
        "mail.example.test::127.0.0.1", "mail.example.test:abc:127.0.0.1", "mail.example.test:-1:127.0.0.1",
        "mail.example.test:123456:127.0.0.1", "mail example.test:587:127.0.0.1",
        "mail.example.test:587:[127.0.0.1",
        "mail.example.test:587:other.example.test", "mail.example.test:587:localhost",
        ".:587:127.0.0.1", "mail.example.test..:587:127.0.0.1", "mail\u0000.example.test:587:127.0.0.1", "mail\u001b[31m.test:587:127.0.0.1",
        "mail\u3000example.test:587:127.0.0.1",
    })
    void malformedShapeIsRejected(String text) {
        assertThatThrownBy(() -> ResolveOverride.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected HOST:PORT:ADDRESS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.test:0:127.0.0.1", "mail.example.test:65536:127.0.0.1",
        "mail.example.test:99999:127.0.0.1"})
    void portOutOfRange(String text) {
        assertThatThrownBy(() -> ResolveOverride.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "1.2.3", "1.2.3.4.5", "deadbeef.cafe", "abc", "1.2.3.4.", "::g",
        "2001:db8:::1:2:3:4:5:6", "[]", "1::2::3", "0x7f.1",
        "127.0.0.1:25", ".:1", "..::", "[.:1]"})
    void notAnIpAddress(String addr) {
        assertThatThrownBy(() -> ResolveOverride.parse("mail.example.test:587:" + addr))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverAsksDns() throws Exception {
        // The test JVM resolves names through RecordingResolverProvider; first prove that it is in place.
        String canary = "x" + System.nanoTime() + RecordingResolverProvider.CANARY_SUFFIX;
        assertThatThrownBy(() -> InetAddress.getByName(canary)).isInstanceOf(UnknownHostException.class);
        assertThat(RecordingResolverProvider.lookups()).contains(canary);

        List<String> addresses = List.of("192.0.2.10", "[2001:db8::25]", "deadbeef.cafe", "abc", "face::bad::",
                "1.2.3", "dead:beef.cafe", ".:1", "[.:1]", "..::", "::1", "256.1.1.1");
        for (String address : addresses) {
            try {
                ResolveOverride.parse("mail.example.test:587:" + address).appliesTo("mail.example.test", 587);
            } catch (IllegalArgumentException expected) {
                // rejected without a lookup is fine too
            }
        }

        // Checked against every lookup this JVM made: a lookup cached from an earlier test still shows here.
        List<String> bare = addresses.stream().map(a -> a.replace("[", "").replace("]", "")).toList();
        assertThat(RecordingResolverProvider.lookups()).doesNotContainAnyElementsOf(addresses)
                .doesNotContainAnyElementsOf(bare);
    }

    @Test
    void overridingResolverAnswersWithoutTheFallback() throws Exception {
        List<String> asked = new ArrayList<>();
        Resolver fallback = (host, port) -> {
            asked.add(host + ":" + port);
            return List.of(new java.net.InetSocketAddress(ip(192, 0, 2, 99), port));
        };
        OverridingResolver r = new OverridingResolver(List.of(
                ResolveOverride.parse("mail.example.test:587:127.0.0.1"),
                ResolveOverride.parse("mail.example.test:*:127.0.0.2"),
                ResolveOverride.parse("other.example.test:465:127.0.0.3")), fallback);

        assertThat(r.resolve("mail.example.test", 587)).containsExactly(at(ip(127, 0, 0, 1), 587), at(ip(127, 0, 0, 2), 587));
        assertThat(r.resolve("MAIL.example.test.", 25)).containsExactly(at(ip(127, 0, 0, 2), 25));
        assertThat(asked).isEmpty();
        assertThat(r.resolve("other.example.test", 587)).containsExactly(at(ip(192, 0, 2, 99), 587));
        assertThat(asked).containsExactly("other.example.test:587");
    }

    private static java.net.InetSocketAddress at(java.net.InetAddress a, int port) {
        return new java.net.InetSocketAddress(a, port);
    }
}
