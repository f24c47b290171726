package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.INTERMEDIATE;
import static dev.smtpdoctor.hostile.HostileFixture.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.TranscriptEntry;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The classic shared-hosting server: the typed name's certificate names only the provider's server, at the same
 * address. The provider name's probes go on from the typed name's (matrix.ConnectionRelay): over the same
 * connection once it showed the pinned certificate, or by taking over a conversation that ended before any
 * encryption. Counted at the server: which connections were opened, which got the password, and that each one
 * still ended with exactly one QUIT.
 */
class SameServerContinuationTest {

    private static final String PROVIDER = "sv1234.hosting.test";
    private static final HeldCertificate PROVIDERS = HeldCertificate.builder().commonName(PROVIDER)
            .addDnsName(PROVIDER).signedBy(INTERMEDIATE).build();

    @Test
    void theConfirmedProviderNameLogsInOverTheConnectionThatFoundIt() throws Exception {
        Run run = run(sharedHosting(), 32, Set.of(PROVIDER));
        Diagnosis d = run.diagnosis();

        CandidateProbe tls = cell(d, PROVIDER, Security.TLS);
        assertThat(tls.result().auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(tls.result().tls().orElseThrow().nameVerdict().matches()).isTrue();
        assertThat(tls.result().tls().orElseThrow().sni()).as("the handshake the typed name's probe made")
                .hasValue(HOST);
        assertThat(text(tls)).contains("goes on over the connection of the probe of " + HOST + " port 587");
        assertThat(tls.result().continuedFrom()).hasValue(new Endpoint(HOST, 587, Security.TLS));
        assertThat(tls.result().steps()).extracting(StepRecord::step)
                .containsSubsequence(Step.CONNECT, Step.STARTTLS_HANDSHAKE, Step.EHLO_TLS, Step.AUTH, Step.QUIT);

        CandidateProbe typed = cell(d, HOST, Security.TLS);
        assertThat(typed.result().auth().status()).isEqualTo(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);
        assertThat(typed.result().steps()).extracting(StepRecord::step).doesNotContain(Step.QUIT);
        assertThat(text(typed)).contains("left open for the probe of another name");

        CandidateProbe plain = cell(d, PROVIDER, Security.NONE);
        assertThat(text(plain)).contains("nothing in it depends on the name");
        assertThat(plain.result().continuedFrom()).hasValue(new Endpoint(HOST, 587, Security.NONE));
        assertThat(typed.result().continuedFrom()).isEmpty();
        assertThat(plain.result().greeting()).isEqualTo(cell(d, HOST, Security.NONE).result().greeting());

        // Typed 587/tls (continued by the provider's) and typed 587/none (taken over): two connections, not four.
        assertThat(run.connections()).isEqualTo(2);
        assertThat(run.quits()).as("QUIT, once per connection").isEqualTo(run.connections());
        assertThat(run.auth()).hasSize(1).allSatisfy(a -> assertThat(a.overTls()).isTrue());
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).isEqualTo(PROVIDER);
        assertThat(c.port()).isEqualTo(587);
        assertThat(c.loginVerified()).isTrue();
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    @Test
    void anUnconfirmedProviderNameTakesTheConnectionButNeverThePassword() throws Exception {
        Run run = run(sharedHosting(), 32, Set.of());
        Diagnosis d = run.diagnosis();

        assertThat(run.auth()).as("AUTH commands").isEmpty();
        CandidateProbe tls = cell(d, PROVIDER, Security.TLS);
        assertThat(tls.credentialsAllowed()).isFalse();
        assertThat(tls.result().auth().status()).isEqualTo(AuthResult.Status.NOT_REQUESTED);
        assertThat(text(tls)).contains("goes on over the connection");
        assertThat(run.connections()).isEqualTo(2);
        assertThat(run.quits()).isEqualTo(run.connections());
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).isEqualTo(PROVIDER);
        assertThat(c.loginVerified()).isFalse();
        assertThat(c.confirmWithProvider()).isTrue();
    }

    @Test
    void aTypedNameWhoseCertificateMatchesKeepsItsConnectionForTheLogin() throws Exception {
        // The certificate names the typed host and the provider: the typed name may log in itself, so it offers
        // nothing, and the provider's name opens its own connections.
        HeldCertificate both = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).addDnsName(PROVIDER)
                .signedBy(INTERMEDIATE).build();
        Run run = run(new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.STARTTLS, both,
                "235 2.7.0 Authentication successful", Duration.ZERO), 32, Set.of(PROVIDER));
        Diagnosis d = run.diagnosis();

        assertThat(run.auth()).hasSize(1);
        assertThat(cell(d, HOST, Security.TLS).result().auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(text(cell(d, PROVIDER, Security.TLS))).doesNotContain("goes on over the connection");
        assertThat(run.connections()).isEqualTo(3); // typed 587/tls, typed 587/none, the provider's 587/tls
        assertThat(run.quits()).isEqualTo(run.connections());
    }

    @Test
    void withOneSocketTheOfferIsWithdrawnQuicklyAndTheNameOpensItsOwn() throws Exception {
        // The name's cell waits for the socket the typed probe holds: the offer must not hold it for a whole step.
        Run run = run(sharedHosting(), 1, Set.of(PROVIDER));
        Diagnosis d = run.diagnosis();

        CandidateProbe typed = cell(d, HOST, Security.TLS);
        assertThat(typed.result().totalMillis()).as("the typed probe, offer included").isLessThan(2500);
        assertThat(typed.result().steps()).extracting(StepRecord::step).contains(Step.QUIT);
        CandidateProbe tls = cell(d, PROVIDER, Security.TLS);
        assertThat(tls.result().continuedFrom()).isEmpty();
        assertThat(tls.result().auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        assertThat(run.auth()).hasSize(1);
    }

    @Test
    void aPortThatSpeaksTlsAtOnceIsProbedAgainForTheNameWithSsl() throws Exception {
        // The typed 587 turns out to be implicit TLS (a second connection's handshake told): the name's 587 is not
        // taken over from it, and gets its own SSL cell, which carries the login and the recommendation.
        Diagnosis d = run(new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, PROVIDERS,
                "235 2.7.0 Authentication successful", Duration.ZERO), 32, Set.of(PROVIDER)).diagnosis();

        CandidateProbe ssl = d.probes().stream().filter(p -> p.result().endpoint()
                .equals(new Endpoint(PROVIDER, 587, Security.SSL))).findFirst().orElseThrow();
        assertThat(ssl.result().auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).isEqualTo(PROVIDER);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.loginVerified()).isTrue();
    }

    /** A whole check against {@code server}, behind both names on port 587, and what the server counted. */
    private record Run(Diagnosis diagnosis, List<ConcurrentSmtpServer.AuthLine> auth, int connections, long quits) {
    }

    private static Run run(ConcurrentSmtpServer server, int maxSockets, Set<String> trusted) throws Exception {
        try (server) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, 587, server).route(PROVIDER, 587, server);
            Diagnosis d = LoopbackNetwork.check(net, maxSockets, NORMAL, false, true, trusted);
            return new Run(d, server.authLines(), server.accepted(),
                    server.receivedLines().stream().filter("QUIT"::equals).count());
        }
    }

    private static ConcurrentSmtpServer sharedHosting() {
        return new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.STARTTLS, PROVIDERS,
                "235 2.7.0 Authentication successful", Duration.ZERO);
    }

    private static CandidateProbe cell(Diagnosis d, String host, Security security) {
        Endpoint e = new Endpoint(host, 587, security);
        return d.probes().stream().filter(p -> p.result().endpoint().equals(e)).findFirst().orElseThrow(
                () -> new AssertionError("no cell " + e + " in " + d.probes().stream()
                        .map(p -> p.result().endpoint()).toList()));
    }

    private static String text(CandidateProbe p) {
        return String.join("\n", p.result().transcript().stream().map(TranscriptEntry::text).toList());
    }
}
