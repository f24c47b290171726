package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import static dev.smtpdoctor.probe.ProbeFixture.GOOD;
import static dev.smtpdoctor.probe.ProbeFixture.HOST;
import static dev.smtpdoctor.probe.ProbeFixture.INTERMEDIATE;
import static dev.smtpdoctor.probe.ProbeFixture.NORMAL;
import static dev.smtpdoctor.probe.ProbeFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.report.ProbeTextReport;
import dev.smtpdoctor.report.ProbeVerdict;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Echoes of the password that the plain "replace it in each reply line" masking missed (security issue,
 * findings 2 and 7): a non-reply line cut before masking, an echo split over two reply lines, passwords too
 * short to be masked at all, and a certificate naming the password. Everything a probe records or shows is
 * checked: the result's text and JSON reports (verbose), the transcript and every listener event.
 */
class EchoMaskingTest {

    /** Eleven characters, so a cut can leave ten of them. */
    private static final String PASSWORD = "Zq81-Canary";

    private final ProbeFixture f = new ProbeFixture();
    private final FakeSmtpServer server = f.server;
    private final List<String> heard = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void anEchoInALongNonReplyLineIsMaskedBeforeTheLineIsCut() throws Exception {
        // The 200-character cut falls after ten of the eleven characters.
        server.output("x".repeat(190) + PASSWORD + " and more text after the echo".repeat(3));

        ProbeResult r = probe(Security.NONE, PASSWORD);

        assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.ProtocolViolation.class,
                p -> assertThat(p.evidence()).startsWith("x".repeat(190) + SecretMask.REDACTED));
        assertShowsNoneOf(r, PASSWORD, PASSWORD.substring(0, PASSWORD.length() - 1));
    }

    @Test
    void anEchoSplitAcrossTwoReplyLinesIsMasked() throws Exception {
        server.output("220-" + HOST + " ESMTP your password is " + PASSWORD.substring(0, 5),
                "220 " + PASSWORD.substring(5) + " isn't it");
        f.ehlo();
        f.quit();

        ProbeResult r = probe(Security.NONE, PASSWORD);

        assertThat(r.greeting().orElseThrow().lines()).containsExactly(
                HOST + " ESMTP your password is " + SecretMask.REDACTED, SecretMask.REDACTED + " isn't it");
        assertShowsNoneOf(r, PASSWORD, PASSWORD.substring(0, 5), PASSWORD.substring(5));
        server.verifyInteractionCompleted();
    }

    /**
     * The rule for passwords of 1 to 3 characters: any server text that contains one (ignoring case) is
     * withheld whole — in a reply line, a non-reply line, an echo split over lines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Q", "z9", "Qz9"})
    void aShortPasswordIsNeverShownInServerText(String password) throws Exception {
        server.implicitTls(GOOD);
        server.output("220-" + HOST + " ESMTP", "220 hello " + password.toLowerCase(Locale.ROOT) + " there");
        f.ehlo("AUTH PLAIN");
        server.expectAuth("PLAIN", a -> "535-5.7.8 you sent " + password.substring(0, 1)
                + "\r\n535 5.7.8 " + password.substring(1) + "-and that is wrong");
        f.quit();
        server.nextConnection().output("bogus banner with " + password.toUpperCase(Locale.ROOT) + " in it");

        ProbeResult refused = probe(Security.SSL, password);
        ProbeResult garbage = probe(Security.NONE, password);

        assertThat(refused.auth().reply().orElseThrow().lines()).first().isEqualTo(SecretMask.WITHHELD);
        assertThat(refused.auth().reply().orElseThrow().code()).isEqualTo(535);
        assertThat(refused.greeting().orElseThrow().lines()).containsExactly(HOST + " ESMTP", SecretMask.WITHHELD);
        for (ProbeResult r : List.of(refused, garbage)) {
            List<String> serverText = new ArrayList<>();
            r.transcript().stream().filter(e -> e.direction() != TranscriptEntry.Direction.CLIENT)
                    .forEach(e -> serverText.add(e.text()));
            serverText.add(Prober.describe(r.outcome()));
            assertThat(serverText).allSatisfy(t -> assertThat(t).doesNotContainIgnoringCase(password));
        }
        server.verifyInteractionCompleted();
    }

    @Test
    void aOneCharacterPasswordDoesNotChangeWhatTheServerOffers() throws Exception {
        // "s" is in STARTTLS and in most replies: the capabilities are read from the reply as sent.
        server.output("220 " + HOST + " ESMTP");
        f.ehlo("STARTTLS", "SIZE 1000");
        f.startTls(GOOD);
        f.ehlo("AUTH PLAIN");
        server.expectAuth("PLAIN", "235 2.7.0 Accepted");
        f.quit();

        ProbeResult r = probe(Security.TLS, "s");

        assertThat(r.outcome()).isEqualTo(new ProbeOutcome.Completed());
        assertThat(r.auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(r.ehlo().orElseThrow().startTls()).isTrue();
        server.verifyInteractionCompleted();
    }

    /**
     * A server that legitimately got the password presents it in a certificate on another port. This probe does
     * not send credentials (the check gave the attempt to another) but masks them: subject, CN, issuer and the
     * lower-cased DNS name are masked, ignoring case.
     */
    @Test
    void aCertificateNamingThePasswordIsMaskedEverywhere() throws Exception {
        HeldCertificate leaking = HeldCertificate.builder().commonName("Canary-Zq81")
                .addDnsName("canary-zq81.leak.test").addDnsName(HOST).signedBy(INTERMEDIATE).build();
        server.implicitTls(leaking);
        f.greeting();
        f.ehlo("AUTH PLAIN");
        f.quit();
        List<TlsObservation> observed = new ArrayList<>();

        ProbeResult r = f.prober().probe(new ProbeRequest(f.endpoint(Security.SSL), Optional.empty(),
                Optional.empty(), false, NORMAL, AuthGate.ALWAYS,
                Optional.of(new Credentials(USER, "Canary-Zq81".toCharArray()))), new Recording() {
                    @Override
                    public void tlsEstablished(Endpoint e, String address, TlsObservation o) {
                        super.tlsEstablished(e, address, o);
                        observed.add(o);
                    }
                });

        assertThat(r.tls().orElseThrow().leaf().orElseThrow().dnsNames())
                .containsExactly(SecretMask.REDACTED + ".leak.test", HOST);
        assertThat(observed).singleElement().asString().doesNotContainIgnoringCase("canary-zq81");
        assertShowsNoneOf(r, "canary-zq81");
        server.verifyInteractionCompleted();
    }

    private ProbeResult probe(Security security, String password) {
        return f.prober().probe(new ProbeRequest(f.endpoint(security),
                Optional.of(new Credentials(USER, password.toCharArray())), Optional.empty(), false, NORMAL),
                new Recording());
    }

    /** None of {@code shown} (ignoring case) in the reports, transcript, step details or listener events. */
    private void assertShowsNoneOf(ProbeResult r, String... shown) {
        List<String> everything = new ArrayList<>(heard);
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            everything.add(new ProbeTextReport(Messages.forLocale(l)).render(r, ProbeVerdict.of(r), true));
        }
        everything.add(ProbeJson.document(r, ProbeVerdict.of(r), "test").toString());
        everything.add(r.toString());
        r.transcript().forEach(e -> everything.add(e.text()));
        r.steps().forEach(s -> everything.add(s.detail()));
        for (String s : shown) {
            assertThat(everything).allSatisfy(t -> assertThat(t).doesNotContainIgnoringCase(s));
        }
    }

    /** Keeps every listener event as text. */
    private class Recording implements ProbeListener {
        @Override
        public void stepSucceeded(Endpoint e, Step s, long ms, String detail) {
            heard.add(detail);
        }

        @Override
        public void stepFailed(Endpoint e, Step s, long ms, String reason) {
            heard.add(reason);
        }

        @Override
        public void sent(Endpoint e, String line) {
            heard.add(line);
        }

        @Override
        public void received(Endpoint e, Reply reply) {
            heard.add(reply.toString());
        }

        @Override
        public void note(Endpoint e, String text) {
            heard.add(text);
        }

        @Override
        public void tlsEstablished(Endpoint e, String address, TlsObservation o) {
            heard.add(o.toString());
        }
    }
}
