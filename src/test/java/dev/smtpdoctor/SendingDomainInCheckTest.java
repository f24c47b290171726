package dev.smtpdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.sendingdomain.DomainReport;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.testing.InMemoryDns;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The sending-domain checks run as part of a check: SPF is evaluated for the address of the server
 * the user is told to use, and the report carries the domain section. Servers: the demo's; DNS: in memory.
 */
class SendingDomainInCheckTest {

    private static final String ZONE = """
            example-shop.test MX 10 mx.example-shop.test
            mx.example-shop.test A 127.0.0.1
            example-shop.test TXT "v=spf1 ip4:127.0.0.0/8 -all"
            _dmarc.example-shop.test TXT "v=DMARC1; p=none"
            """;

    @Test
    void spfIsEvaluatedForTheRecommendedServersAddress() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            InMemoryDns dns = InMemoryDns.zone(ZONE);
            Diagnosis d = diagnose(demo, dns);

            assertThat(d.recommendation().orElseThrow().choice().orElseThrow().server())
                    .isEqualTo("sv1234.demo-hosting.test");
            DomainReport dom = d.domain().orElseThrow();
            assertThat(dom.serverAddress().orElseThrow().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(dom.findings()).extracting(Finding::code)
                    .contains(FindingCode.SPF_AUTHORISES_SERVER, FindingCode.DMARC_POLICY_NONE)
                    .doesNotContain(FindingCode.MX_MISSING);
            assertThat(dom.gmail().allSendersMet()).isTrue();

            String en = new CheckTextReport(Messages.forLocale(Locale.ENGLISH)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.DETAILS);
            assertThat(en).contains("The sending domain example-shop.test").contains("127.0.0.1");
            String ja = new CheckTextReport(Messages.forLocale(Locale.JAPANESE)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.DETAILS);
            assertThat(ja).doesNotContain("!domain.").doesNotContain("{");
        }
    }

    @Test
    void aDomainThatCannotReceiveMailIsAnError() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            Diagnosis d = diagnose(demo, InMemoryDns.zone("example-shop.test TXT \"v=spf1 -all\"\n"));
            assertThat(d.domain().orElseThrow().findings()).extracting(Finding::code)
                    .contains(FindingCode.MX_MISSING, FindingCode.SPF_DOES_NOT_AUTHORISE_SERVER);
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
