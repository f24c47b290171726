package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.SendAsSettings;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.testing.Printable.assertPrintable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.report.ProbeTextReport;
import dev.smtpdoctor.report.ProbeVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The second filter: values built by hand, past every boundary (a reply not read by the line reader, a
 * certificate summary not made from a certificate), still come out of the text reports and the printed
 * JSON without a control, bidi or zero-width character.
 */
class ReportOutputGuardTest {

    private static final String HOSTILE = "\u001B]0;t\u0007\u001B[2J\u009B31m\u202Eevil\u2066\u200B\uFEFF\u2028x";

    @Test
    void missedBoundariesStillCannotReachTheTerminal() {
        ProbeResult r = probe("mail.example.jp", 587, Security.TLS)
                .tls(Probes.mismatch("mail.example.jp", "sv1.example.jp" + HOSTILE))
                .authRejected(535, "5.7.8 " + HOSTILE).build();
        // the fixture really bypasses the boundaries: the value itself holds the raw characters
        assertThat(r.auth().reply().orElseThrow().lines().get(0)).contains("\u202E", "\u009B");
        SendAsSettings settings = new SendAsSettings("you@example.jp", Optional.of("mail.example.jp"),
                OptionalInt.of(587), Optional.of(Security.TLS), Optional.of("you@example.jp"), true);
        List<CandidateProbe> probes = List.of(Probes.typed(r));
        Assessment a = Diagnoser.assess(Probes.observations(settings, probes, Instant.now()));
        Diagnosis d = new Diagnosis(Optional.of(settings), List.of(), probes, Optional.of(a), Instant.now(), 0);

        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            String text = new CheckTextReport(Messages.forLocale(l)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.VERBOSE);
            assertPrintable("check text " + l, text);
            assertThat(text).contains("\uFFFDevil");
            assertPrintable("probe text " + l,
                    new ProbeTextReport(Messages.forLocale(l)).render(r, ProbeVerdict.of(r), true));
        }
        String json = ProbeJson.pretty(CheckJson.document(d, "check", "test"));
        assertPrintable("check JSON", json);
        assertThat(json).contains("\uFFFDevil");
        assertPrintable("probe JSON", ProbeJson.pretty(ProbeJson.document(r, ProbeVerdict.of(r), "test")));
    }

    @Test
    void printedJsonCleansValuesAndFieldNamesAndLeavesTheDocumentAlone() {
        ObjectNode n = ProbeJson.mapper().createObjectNode();
        n.put("reply", "a\u009Bb\u202Ec\td");
        n.putArray("names").add("x\u2028y").add(7);
        n.putObject("nested").put("k\u200Bey", "v\u0000");

        String json = ProbeJson.pretty(n);

        assertPrintable("JSON", json);
        assertThat(json).contains("a\uFFFDb\uFFFDc\\td", "x\uFFFDy", "k\uFFFDey", "v\uFFFD", "7");
        assertThat(n.get("reply").textValue()).isEqualTo("a\u009Bb\u202Ec\td"); // a copy was cleaned
        assertThat(ProbeJson.pretty(ProbeJson.mapper().createObjectNode().put("ok", "日本語")))
                .contains("日本語");
    }
}
