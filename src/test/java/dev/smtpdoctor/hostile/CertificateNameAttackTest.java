package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.INTERMEDIATE;
import static dev.smtpdoctor.hostile.HostileFixture.NORMAL;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The attacker of docs/security.md's threat model who controls DNS or the path: the typed name leads to
 * their server, which holds a publicly trusted certificate for a name of their own. A certificate name
 * must never receive the password on DNS alone, must be probed only where its certificate was seen, and
 * must not be looked up at all when it could carry the password. Each test counts at the servers.
 */
class CertificateNameAttackTest {

    private static final String ATTACKER_NAME = "relay.attacker.test";
    /** Valid chain, but only the attacker's own name: the typed name does not match. */
    private static final HeldCertificate ATTACKERS = HeldCertificate.builder().commonName(ATTACKER_NAME)
            .addDnsName(ATTACKER_NAME).signedBy(INTERMEDIATE).build();

    @Test
    void aCertificateNameOnTheSameAddressNeverGetsThePasswordOnDnsAlone() throws Exception {
        Diagnosis d;
        List<ConcurrentSmtpServer.AuthLine> auth;
        try (ConcurrentSmtpServer attacker = attacker(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, attacker).route(ATTACKER_NAME, attacker);
            d = net.check(32, NORMAL, false, true);
            auth = attacker.authLines();
        }

        assertThat(auth).as("AUTH commands at the attacker's server").isEmpty();
        assertThat(d.probes()).filteredOn(p -> p.candidate().source() == CandidateSource.CERTIFICATE_NAME)
                .as("the name still joins, as a candidate to confirm").isNotEmpty()
                .allSatisfy(p -> {
                    assertThat(p.credentialsAllowed()).isFalse();
                    assertThat(p.candidate().pin()).isPresent();
                });
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).isEqualTo(ATTACKER_NAME);
        assertThat(c.loginVerified()).as("never verified on the attacker's name").isFalse();
        assertThat(c.confirmWithProvider()).isTrue();
        HostileServerCatalogTest.assertSafeToShow(d);
    }

    @Test
    void theUserConfirmingTheNameLetsTheOneLoginTestGoThere() throws Exception {
        List<ConcurrentSmtpServer.AuthLine> auth;
        Diagnosis d;
        try (ConcurrentSmtpServer server = attacker(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, server).route(ATTACKER_NAME, server);
            d = LoopbackNetwork.check(net, 32, NORMAL, false, true, Set.of(ATTACKER_NAME));
            auth = server.authLines();
        }

        // The control for the test above: consent for that very name is what lets the password out, once.
        assertThat(auth).hasSize(1);
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).isEqualTo(ATTACKER_NAME);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.confirmWithProvider()).isFalse();
    }

    @Test
    void aRebindingNameIsProbedOnlyAtTheAddressThatPresentedTheCertificate() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        List<ConcurrentSmtpServer.AuthLine> elsewhereAuth;
        Diagnosis d;
        try (ConcurrentSmtpServer presenting = attacker(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS);
             ConcurrentSmtpServer elsewhere = new ConcurrentSmtpServer(InetAddress.getByName("127.0.0.2"),
                     ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, ATTACKERS, "235 2.7.0 Authentication successful",
                     Duration.ZERO)) {
            LoopbackNetwork first = new LoopbackNetwork().route(HOST, presenting).route(ATTACKER_NAME, presenting);
            LoopbackNetwork later = new LoopbackNetwork().route(ATTACKER_NAME, elsewhere);
            // The first answer for the certificate's name is the presenting address; every later one another machine.
            Resolver rebinding = (host, port) -> host.equals(ATTACKER_NAME) && lookups.getAndIncrement() > 0
                    ? later.resolve(host, port) : first.resolve(host, port);
            d = LoopbackNetwork.check(rebinding, 32, NORMAL, false, true, Set.of(ATTACKER_NAME));
            elsewhereAuth = elsewhere.authLines();
            assertThat(elsewhere.receivedLines()).as("lines received by the rebound address").isEmpty();
        }

        assertThat(elsewhereAuth).isEmpty();
        assertThat(d.probes()).filteredOn(p -> p.candidate().source() == CandidateSource.CERTIFICATE_NAME)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.result().address()).hasValue("127.0.0.1"));
    }

    @Test
    void namesFromACertificateThatFailedVerificationAreNotFollowed() throws Exception {
        HeldCertificate selfSigned = HeldCertificate.builder().commonName(ATTACKER_NAME).addDnsName(ATTACKER_NAME)
                .build();
        List<String> looked = new CopyOnWriteArrayList<>();
        Diagnosis d;
        try (ConcurrentSmtpServer server = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS,
                selfSigned, "235 2.7.0 Authentication successful", Duration.ZERO)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, server).route(ATTACKER_NAME, server);
            d = LoopbackNetwork.check(recording(net, looked), 32, NORMAL, false, true, Set.of());
        }

        assertThat(looked).doesNotContain(ATTACKER_NAME);
        assertThat(d.probes()).noneMatch(p -> p.candidate().source() == CandidateSource.CERTIFICATE_NAME);
    }

    @Test
    void aNameThatContainsThePasswordIsNeverLookedUp() throws Exception {
        String leaking = PASSWORD.toLowerCase(Locale.ROOT) + ".leak.test";
        HeldCertificate echoing = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).addDnsName(leaking)
                .signedBy(INTERMEDIATE).build();
        List<String> looked = new CopyOnWriteArrayList<>();
        try (ConcurrentSmtpServer server = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS,
                echoing, "235 2.7.0 Authentication successful", Duration.ZERO)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, server).route(leaking, server);
            LoopbackNetwork.check(recording(net, looked), 32, NORMAL, false, true, Set.of());
        }

        assertThat(looked).as("names asked of DNS").isNotEmpty()
                .noneMatch(n -> n.toLowerCase(Locale.ROOT).contains(PASSWORD.toLowerCase(Locale.ROOT)));
    }

    @Test
    void aPinnedNameWhoseServerShowsAnotherCertificateIsNotTheSameServer() throws Exception {
        // The typed host's 465 shows a certificate naming it and the provider's name; its 587 (same address,
        // another port: another machine behind a port mapping) shows another valid certificate for that name.
        String provider = "sv1234.hosting.test";
        HeldCertificate shared = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).addDnsName(provider)
                .signedBy(INTERMEDIATE).build();
        HeldCertificate other = HeldCertificate.builder().commonName(provider).addDnsName(provider)
                .signedBy(INTERMEDIATE).build();
        List<ConcurrentSmtpServer.AuthLine> p587Auth;
        List<ConcurrentSmtpServer.AuthLine> p465Auth;
        Diagnosis d;
        try (ConcurrentSmtpServer p465 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS,
                shared, "235 2.7.0 Authentication successful", Duration.ZERO);
             ConcurrentSmtpServer p587 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.STARTTLS,
                     other, "235 2.7.0 Authentication successful", Duration.ZERO)) {
            LoopbackNetwork net = new LoopbackNetwork().route(HOST, 465, p465).route(provider, 465, p465)
                    .route(HOST, 587, p587).route(provider, 587, p587);
            d = LoopbackNetwork.check(net, 32, NORMAL, false, true, Set.of(provider));
            p587Auth = p587.authLines();
            p465Auth = p465.authLines();
        }

        // The name was pinned to whichever certificate of that address arrived first; the other port shows the
        // other certificate, so exactly one of the provider's ports is not "the same server".
        List<CandidateProbe> changed = d.probes().stream().filter(p -> !p.sameCertificate()).toList();
        assertThat(changed).hasSize(1).allSatisfy(p -> {
            assertThat(p.candidate().host()).isEqualTo(provider);
            assertThat(p.result().auth().attempted()).as("AUTH at a server with another certificate").isFalse();
        });
        int changedPort = changed.get(0).result().endpoint().port();
        assertThat(p587Auth.size() + p465Auth.size()).as("AUTH commands in the whole check").isEqualTo(1);
        d.recommendation().orElseThrow().choice().ifPresent(c ->
                assertThat(c.server().equals(provider) && c.port() == changedPort).isFalse());
    }

    private static ConcurrentSmtpServer attacker(ConcurrentSmtpServer.Behaviour b) {
        return new ConcurrentSmtpServer(b, ATTACKERS, "235 2.7.0 Authentication successful", Duration.ZERO);
    }

    private static Resolver recording(Resolver r, List<String> names) {
        return (host, port) -> {
            names.add(host);
            return r.resolve(host, port);
        };
    }
}
