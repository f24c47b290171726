package dev.smtpdoctor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.AutoconfigFile.OutgoingServer;
import dev.smtpdoctor.discovery.AutoconfigFile.Problem;
import dev.smtpdoctor.model.Security;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config-v1.1.xml reader on small inline documents. */
class AutoconfigFileTest {

    static AutoconfigFile.Parsed parse(String xml) {
        return AutoconfigFile.parse(xml.getBytes(StandardCharsets.UTF_8), "taro@example.jp");
    }

    static String outgoing(String inner) {
        return "<clientConfig version=\"1.1\"><emailProvider id=\"example.jp\">" + inner + "</emailProvider></clientConfig>";
    }

    @Test
    void readsEveryFieldAndFillsThePlaceholders() {
        AutoconfigFile.Parsed p = parse(outgoing("""
                <outgoingServer type="smtp"><hostname>SMTP.%EMAILDOMAIN%.</hostname><port>587</port>
                  <socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username></outgoingServer>
                <outgoingServer type="smtp"><hostname>smtp.example.jp</hostname><port>465</port>
                  <socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>"""));

        assertThat(p.problem()).isEmpty();
        assertThat(p.servers()).containsExactly(
                new OutgoingServer("smtp.example.jp", OptionalInt.of(587), Optional.of(Security.TLS), Optional.of("taro")),
                new OutgoingServer("smtp.example.jp", OptionalInt.of(465), Optional.of(Security.SSL),
                        Optional.of("taro@example.jp")));
    }

    @ParameterizedTest
    @CsvSource({"SSL, SSL", "STARTTLS, TLS", "plain, NONE", "TLS, SSL"})
    void socketTypes(String socketType, Security expected) {
        assertThat(parse(outgoing("<outgoingServer type=\"smtp\"><hostname>smtp.example.jp</hostname><socketType>"
                + socketType + "</socketType></outgoingServer>")).servers().get(0).security()).contains(expected);
    }

    @Test
    void skipsIncomingServersBadHostsAndBadPorts() {
        AutoconfigFile.Parsed p = parse(outgoing("""
                <incomingServer type="imap"><hostname>imap.example.jp</hostname></incomingServer>
                <outgoingServer type="smtp"><hostname>smtp example jp</hostname></outgoingServer>
                <outgoingServer type="smtp"><hostname>smtp.example.jp</hostname><port>70000</port></outgoingServer>
                <outgoingServer type="smtp"><hostname>localhost</hostname></outgoingServer>"""));

        assertThat(p.servers()).isEmpty();
        assertThat(p.problem()).contains(Problem.NO_SMTP_SERVER);
    }

    @Test
    void somethingElseIsNotAnAutoconfigFile() {
        assertThat(parse("<html><body>It works!</body></html>").problem()).contains(Problem.NOT_AUTOCONFIG);
        assertThat(parse("not xml at all").problem()).contains(Problem.NOT_AUTOCONFIG);
        assertThat(parse("").problem()).contains(Problem.NOT_AUTOCONFIG);
    }

    @Test
    void atMostThreeServersAreTaken() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("<outgoingServer type=\"smtp\"><hostname>smtp").append(i).append(".example.jp</hostname></outgoingServer>");
        }
        assertThat(parse(outgoing(sb.toString())).servers()).hasSize(AutoconfigFile.MAX_SERVERS);
    }
}
