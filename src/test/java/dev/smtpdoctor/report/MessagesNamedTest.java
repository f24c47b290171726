package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesNamedTest {

    @Test
    void replacesNamedPlaceholders() {
        assertThat(Messages.fill("{host} port {port}", Map.of("host", "mail.example.jp", "port", "587")))
                .isEqualTo("mail.example.jp port 587");
    }

    @Test
    void unknownNamesAreLeftAsTheyAre() {
        assertThat(Messages.fill("{host} and {other}", Map.of("host", "h"))).isEqualTo("h and {other}");
    }

    @Test
    void apostrophesAndStrayBracesArePlainText() {
        assertThat(Messages.fill("doesn't match {host}; {} { x } {", Map.of("host", "h")))
                .isEqualTo("doesn't match h; {} { x } {");
    }

    @Test
    void valuesAreInsertedLiterallyNotExpandedAgain() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("reply", "550 {host} rejected");
        args.put("host", "h");
        assertThat(Messages.fill("\"{reply}\" from {host}", args)).isEqualTo("\"550 {host} rejected\" from h");
    }

    @Test
    void repeatedAndAdjacentPlaceholders() {
        assertThat(Messages.fill("{a}{a}-{b}", Map.of("a", "1", "b", "2"))).isEqualTo("11-2");
    }

    @Test
    void fromTheBundles() {
        Messages en = Messages.forLocale(Locale.ENGLISH);
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        Map<String, String> args = Map.of("host", "mail.example.jp", "port", "465");
        assertThat(en.named("finding.CONNECT_REFUSED", args)).startsWith("mail.example.jp refused the connection on port 465");
        assertThat(ja.named("finding.CONNECT_REFUSED", args)).startsWith("mail.example.jp はポート 465 への接続を拒否しました");
        assertThat(en.named("no.such.key", args)).isEqualTo("!no.such.key!");
    }
}
