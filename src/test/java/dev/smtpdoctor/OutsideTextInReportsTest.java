package dev.smtpdoctor;

import static dev.smtpdoctor.testing.Printable.assertPrintable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.testing.InMemoryDns;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Security finding 4: text from the sending domain's DNS — an SPF record carrying a terminal title change
 * (OSC), a screen clear, a colour, the C1 CSI and a right-to-left override — goes through a whole check
 * (the demo's servers, DNS in memory) and comes out of the text report (both languages, verbose) and the
 * JSON with every such character shown as U+FFFD.
 */
class OutsideTextInReportsTest {

    private static final String HOSTILE = "\u001B]0;title\u0007\u001B[2J\u001B[31m\u009B31m\u202Eevil";

    private static final String ZONE = """
            example-shop.test MX 10 mx.example-shop.test
            example-shop.test MX 20 mx\u202E\u200B.example-shop.test
            mx.example-shop.test A 127.0.0.1
            example-shop.test TXT "v=spf1 ip4:127.0.0.0/8 %s -all"
            _dmarc.example-shop.test TXT "v=DMARC1; p=none; rua=mailto:\u001B[31m\u2066a@example-shop.test"
            """.formatted(HOSTILE);

    @Test
    void escapeSequencesInAnSpfRecordNeverReachTheReports() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            Diagnosis d = diagnose(demo, InMemoryDns.zone(ZONE));

            assertThat(d.domain().orElseThrow().findings()).extracting(Finding::code)
                    .contains(FindingCode.SPF_PERMERROR);
            String en = new CheckTextReport(Messages.forLocale(Locale.ENGLISH)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.VERBOSE);
            String ja = new CheckTextReport(Messages.forLocale(Locale.JAPANESE)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.VERBOSE);
            String json = ProbeJson.pretty(CheckJson.document(d, "check", "test"));
            String compact = CheckJson.document(d, "check", "test").toString();

            // the record is still shown, its dangerous characters visibly replaced
            assertThat(en).contains("\uFFFD]0;title\uFFFD\uFFFD[2J\uFFFD[31m\uFFFD31m\uFFFDevil");
            assertThat(json).contains("\uFFFD]0;title\uFFFD\uFFFD[2J\uFFFD[31m\uFFFD31m\uFFFDevil");
            assertPrintable("text (en)", en);
            assertPrintable("text (ja)", ja);
            assertPrintable("JSON", json);
            assertPrintable("JSON (compact)", compact);
        }
    }

    private static Diagnosis diagnose(RunningDemo demo, InMemoryDns dns) {
        RawFields fields = new RawFields(demo.address(), demo.typed().server(), String.valueOf(demo.typed().port()),
                demo.typed().security().id(), demo.typed().username(), demo.passwordToUse().toCharArray());
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(demo.resolver()).trust(demo.trust()).dns(dns).build();
        return doctor.diagnose(new CheckRequest(fields, false, Timeouts.ofStep(Duration.ofSeconds(5)), List.of()),
                ProbeListener.NONE);
    }
}
