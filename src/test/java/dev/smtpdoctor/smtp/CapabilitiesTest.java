package dev.smtpdoctor.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static Capabilities ehlo(String... lines) throws MalformedReplyException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append("250").append(i == lines.length - 1 ? ' ' : '-').append(lines[i]).append("\r\n");
        }
        return Capabilities.fromEhlo(ReplyParser.parse(sb.toString()));
    }

    @Test
    void typicalSubmissionServerBeforeTls() throws Exception {
        Capabilities c = ehlo("mail.example.test Hello [127.0.0.1]", "PIPELINING", "SIZE 35882577", "8BITMIME",
                "STARTTLS", "ENHANCEDSTATUSCODES", "SMTPUTF8");

        assertThat(c.domain()).isEqualTo("mail.example.test");
        assertThat(c.extended()).isTrue();
        assertThat(c.keywords().keySet()).containsExactly("PIPELINING", "SIZE", "8BITMIME", "STARTTLS",
                "ENHANCEDSTATUSCODES", "SMTPUTF8");
        assertThat(c.startTls()).isTrue();
        assertThat(c.pipelining()).isTrue();
        assertThat(c.eightBitMime()).isTrue();
        assertThat(c.smtpUtf8()).isTrue();
        assertThat(c.enhancedStatusCodes()).isTrue();
        assertThat(c.size()).hasValue(35882577L);
        assertThat(c.authAdvertised()).isFalse();
        assertThat(c.authMechanisms()).isEmpty();
        assertThat(c.preferredAuthMechanism()).isEmpty();
    }

    @Test
    void singleLineEhloAnnouncesNothing() throws Exception {
        Capabilities c = ehlo("mail.example.test");

        assertThat(c.domain()).isEqualTo("mail.example.test");
        assertThat(c.keywords()).isEmpty();
        assertThat(c.startTls()).isFalse();
        assertThat(c.pipelining()).isFalse();
        assertThat(c.eightBitMime()).isFalse();
        assertThat(c.smtpUtf8()).isFalse();
        assertThat(c.size()).isEmpty();
    }

    @Test
    void keywordsAreCaseInsensitiveParametersKeptAsSent() throws Exception {
        Capabilities c = ehlo("mx", "starttls", "Auth plain Login", "x-Custom Foo bar");

        assertThat(c.startTls()).isTrue();
        assertThat(c.has("STARTTLS")).isTrue();
        assertThat(c.has("auth")).isTrue();
        assertThat(c.keywords()).containsEntry("AUTH", List.of("plain", "Login"))
                .containsEntry("X-CUSTOM", List.of("Foo", "bar"));
        assertThat(c.authMechanisms()).containsExactly("PLAIN", "LOGIN");
    }

    @Test
    void authMechanismsInServerOrderWithPreference() throws Exception {
        Capabilities c = ehlo("mx", "AUTH CRAM-MD5 LOGIN PLAIN");

        assertThat(c.authAdvertised()).isTrue();
        assertThat(c.authMechanisms()).containsExactly("CRAM-MD5", "LOGIN", "PLAIN");
        assertThat(c.preferredAuthMechanism()).contains("PLAIN");
    }

    @Test
    void preferenceFallsBackToLoginThenCramMd5() throws Exception {
        assertThat(ehlo("mx", "AUTH CRAM-MD5 LOGIN").preferredAuthMechanism()).contains("LOGIN");
        assertThat(ehlo("mx", "AUTH DIGEST-MD5 CRAM-MD5").preferredAuthMechanism()).contains("CRAM-MD5");
    }

    @Test
    void oldAuthEqualsFormIsMergedIntoAuth() throws Exception {
        // Pre-RFC 4954 servers announce both forms; the mechanisms appear once each.
        Capabilities c = ehlo("mx", "AUTH LOGIN PLAIN", "AUTH=LOGIN PLAIN");

        assertThat(c.keywords().keySet()).containsExactly("AUTH");
        assertThat(c.keywords().get("AUTH")).containsExactly("LOGIN", "PLAIN", "LOGIN", "PLAIN");
        assertThat(c.authMechanisms()).containsExactly("LOGIN", "PLAIN");
    }

    @Test
    void oldAuthEqualsFormAlone() throws Exception {
        Capabilities c = ehlo("mx", "AUTH=LOGIN");

        assertThat(c.authAdvertised()).isTrue();
        assertThat(c.authMechanisms()).containsExactly("LOGIN");
        assertThat(c.preferredAuthMechanism()).contains("LOGIN");
    }

    @Test
    void authWithNoMechanisms() throws Exception {
        Capabilities c = ehlo("mx", "AUTH");

        assertThat(c.authAdvertised()).isTrue();
        assertThat(c.authMechanisms()).isEmpty();
        assertThat(c.preferredAuthMechanism()).isEmpty();
    }

    @Test
    void emptyOldFormAddsNoMechanism() throws Exception {
        Capabilities c = ehlo("mx", "AUTH=");

        assertThat(c.authAdvertised()).isTrue();
        assertThat(c.authMechanisms()).isEmpty();
    }

    @Test
    void onlyUnknownMechanisms() throws Exception {
        Capabilities c = ehlo("mx", "AUTH XOAUTH2 GSSAPI NTLM");

        assertThat(c.authMechanisms()).containsExactly("XOAUTH2", "GSSAPI", "NTLM");
        assertThat(c.preferredAuthMechanism()).isEmpty();
    }

    @Test
    void sizeWithoutNumberOrWithGarbage() throws Exception {
        assertThat(ehlo("mx", "SIZE").size()).isEqualTo(OptionalLong.empty());
        assertThat(ehlo("mx", "SIZE unlimited").size()).isEqualTo(OptionalLong.empty());
        assertThat(ehlo("mx", "SIZE 0").size()).hasValue(0);
        assertThat(ehlo("mx", "SIZE").has("SIZE")).isTrue();
    }

    @Test
    void tabsAndBlankLinesAreTolerated() throws Exception {
        Capabilities c = ehlo("mx greets you", "SIZE\t1000", "", "  PIPELINING  ");

        assertThat(c.keywords()).containsExactly(Map.entry("SIZE", List.of("1000")),
                Map.entry("PIPELINING", List.of()));
        assertThat(c.size()).hasValue(1000);
    }

    @Test
    void heloFallbackAnnouncesNothing() {
        Capabilities c = Capabilities.helo("mail.example.test");

        assertThat(c.extended()).isFalse();
        assertThat(c.domain()).isEqualTo("mail.example.test");
        assertThat(c.keywords()).isEmpty();
        assertThat(c.startTls()).isFalse();
        assertThat(c.authAdvertised()).isFalse();
        assertThat(c.preferredAuthMechanism()).isEmpty();
        assertThat(c.size()).isEmpty();
    }

    @Test
    void keywordsAreImmutable() throws Exception {
        Capabilities c = ehlo("mx", "AUTH PLAIN");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.keywords().put("X", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.keywords().get("AUTH").add("LOGIN"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
