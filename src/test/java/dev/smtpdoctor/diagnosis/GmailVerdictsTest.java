package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import static dev.smtpdoctor.diagnosis.Probes.cert;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static dev.smtpdoctor.diagnosis.Probes.connectTimeout;
import static dev.smtpdoctor.diagnosis.Probes.mismatch;
import static dev.smtpdoctor.diagnosis.Probes.probe;
import static dev.smtpdoctor.diagnosis.Probes.refused;
import static dev.smtpdoctor.diagnosis.Probes.typedSettings;
import static dev.smtpdoctor.model.Security.NONE;
import static dev.smtpdoctor.model.Security.SSL;
import static dev.smtpdoctor.model.Security.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.GmailVerdict.Status;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.tls.ChainVerdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GmailVerdictsTest {

    static final String H = "mail.example.jp";

    static GmailVerdict verdict(Probes.Obs obs, int port, Security security) {
        return Diagnoser.assess(obs.build()).gmail().stream()
                .filter(v -> v.port() == port && v.security() == security).findFirst().orElseThrow();
    }

    /** The classic: a customer-domain name on a shared server whose certificate names the provider. */
    @Test
    void sharedHostingTable() {
        var shared = mismatch(H, "*.xserver.jp", "xserver.jp");
        var obs = typedSettings(H, 465, SSL).password().with(
                probe(H, 465, SSL).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build(),
                probe(H, 587, TLS).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build(),
                probe(H, 25, TLS).tls(shared).auth(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE).build(),
                probe(H, 25, NONE).ehlo("STARTTLS", "AUTH PLAIN LOGIN").auth(AuthResult.Status.WITHHELD_PLAINTEXT).build());
        List<GmailVerdict> table = Diagnoser.assess(obs.build()).gmail();

        assertThat(table).extracting(v -> v.port() + "/" + v.security().id() + " " + v.status()
                        + " " + v.message().map(KnownMessage::name).orElse("-") + " " + v.verbatim()
                        + " " + v.cause().map(Enum::name).orElse("-") + (v.inferred() ? " inferred" : ""))
                .containsExactly(
                        "465/ssl FAILS CERTIFICATE_DOESNT_MATCH true TLS_NAME_MISMATCH",
                        "587/tls FAILS CERTIFICATE_DOESNT_MATCH true TLS_NAME_MISMATCH",
                        "25/tls FAILS CERTIFICATE_DOESNT_MATCH true TLS_NAME_MISMATCH",
                        "465/tls FAILS COULDNT_REACH_SERVER false SECURITY_MODE_MISMATCH inferred",
                        "587/ssl FAILS COULDNT_REACH_SERVER false SECURITY_MODE_MISMATCH inferred",
                        "25/ssl FAILS COULDNT_REACH_SERVER false SECURITY_MODE_MISMATCH inferred",
                        "25/none WORKS - false -");
        GmailVerdict unsecured = table.get(6);
        assertThat(unsecured.loginVerified()).isFalse();
        assertThat(unsecured.caveats()).containsExactly(FindingCode.PROVIDER_FOREIGN_IP_FILTER);
        assertThat(table).allMatch(v -> v.host().equals(H));
        assertThat(table.subList(0, 6)).allMatch(v -> v.caveats().isEmpty());
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("TLS without STARTTLS: E2 verbatim", typedSettings(H, 587, TLS).with(probe(H, 587, TLS)
                                .noTls().noEhloTls().outcome(new ProbeOutcome.StartTlsNotOffered()).build()), 587, TLS,
                        Status.FAILS, KnownMessage.STARTTLS_ENFORCEMENT, true, FindingCode.STARTTLS_NOT_OFFERED, null),
                Arguments.of("535: E3 verbatim with the reply", typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL)
                                .authRejected(535, "5.7.8 Authentication credentials invalid").build()), 465, SSL,
                        Status.FAILS, KnownMessage.AUTHENTICATION_FAILED, true, FindingCode.AUTH_FAILED,
                        "535 5.7.8 Authentication credentials invalid"),
                Arguments.of("454 to AUTH: E3, wording approximate", typedSettings(H, 465, SSL).password().with(
                                probe(H, 465, SSL).authRejected(454, "4.7.0 Temporary authentication failure").build()),
                        465, SSL, Status.FAILS, KnownMessage.AUTHENTICATION_FAILED, false, FindingCode.AUTH_FAILED,
                        "454 4.7.0 Temporary authentication failure"),
                Arguments.of("self-signed: E1 verbatim", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(cert(H, ChainVerdict.Status.SELF_SIGNED, true, 300, H)).build()), 465, SSL,
                        Status.FAILS, KnownMessage.CERTIFICATE_DOESNT_MATCH, true, FindingCode.TLS_UNTRUSTED_CHAIN, null),
                Arguments.of("expired: E1 reported, not confirmed", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .tls(cert(H, ChainVerdict.Status.EXPIRED, true, -2, H)).build()), 465, SSL,
                        Status.FAILS, KnownMessage.CERTIFICATE_DOESNT_MATCH, false, FindingCode.TLS_EXPIRED, null),
                Arguments.of("refused: couldn't reach (approximate)", typedSettings(H, 465, SSL)
                                .with(refused(H, 465, SSL), completedTls(H, 587)), 465, SSL,
                        Status.FAILS, KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECT_REFUSED, null),
                Arguments.of("SSL chosen on a STARTTLS port", typedSettings(H, 587, SSL).with(
                                TlsRulesTest.sslOnPlainPort(H, 587), completedTls(H, 587)), 587, SSL,
                        Status.FAILS, KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SECURITY_MODE_MISMATCH, null),
                Arguments.of("TLS chosen on 465", typedSettings(H, 465, TLS).with(
                                TlsRulesTest.tlsOnImplicitPort(H, 465), completedSsl(H)), 465, TLS,
                        Status.FAILS, KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SECURITY_MODE_MISMATCH, null),
                Arguments.of("port 25 blocked here: not tested, not failed", typedSettings(H, 587, TLS).with(
                                completedTls(H, 587), connectTimeout(H, 25, TLS), connectTimeout(H, 25, NONE)), 25, NONE,
                        Status.NOT_TESTED, null, false, FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY, null),
                Arguments.of("SSL on a locally blocked port 25: also not tested", typedSettings(H, 587, TLS).with(
                                completedTls(H, 587), connectTimeout(H, 25, TLS), connectTimeout(H, 25, NONE)), 25, SSL,
                        Status.NOT_TESTED, null, false, FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY, null),
                Arguments.of("no AUTH before TLS: Unsecured cannot log in", typedSettings(H, 25, NONE).with(
                                completedTls(H, 25), probe(H, 25, NONE).build()), 25, NONE,
                        Status.FAILS, null, false, FindingCode.AUTH_REQUIRES_TLS, null),
                Arguments.of("530 STARTTLS first to MAIL on Unsecured", typedSettings(H, 25, NONE).with(
                                probe(H, 25, NONE).senderRejected(530, "5.7.0 Must issue a STARTTLS command first").build()),
                        25, NONE, Status.FAILS, null, false, FindingCode.AUTH_REQUIRES_TLS, null),
                Arguments.of("sender refused after login", typedSettings(H, 465, SSL).password().with(probe(H, 465, SSL)
                                .authAccepted().senderRejected(553, "5.7.1 not owned by user").build()), 465, SSL,
                        Status.FAILS, KnownMessage.SEND_AS_BOUNCE, false, FindingCode.SENDER_NOT_OWNED,
                        "553 5.7.1 not owned by user"),
                Arguments.of("deferred login, the other probe was refused", typedSettings(H, 465, SSL).password().with(
                                probe(H, 587, TLS).authRejected(535, "5.7.8 Authentication credentials invalid").build(),
                                probe(H, 465, SSL).authDeferred().build()), 465, SSL,
                        Status.FAILS, KnownMessage.AUTHENTICATION_FAILED, true, FindingCode.AUTH_FAILED,
                        "535 5.7.8 Authentication credentials invalid"),
                Arguments.of("a timeout after EHLO", typedSettings(H, 587, TLS).with(probe(H, 587, TLS).noEhloTls()
                                .outcome(new ProbeOutcome.TimedOut(Step.STARTTLS_HANDSHAKE)).noTls().build()), 587, TLS,
                        Status.FAILS, KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SERVER_TIMEOUT, null),
                Arguments.of("a choice nobody probed", typedSettings(H, 465, SSL).with(completedSsl(H)), 25, TLS,
                        Status.NOT_TESTED, null, false, null, null),
                // Our failures are not Gmail's: a lookup that failed here learnt nothing about the name.
                Arguments.of("DNS timed out here: no Gmail message", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .failedAt(new ProbeOutcome.DnsFailed(H, dev.smtpdoctor.model.DnsFailure.TIMED_OUT))
                                .build()), 465, SSL, Status.NOT_TESTED, null, false, FindingCode.DNS_LOOKUP_FAILED, null),
                Arguments.of("SERVFAIL here: no Gmail message", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .failedAt(new ProbeOutcome.DnsFailed(H, dev.smtpdoctor.model.DnsFailure.LOOKUP_FAILED))
                                .build()), 465, SSL, Status.NOT_TESTED, null, false, FindingCode.DNS_LOOKUP_FAILED, null),
                Arguments.of("SERVFAIL here, judged for another mode of the port: no Gmail message",
                        typedSettings(H, 465, SSL).with(probe(H, 465, SSL).failedAt(new ProbeOutcome.DnsFailed(H,
                                dev.smtpdoctor.model.DnsFailure.LOOKUP_FAILED)).build()), 465, TLS,
                        Status.NOT_TESTED, null, false, FindingCode.DNS_LOOKUP_FAILED, null),
                Arguments.of("NXDOMAIN: Gmail cannot reach it either", typedSettings(H, 465, SSL)
                                .with(Probes.dnsFailed(H, 465, SSL)), 465, SSL,
                        Status.FAILS, KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.DNS_NO_SUCH_HOST, null),
                Arguments.of("connect timeout: couldn't reach (the port is silent)", typedSettings(H, 587, TLS)
                                .with(connectTimeout(H, 587, TLS)), 587, TLS,
                        Status.FAILS, KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECT_TIMEOUT, null),
                Arguments.of("no route from here: not Gmail's route, not tested", typedSettings(H, 587, TLS)
                                .with(probe(H, 587, TLS).failedAt(new ProbeOutcome.Unreachable("192.0.2.10",
                                        "No route to host")).build()), 587, TLS,
                        Status.NOT_TESTED, null, false, FindingCode.NETWORK_UNREACHABLE, null),
                Arguments.of("a bug of ours: no Gmail verdict", typedSettings(H, 465, SSL).with(probe(H, 465, SSL)
                                .outcome(new ProbeOutcome.InternalError(Step.EHLO, "NullPointerException")).build()),
                        465, SSL, Status.NOT_TESTED, null, false, FindingCode.INTERNAL_ERROR, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void cells(String name, Probes.Obs obs, int port, Security security, Status status, KnownMessage message,
               boolean verbatim, FindingCode cause, String reply) {
        GmailVerdict v = verdict(obs, port, security);
        assertThat(v.status()).isEqualTo(status);
        assertThat(v.message()).isEqualTo(Optional.ofNullable(message));
        assertThat(v.verbatim()).isEqualTo(verbatim);
        assertThat(v.cause()).isEqualTo(Optional.ofNullable(cause));
        assertThat(v.serverReply()).isEqualTo(Optional.ofNullable(reply));
        if (status == Status.NOT_TESTED && cause == null) {
            assertThat(v.inferred()).isFalse();
        }
    }

    @Test
    void worksWithVerifiedLoginThroughADeferredProbe() {
        GmailVerdict v = verdict(typedSettings(H, 465, SSL).password().with(
                probe(H, 587, TLS).authAccepted().build(), probe(H, 465, SSL).authDeferred().build()), 465, SSL);
        assertThat(v.status()).isEqualTo(Status.WORKS);
        assertThat(v.loginVerified()).isTrue();
        assertThat(v.message()).isEmpty();
        assertThat(v.cause()).isEmpty();
    }

    @Test
    void aSlowGreetingIsACaveatNotAFailure() {
        GmailVerdict v = verdict(typedSettings(H, 587, TLS).with(probe(H, 587, TLS).greetingMillis(12_000).build()),
                587, TLS);
        assertThat(v.status()).isEqualTo(Status.WORKS);
        assertThat(v.caveats()).containsExactly(FindingCode.GREETING_DELAYED);
    }

    @Test
    void sevenChoicesInGmailsOrder() {
        List<GmailVerdict> table = Diagnoser.assess(typedSettings(H, 465, SSL).with(completedSsl(H)).build()).gmail();
        assertThat(table).extracting(v -> v.port() + "/" + v.security().id())
                .containsExactly("465/ssl", "587/tls", "25/tls", "465/tls", "587/ssl", "25/ssl", "25/none");
        assertThat(table.get(0).status()).isEqualTo(Status.WORKS);
    }

    @Test
    void noServerNoTable() {
        assertThat(Diagnoser.assess(Probes.nothingTyped().build()).gmail()).isEmpty();
    }
}
