package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static dev.smtpdoctor.diagnosis.Probes.connectTimeout;
import static dev.smtpdoctor.diagnosis.Probes.dnsFailed;
import static dev.smtpdoctor.diagnosis.Probes.guess;
import static dev.smtpdoctor.diagnosis.Probes.nothingTyped;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.refused;
import static dev.smtpdoctor.diagnosis.Probes.serverOnly;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.diagnosis.RuleTable.e;
import static dev.smtpdoctor.diagnosis.RuleTable.row;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;

import dev.smtpdoctor.diagnosis.RuleTable.Case;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.smtp.Reply;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DnsRule, ConnectRule, Port25Rule, GreetingRule. */
class ReachabilityRulesTest {

    static final String H = "mail.example.jp";

    static Stream<Case> dns() {
        return Stream.of(
                row("typed name does not exist", typedSettings(H, 465, SSL)
                                .with(dnsFailed(H, 465, SSL), dnsFailed(H, 587, TLS), dnsFailed(H, 25, NONE)),
                        e(FindingCode.DNS_NO_SUCH_HOST, Severity.ERROR, "host", H)),
                row("lookup timed out", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .failedAt(new ProbeOutcome.DnsFailed(H, DnsFailure.TIMED_OUT)).build()),
                        e(FindingCode.DNS_LOOKUP_FAILED, Severity.ERROR, "host", H, "reason", "timed out")),
                row("an unresolvable guess is not reported when the typed server works",
                        typedSettings(H, 465, SSL).with(completedSsl(H), dnsFailed("smtp.example.jp", 465, SSL))),
                row("healthy", typedSettings(H, 465, SSL).with(completedSsl(H))),
                row("nothing typed and no name of the address's domain exists: the address is the suspect",
                        nothingTyped().with(guess(dnsFailed("smtp.example.jp", 465, SSL)),
                                guess(dnsFailed("mail.example.jp", 465, SSL)), guess(dnsFailed("example.jp", 465, SSL))),
                        e(FindingCode.ADDRESS_DOMAIN_NOT_FOUND, Severity.ERROR, "domain", "example.jp")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void dns(Case c) {
        RuleTable.check(new DnsRule(), c);
    }

    static Stream<Case> connect() {
        return Stream.of(
                row("the typed port refuses", typedSettings(H, 465, SSL)
                                .with(refused(H, 465, SSL), completedTls(H, 587)),
                        e(FindingCode.CONNECT_REFUSED, Severity.ERROR, "host", H, "port", "465")),
                row("another port refuses: a note", typedSettings(H, 587, TLS)
                                .with(refused(H, 465, SSL), completedTls(H, 587)),
                        e(FindingCode.CONNECT_REFUSED, Severity.INFO, "port", "465")),
                row("no port chosen and nothing answers: warnings", serverOnly(H)
                                .with(refused(H, 465, SSL), refused(H, 587, TLS)),
                        e(FindingCode.CONNECT_REFUSED, Severity.WARNING, "port", "465"),
                        e(FindingCode.CONNECT_REFUSED, Severity.WARNING, "port", "587")),
                row("port 25 silent while 587 answers is left to Port25Rule", typedSettings(H, 587, TLS)
                        .with(completedTls(H, 587), connectTimeout(H, 25, TLS), connectTimeout(H, 25, NONE))),
                row("everything silent", typedSettings(H, 587, TLS).with(connectTimeout(H, 465, SSL),
                                connectTimeout(H, 587, TLS), connectTimeout(H, 25, TLS), connectTimeout(H, 25, NONE)),
                        e(FindingCode.CONNECT_TIMEOUT, Severity.INFO, "port", "465"),
                        e(FindingCode.CONNECT_TIMEOUT, Severity.ERROR, "port", "587"),
                        e(FindingCode.CONNECT_TIMEOUT, Severity.INFO, "port", "25")),
                row("no route", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .failedAt(new ProbeOutcome.Unreachable("192.0.2.10", "No route to host")).build()),
                        e(FindingCode.NETWORK_UNREACHABLE, Severity.ERROR, "host", H, "port", "465")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void connect(Case c) {
        RuleTable.check(new ConnectRule(), c);
    }

    static Stream<Case> port25() {
        return Stream.of(
                row("port 25 silent, 587 answers: local OP25B, a note", typedSettings(H, 587, TLS)
                                .with(completedTls(H, 587), connectTimeout(H, 25, TLS), connectTimeout(H, 25, NONE)),
                        e(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY, Severity.INFO, "host", H)),
                row("the user chose port 25: a warning", typedSettings(H, 25, TLS)
                                .with(completedSsl(H), connectTimeout(H, 25, TLS), connectTimeout(H, 25, NONE)),
                        e(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY, Severity.WARNING, "host", H)),
                row("every port silent: not port 25's fault", typedSettings(H, 587, TLS)
                        .with(connectTimeout(H, 587, TLS), connectTimeout(H, 25, TLS))),
                row("port 25 refused: nothing local about it", typedSettings(H, 587, TLS)
                        .with(completedTls(H, 587), refused(H, 25, TLS))),
                row("no port 25 probe", typedSettings(H, 587, TLS).with(completedTls(H, 587))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void port25(Case c) {
        RuleTable.check(new Port25Rule(), c);
    }

    static Stream<Case> greeting() {
        return Stream.of(
                row("6.2 s: measured and labelled", typedSettings(H, 587, TLS)
                                .with(probe(H, 587, TLS).greetingMillis(6_200).build()),
                        e(FindingCode.GREETING_DELAYED, Severity.INFO, "host", H, "port", "587", "seconds", "6.2")),
                row("over Gmail's ~10 s: a warning", typedSettings(H, 587, TLS)
                                .with(probe(H, 587, TLS).greetingMillis(12_000).build()),
                        e(FindingCode.GREETING_DELAYED, Severity.WARNING, "seconds", "12.0")),
                row("4 s: nothing", typedSettings(H, 587, TLS).with(probe(H, 587, TLS).greetingMillis(4_000).build())),
                row("one finding per server, the slowest port", typedSettings(H, 587, TLS).with(
                                probe(H, 465, SSL).greetingMillis(7_000).build(),
                                probe(H, 587, TLS).greetingMillis(12_500).build()),
                        e(FindingCode.GREETING_DELAYED, Severity.WARNING, "port", "587", "seconds", "12.5")),
                row("the typed name and a certificate name of one machine: one finding", typedSettings(H, 465, SSL).with(
                                Probes.typed(probe(H, 465, SSL).tls(Probes.mismatch(H, "sv1.xserver.jp"))
                                        .greetingMillis(7_000).build()),
                                Probes.certName(probe("sv1.xserver.jp", 465, SSL).greetingMillis(7_000).build(), H)),
                        e(FindingCode.GREETING_DELAYED, Severity.INFO, "host", H, "seconds", "7.0")),
                row("a guess nobody will use is not measured", typedSettings(H, 587, TLS).with(completedTls(H, 587),
                        probe("smtp.example.jp", 587, TLS).greetingMillis(9_000).build())),
                row("refused in the greeting", typedSettings(H, 587, TLS).with(probe(H, 587, TLS)
                                .silentAtGreeting(new ProbeOutcome.GreetingRejected(
                                        Reply.of(554, "5.7.1 Service unavailable; Client host blocked"))).build()),
                        e(FindingCode.GREETING_REJECTED, Severity.ERROR, "host", H,
                                "reply", "554 5.7.1 Service unavailable; Client host blocked")),
                row("a timeout at the greeting is not a rejection", nothingTyped().with(probe(H, 587, TLS)
                        .silentAtGreeting(new ProbeOutcome.TimedOut(Step.GREETING)).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void greeting(Case c) {
        RuleTable.check(new GreetingRule(), c);
    }
}
