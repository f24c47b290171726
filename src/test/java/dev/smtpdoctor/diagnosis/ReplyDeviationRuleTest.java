package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.diagnosis.RuleTable.e;
import static dev.smtpdoctor.diagnosis.RuleTable.row;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;

import dev.smtpdoctor.diagnosis.RuleTable.Case;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.smtp.Deviation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ReplyDeviationRule: tolerated protocol deviations are noted, once per server and kind. */
class ReplyDeviationRuleTest {

    static final String H = "mail.example.jp";

    /** {@code r} as the prober would have returned it after replies with these deviations. */
    static ProbeResult with(ProbeResult r, Deviation... deviations) {
        return new ProbeResult(r.endpoint(), r.outcome(), r.address(), r.greeting(), r.greetingMillis(), r.ehlo(),
                r.ehloTls(), r.tls(), r.auth(), r.sender(), r.totalMillis(), r.bytesRead(), r.steps(), r.transcript(),
                true, List.of(deviations));
    }

    static Stream<Case> replyDeviation() {
        return Stream.of(
                row("bare LF on two ports: one note naming both", typedSettings(H, 587, TLS).with(
                                with(probe(H, 587, TLS).build(), Deviation.BARE_LF),
                                with(probe(H, 465, SSL).build(), Deviation.BARE_LF)),
                        e(FindingCode.REPLY_DEVIATION, Severity.INFO, "host", H, "ports", "465, 587",
                                "deviation", "BARE_LF")),
                row("each kind its own note", typedSettings(H, 465, SSL).with(
                                with(probe(H, 465, SSL).build(), Deviation.CONTROL_CHARACTER, Deviation.INVALID_UTF8)),
                        e(FindingCode.REPLY_DEVIATION, Severity.INFO, "deviation", "CONTROL_CHARACTER"),
                        e(FindingCode.REPLY_DEVIATION, Severity.INFO, "deviation", "INVALID_UTF8")),
                row("a reply cut by a hang-up is CONNECTION_CLOSED's to report", typedSettings(H, 587, TLS).with(
                        with(probe(H, 587, TLS).noTls().noEhloTls()
                                .outcome(new ProbeOutcome.ConnectionClosed(Step.EHLO, "closed")).build(),
                                Deviation.MISSING_FINAL_LINE))),
                row("a guessed server nobody asked about is not the subject", typedSettings(H, 465, SSL).with(
                        probe(H, 465, SSL).build(), with(probe("smtp.example.jp", 587, TLS).build(), Deviation.BARE_LF))),
                row("clean replies: nothing", typedSettings(H, 465, SSL).with(probe(H, 465, SSL).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void replyDeviation(Case c) {
        RuleTable.check(new ReplyDeviationRule(), c);
    }
}
