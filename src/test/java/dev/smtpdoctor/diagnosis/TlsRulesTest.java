package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import static dev.smtpdoctor.diagnosis.Probes.cert;
import static dev.smtpdoctor.diagnosis.Probes.certName;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static dev.smtpdoctor.diagnosis.Probes.mismatch;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.typed;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.diagnosis.Probes.withProtocol;
import static dev.smtpdoctor.diagnosis.RuleTable.e;
import static dev.smtpdoctor.diagnosis.RuleTable.row;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;

import dev.smtpdoctor.diagnosis.RuleTable.Case;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.ChainVerdict;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SecurityModeRule, StartTlsRule, TlsHandshakeRule, CertificateRule, CertificateNameRule. */
class TlsRulesTest {

    static final String H = "mail.example.jp";
    static final String SV = "sv1234.xserver.jp";

    /** The server speaks plain SMTP on 587: the TLS ClientHello got its 220 back. */
    static ProbeResult sslOnPlainPort(String host, int port) {
        return probe(host, port, SSL).noTls()
                .silentAtGreeting(new ProbeOutcome.TlsFailed(Step.TLS_HANDSHAKE,
                        "Unsupported or unrecognized SSL message", true)).build();
    }

    /** STARTTLS on an implicit-TLS port: the greeting never comes. */
    static ProbeResult tlsOnImplicitPort(String host, int port) {
        return probe(host, port, TLS).noTls().silentAtGreeting(new ProbeOutcome.TimedOut(Step.GREETING)).build();
    }

    static Stream<Case> securityMode() {
        return Stream.of(
                row("SSL chosen on 587", typedSettings(H, 587, SSL).with(sslOnPlainPort(H, 587), completedTls(H, 587)),
                        e(FindingCode.SECURITY_MODE_MISMATCH, Severity.ERROR, "port", "587", "chosen", "ssl",
                                "expected", "tls", "hint", "ssl-on-starttls-port")),
                row("TLS chosen on 465", typedSettings(H, 465, TLS).with(tlsOnImplicitPort(H, 465), completedSsl(H)),
                        e(FindingCode.SECURITY_MODE_MISMATCH, Severity.ERROR, "port", "465", "chosen", "tls",
                                "expected", "ssl", "hint", "tls-on-ssl-port")),
                row("TLS on 465 silent but SSL there does not work either: no proof of a mismatch",
                        typedSettings(H, 465, TLS).with(tlsOnImplicitPort(H, 465),
                                probe(H, 465, SSL).silentAtGreeting(new ProbeOutcome.TimedOut(Step.TLS_HANDSHAKE))
                                        .noTls().build())),
                row("a plain-text 465 while the user chose 587: a note", typedSettings(H, 587, TLS)
                                .with(sslOnPlainPort(H, 465), completedTls(H, 587)),
                        e(FindingCode.SECURITY_MODE_MISMATCH, Severity.INFO, "port", "465")),
                row("SSL chosen on a 465 that speaks plain text: TLS on 465, without \"SSL belongs with 465\"",
                        typedSettings(H, 465, SSL).with(sslOnPlainPort(H, 465)),
                        e(FindingCode.SECURITY_MODE_MISMATCH, Severity.ERROR, "port", "465", "chosen", "ssl",
                                "expected", "tls", "hint", "plaintext-on-465")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void securityMode(Case c) {
        RuleTable.check(new SecurityModeRule(), c);
    }

    static Stream<Case> startTls() {
        return Stream.of(
                row("TLS chosen, no STARTTLS", typedSettings(H, 587, TLS).with(probe(H, 587, TLS).noTls()
                                .ehlo("AUTH PLAIN LOGIN").noEhloTls().outcome(new ProbeOutcome.StartTlsNotOffered()).build()),
                        e(FindingCode.STARTTLS_NOT_OFFERED, Severity.ERROR, "host", H, "port", "587")),
                row("port 25 without STARTTLS while the user chose 465: a note", typedSettings(H, 465, SSL)
                                .with(completedSsl(H), probe(H, 25, TLS).noTls().ehlo("SIZE 1").noEhloTls()
                                        .outcome(new ProbeOutcome.StartTlsNotOffered()).build()),
                        e(FindingCode.STARTTLS_NOT_OFFERED, Severity.INFO, "port", "25")),
                row("STARTTLS refused", typedSettings(H, 587, TLS).with(probe(H, 587, TLS).noTls().noEhloTls()
                                .outcome(new ProbeOutcome.StartTlsRejected(
                                        Reply.of(454, "4.7.0 TLS not available due to local problem"))).build()),
                        e(FindingCode.STARTTLS_REJECTED, Severity.ERROR, "reply",
                                "454 4.7.0 TLS not available due to local problem")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void startTls(Case c) {
        RuleTable.check(new StartTlsRule(), c);
    }

    static Stream<Case> tlsHandshake() {
        return Stream.of(
                row("no common cipher", typedSettings(H, 465, SSL).with(probe(H, 465, SSL).noTls()
                                .silentAtGreeting(new ProbeOutcome.TlsFailed(Step.TLS_HANDSHAKE,
                                        "Received fatal alert: handshake_failure", false)).build()),
                        e(FindingCode.TLS_HANDSHAKE_FAILED, Severity.ERROR, "port", "465",
                                "reason", "Received fatal alert: handshake_failure")),
                row("plain text on the port is a mode mismatch, not a handshake failure",
                        typedSettings(H, 587, SSL).with(sslOnPlainPort(H, 587))),
                row("plain text after a 220 to STARTTLS is a broken STARTTLS, not a mode mismatch",
                        typedSettings(H, 587, TLS).with(probe(H, 587, TLS).noTls().noEhloTls()
                                .outcome(new ProbeOutcome.TlsFailed(Step.STARTTLS_HANDSHAKE,
                                        "Unsupported or unrecognized SSL message", true)).build()),
                        e(FindingCode.TLS_HANDSHAKE_FAILED, Severity.ERROR, "port", "587",
                                "hint", "plaintext-after-starttls")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void tlsHandshake(Case c) {
        RuleTable.check(new TlsHandshakeRule(), c);
    }

    static Stream<Case> certificate() {
        var shared = mismatch(H, "*.xserver.jp", "xserver.jp");
        var soon = cert(H, ChainVerdict.Status.TRUSTED, true, 20, H);
        return Stream.of(
                row("shared hosting: one finding for the certificate, every port named", typedSettings(H, 465, SSL)
                                .with(probe(H, 465, SSL).tls(shared).build(), probe(H, 587, TLS).tls(shared).build()),
                        e(FindingCode.TLS_NAME_MISMATCH, Severity.ERROR, "host", H, "names", "*.xserver.jp, xserver.jp",
                                "ports", "465, 587")),
                row("self-signed", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(cert(H, ChainVerdict.Status.SELF_SIGNED, true, 300, H)).build()),
                        e(FindingCode.TLS_UNTRUSTED_CHAIN, Severity.ERROR, "kind", "self-signed", "issuer", "CN=" + H)),
                row("private or unknown CA", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(cert(H, ChainVerdict.Status.UNTRUSTED, true, 300, H)).build()),
                        e(FindingCode.TLS_UNTRUSTED_CHAIN, Severity.ERROR, "kind", "unknown-ca")),
                row("expired 3 days ago", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(cert(H, ChainVerdict.Status.EXPIRED, true, -3, H)).build()),
                        e(FindingCode.TLS_EXPIRED, Severity.ERROR, "days", "3")),
                row("expires in 5 days", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(cert(H, ChainVerdict.Status.TRUSTED, true, 5, H)).build()),
                        e(FindingCode.TLS_EXPIRES_SOON, Severity.WARNING, "host", H, "days", "5")),
                row("20 days left: fine", typedSettings(H, 465, SSL).with(probe(H, 465, SSL).tls(soon).build())),
                row("the clock comes from the observations: 20 days at the handshake, 10 days later 10 left",
                        typedSettings(H, 465, SSL).now(Probes.NOW.plus(Duration.ofDays(10)))
                                .with(probe(H, 465, SSL).tls(soon).build()),
                        e(FindingCode.TLS_EXPIRES_SOON, Severity.WARNING, "days", "10")),
                row("TLS 1.0", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(withProtocol(Probes.verified(H), "TLSv1")).build()),
                        e(FindingCode.TLS_PROTOCOL_OBSOLETE, Severity.WARNING, "port", "465", "protocol", "TLSv1")),
                row("a wrong name on port 25 only, the user chose 465 which is fine: a warning",
                        typedSettings(H, 465, SSL).with(completedSsl(H),
                                probe(H, 25, TLS).tls(mismatch(H, "mx.provider.example")).build()),
                        e(FindingCode.TLS_NAME_MISMATCH, Severity.WARNING, "names", "mx.provider.example", "ports", "25")),
                row("unsecured probes carry no certificate", typedSettings(H, 25, NONE).with(probe(H, 25, NONE).build())),
                row("expiry is also checked on the server that will be recommended",
                        typedSettings(H, 465, SSL).with(
                                typed(probe(H, 465, SSL).tls(mismatch(H, SV)).build()),
                                certName(probe(SV, 465, SSL).tls(cert(SV, ChainVerdict.Status.TRUSTED, true, 7, SV))
                                        .build(), H)),
                        e(FindingCode.TLS_NAME_MISMATCH, Severity.ERROR, "names", SV),
                        e(FindingCode.TLS_EXPIRES_SOON, Severity.WARNING, "host", SV, "days", "7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void certificate(Case c) {
        RuleTable.check(new CertificateRule(), c);
    }

    static Stream<Case> certificateName() {
        var shared = mismatch(H, "*.xserver.jp");
        return Stream.of(
                row("the certificate's name works on the same server: the usual fix", typedSettings(H, 465, SSL).with(
                                typed(probe(H, 465, SSL).tls(shared).build()),
                                certName(probe(SV, 465, SSL).build(), H)),
                        e(FindingCode.CERTIFICATE_NAME_ON_SAME_SERVER, Severity.INFO, "host", SV, "typed", H,
                                "port", "465", "security", "ssl")),
                row("the certificate's name fails too", typedSettings(H, 465, SSL).with(
                        typed(probe(H, 465, SSL).tls(shared).build()),
                        certName(probe(SV, 465, SSL).tls(mismatch(SV, "other.example")).build(), H))),
                row("the typed server works: nothing to fix", typedSettings(H, 465, SSL).with(
                        typed(completedSsl(H)), certName(completedSsl(SV), H))),
                row("login verified on another port of the certificate name counts (deferred attempt)",
                        typedSettings(H, 587, TLS).password().with(
                                typed(probe(H, 587, TLS).tls(shared).auth(dev.smtpdoctor.probe.AuthResult.Status
                                        .WITHHELD_UNVERIFIED_CERTIFICATE).build()),
                                certName(probe(SV, 587, TLS).authDeferred().build(), H),
                                certName(probe(SV, 465, SSL).authAccepted().build(), H)),
                        e(FindingCode.CERTIFICATE_NAME_ON_SAME_SERVER, Severity.INFO, "host", SV, "port", "465")),
                row("login refused on the certificate name: not a fix", typedSettings(H, 465, SSL).password().with(
                        typed(probe(H, 465, SSL).tls(shared).build()),
                        certName(probe(SV, 465, SSL).authRejected(535, "5.7.8 Authentication credentials invalid")
                                .build(), H))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void certificateName(Case c) {
        RuleTable.check(new CertificateNameRule(), c);
    }
}
