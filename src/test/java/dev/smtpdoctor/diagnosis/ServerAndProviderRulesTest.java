package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.dnsFailed;
import static dev.smtpdoctor.diagnosis.Probes.mismatch;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.diagnosis.RuleTable.e;
import static dev.smtpdoctor.diagnosis.RuleTable.row;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;

import dev.smtpdoctor.diagnosis.RuleTable.Case;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.smtp.Reply;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ProviderRule, ServerBehaviourRule. */
class ServerAndProviderRulesTest {

    static final String H = "mail.example.jp";

    static Stream<Case> provider() {
        return Stream.of(
                row("Xserver recognised from the certificate of a custom-domain name", typedSettings(H, 465, SSL)
                                .with(probe(H, 465, SSL).tls(mismatch(H, "*.xserver.jp")).build()),
                        e(FindingCode.PROVIDER_FOREIGN_IP_FILTER, Severity.WARNING, "provider", "xserver",
                                "host", "*.xserver.jp")),
                row("Sakura by name", typedSettings("example.sakura.ne.jp", 587, TLS)
                                .with(probe("example.sakura.ne.jp", 587, TLS).build()),
                        e(FindingCode.PROVIDER_FOREIGN_IP_FILTER, Severity.WARNING, "provider", "sakura")),
                row("お名前.com (GMO server brand)", typedSettings("sd1234.gmoserver.jp", 465, SSL)
                                .with(completedSsl("sd1234.gmoserver.jp")),
                        e(FindingCode.PROVIDER_FOREIGN_IP_FILTER, Severity.WARNING, "provider", "onamae")),
                row("Microsoft 365", typedSettings("smtp.office365.com", 587, TLS)
                                .with(probe("smtp.office365.com", 587, TLS).build()),
                        e(FindingCode.PROVIDER_PASSWORD_AUTH_ENDING, Severity.WARNING, "host", "smtp.office365.com")),
                row("an unknown provider", typedSettings(H, 465, SSL).with(completedSsl(H))),
                row("nothing connected: nothing to say", typedSettings("sv1.xserver.jp", 465, SSL)
                        .with(dnsFailed("sv1.xserver.jp", 465, SSL))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void provider(Case c) {
        RuleTable.check(new ProviderRule(), c);
    }

    static Stream<Case> serverBehaviour() {
        return Stream.of(
                row("silence after AUTH", typedSettings(H, 465, SSL).password()
                                .with(probe(H, 465, SSL).outcome(new ProbeOutcome.TimedOut(Step.AUTH)).build()),
                        e(FindingCode.SERVER_TIMEOUT, Severity.ERROR, "step", "AUTH", "port", "465")),
                row("hung up after EHLO on another port", typedSettings(H, 465, SSL).with(completedSsl(H),
                                probe(H, 587, TLS).noTls().noEhloTls()
                                        .outcome(new ProbeOutcome.ConnectionClosed(Step.EHLO, "closed")).build()),
                        e(FindingCode.CONNECTION_CLOSED, Severity.WARNING, "step", "EHLO", "port", "587")),
                row("garbage instead of a reply", typedSettings(H, 587, TLS).with(probe(H, 587, TLS).noTls().noEhloTls()
                                .outcome(new ProbeOutcome.ProtocolViolation(Step.EHLO,
                                        ProbeOutcome.ProtocolViolation.Kind.NOT_A_REPLY, "HTTP/1.1 400 Bad Request"))
                                .build()),
                        e(FindingCode.PROTOCOL_VIOLATION, Severity.ERROR, "kind", "NOT_A_REPLY",
                                "evidence", "HTTP/1.1 400 Bad Request")),
                row("EHLO refused with 421", typedSettings(H, 587, TLS).with(probe(H, 587, TLS).noTls().noEhloTls()
                                .outcome(new ProbeOutcome.CommandRejected(Step.EHLO,
                                        Reply.of(421, "4.7.0 Too many connections"))).build()),
                        e(FindingCode.COMMAND_REJECTED, Severity.ERROR, "step", "EHLO",
                                "reply", "421 4.7.0 Too many connections")),
                row("silence at the greeting of an implicit-TLS port is a mode mismatch, not a timeout",
                        typedSettings(H, 465, TLS).with(TlsRulesTest.tlsOnImplicitPort(H, 465), completedSsl(H))),
                row("a bug of ours is not the server's behaviour: nothing for the provider", typedSettings(H, 465, SSL)
                        .with(probe(H, 465, SSL).outcome(new ProbeOutcome.InternalError(Step.AUTH,
                                "IllegalStateException")).build())));
    }

    static Stream<Case> internalError() {
        return Stream.of(
                row("our exception on the typed probe: a bug report, class name only", typedSettings(H, 465, SSL)
                                .with(probe(H, 465, SSL).outcome(new ProbeOutcome.InternalError(Step.AUTH,
                                        "IllegalStateException")).build()),
                        e(FindingCode.INTERNAL_ERROR, Severity.ERROR, "step", "AUTH", "port", "465",
                                "exception", "IllegalStateException")),
                row("on another port: a warning", typedSettings(H, 465, SSL).with(completedSsl(H),
                                probe(H, 587, TLS).outcome(new ProbeOutcome.InternalError(Step.EHLO,
                                        "NullPointerException")).build()),
                        e(FindingCode.INTERNAL_ERROR, Severity.WARNING, "port", "587")),
                row("no exception, nothing to say", typedSettings(H, 465, SSL).with(completedSsl(H))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void internalError(Case c) {
        RuleTable.check(new InternalErrorRule(), c);
    }

    /** The decisive failure is our bug: ask for a bug report, never the provider; Gmail gets no verdict from it. */
    @org.junit.jupiter.api.Test
    void aBugOfOursAsksForABugReportNotTheProvider() {
        Assessment a = Diagnoser.assess(typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL)
                .outcome(new ProbeOutcome.InternalError(Step.AUTH, "IllegalStateException")).build()).build());
        org.assertj.core.api.Assertions.assertThat(a.recommendation().nextAction())
                .contains(Recommendation.NextAction.REPORT_BUG);
        org.assertj.core.api.Assertions.assertThat(a.recommendation().askProvider()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(a.findings()).extracting(f -> f.code())
                .contains(FindingCode.INTERNAL_ERROR)
                .doesNotContain(FindingCode.PROTOCOL_VIOLATION, FindingCode.COMMAND_REJECTED);
        org.assertj.core.api.Assertions.assertThat(a.gmail()).noneMatch(v -> v.cause()
                .filter(c -> c == FindingCode.INTERNAL_ERROR).isPresent() && v.message().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void serverBehaviour(Case c) {
        RuleTable.check(new ServerBehaviourRule(), c);
    }
}
