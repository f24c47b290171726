package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.ADDRESS;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.MARGIN;
import static dev.smtpdoctor.hostile.HostileFixture.TRUST;
import static dev.smtpdoctor.hostile.HostileFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.diagnosis.Diagnoser;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.diagnosis.Probes;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testing.Printable;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every server of the {@link HostileServer} catalogue, the whole way: the fake server plays it, the
 * product's prober probes it with the product's limits, the product's rules diagnose the result, and the
 * report renders it in English, Japanese and JSON. Each must end
 * <ul>
 *   <li>in its specific outcome and finding,</li>
 *   <li>within the configured probe deadline (plus a margin: "ended in time", never a performance timing),</li>
 *   <li>without an exception escaping and without a thread left running,</li>
 *   <li>with output (text EN/JA with transcripts, JSON compact and as printed) that holds no forbidden
 *       code point ({@link Printable}: controls, bidi, zero-width; no terminal escape injection), no missing text, no
 *       stack trace and never the password.</li>
 * </ul>
 */
class HostileServerCatalogTest {

    private static final Pattern MISSING_TEXT = Pattern.compile("![a-z]+\\.[A-Za-z0-9_.-]+!");
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat (java|javax|jdk|sun|dev\\.smtpdoctor)\\.");

    @Test
    void theCatalogueHasAtLeast25Servers() {
        assertThat(HostileServer.values()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HostileServer.class)
    void endsInItsFindingWithinTheDeadline(HostileServer hostile) throws Exception {
        Scenario s = hostile.scenario();
        ThreadLeakCheck threads = ThreadLeakCheck.start();
        List<CandidateProbe> probes = new ArrayList<>();
        try (FakeSmtpServer server = new FakeSmtpServer()) {
            s.script.accept(new Script(server));
            Prober prober = new Prober(s.resolver.apply(server.port()), new TlsHandshaker(TRUST, Clock.systemUTC()),
                    s.limits);
            for (Scenario.ProbeSpec spec : s.probes) {
                long t0 = System.nanoTime();
                ProbeResult r = prober.probe(spec.request(s.timeouts), ProbeListener.NONE);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(took).as("%s on %d/%s ended within its deadline", hostile, spec.port(), spec.security())
                        .isLessThan(s.timeouts.total().plus(MARGIN));
                probes.add(Probes.probe(Candidate.of(HOST, CandidateSource.TYPED), r));
            }
            for (var check : s.serverChecks) {
                check.accept(server);
            }
        }
        threads.assertNoLeaks(Duration.ofSeconds(2));

        ProbeResult chosen = probes.get(0).result();
        for (var check : s.resultChecks) {
            check.accept(chosen);
        }
        Scenario.ProbeSpec first = s.probes.get(0);
        SendAsSettings settings = new SendAsSettings(ADDRESS, Optional.of(HOST), OptionalInt.of(first.port()),
                Optional.of(first.security()), Optional.of(USER), first.credentials());
        Assessment a = Diagnoser.assess(Probes.observations(settings, probes, Instant.now()));
        for (Scenario.ExpectedFinding e : s.findings) {
            assertThat(a.findings()).as("findings of %s (outcome %s)", hostile, chosen.outcome())
                    .anySatisfy(f -> matches(f, e));
        }
        for (var check : s.assessmentChecks) {
            check.accept(a);
        }
        assertSafeToShow(new Diagnosis(Optional.of(settings), List.of(), probes, Optional.of(a), Instant.now(), 0));
    }

    private static void matches(Finding f, Scenario.ExpectedFinding e) {
        assertThat(f.code()).isEqualTo(e.code());
        e.severity().ifPresent(sev -> assertThat(f.severity()).isEqualTo(sev));
        assertThat(f.args()).containsAllEntriesOf(e.args());
    }

    /** Text in both languages, with transcripts, and JSON: printable, complete, no trace, no password. */
    static void assertSafeToShow(Diagnosis d) {
        List<String> outputs = new ArrayList<>();
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            outputs.add(new CheckTextReport(Messages.forLocale(l)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.VERBOSE));
        }
        outputs.add(CheckJson.document(d, "check", "test").toString());
        outputs.add(ProbeJson.pretty(CheckJson.document(d, "check", "test")));
        for (String out : outputs) {
            Printable.assertPrintable("report", out);
            assertThat(MISSING_TEXT.matcher(out).find()).as("missing message key in:%n%s", out).isFalse();
            assertThat(STACK_FRAME.matcher(out).find()).as("stack trace in:%n%s", out).isFalse();
            for (String secret : HostileFixture.passwordForms()) {
                assertThat(out).doesNotContain(secret);
            }
        }
    }
}
