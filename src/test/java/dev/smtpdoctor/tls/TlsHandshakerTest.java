package dev.smtpdoctor.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes against the fake server in implicit TLS mode, with certificates built in code. */
class TlsHandshakerTest {

    private static final String HOST = "mail.example.test";

    private static HeldCertificate root;
    private static HeldCertificate intermediate;
    private static TrustConfig trustRoot;

    private final FakeSmtpServer server = new FakeSmtpServer();
    private Socket socket;

    @BeforeAll
    static void pki(@TempDir Path dir) throws Exception {
        root = HeldCertificate.builder().commonName("smtp-doctor Test Root").certificateAuthority(1).build();
        intermediate = HeldCertificate.builder().commonName("smtp-doctor Test Intermediate")
                .certificateAuthority(0).signedBy(root).build();
        trustRoot = TrustConfig.fromFile(root.writeCertificate(dir.resolve("root.pem")));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    private static HeldCertificate.Builder leaf(String... dnsNames) {
        HeldCertificate.Builder b = HeldCertificate.builder().commonName(dnsNames.length > 0 ? dnsNames[0] : HOST);
        for (String n : dnsNames) {
            b.addDnsName(n);
        }
        return b;
    }

    private TlsObservation observe(HeldCertificate presented, String host) throws Exception {
        return handshake(presented, host, trustRoot, Clock.systemUTC()).observation();
    }

    private TlsHandshaker.Handshake handshake(HeldCertificate presented, String host, TrustConfig trust, Clock clock)
            throws Exception {
        server.implicitTls(presented);
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.port()), 2000);
        TlsHandshaker.Handshake h = new TlsHandshaker(trust, clock)
                .handshake(socket, host, server.port(), Deadline.after(Duration.ofSeconds(5), "handshake"));
        socket = h.socket();
        return h;
    }

    @Test
    void trustedChainThroughAnIntermediate() throws Exception {
        HeldCertificate leaf = leaf(HOST).signedBy(intermediate).build();

        TlsHandshaker.Handshake h = handshake(leaf, HOST, trustRoot, Clock.systemUTC());
        TlsObservation o = h.observation();

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.TRUSTED);
        assertThat(o.chainVerdict().detail()).isEmpty();
        assertThat(o.nameVerdict()).isEqualTo(new NameVerdict(HOST, List.of(HOST), Optional.of(HOST)));
        assertThat(o.verified()).isTrue();
        assertThat(o.chain()).extracting(CertificateSummary::subject)
                .containsExactly("CN=" + HOST, "CN=smtp-doctor Test Intermediate");
        assertThat(o.leaf().orElseThrow().issuer()).isEqualTo("CN=smtp-doctor Test Intermediate");
        assertThat(o.protocol()).isEqualTo("TLSv1.3");
        assertThat(o.cipherSuite()).startsWith("TLS_");
        assertThat(h.socket().getSession().getProtocol()).isEqualTo("TLSv1.3");
        socket.close();
        server.verifyInteractionCompleted();
    }

    @Test
    void leafSignedByTheRootItself() throws Exception {
        TlsObservation o = observe(leaf(HOST).signedBy(root).build(), HOST);

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.TRUSTED);
        assertThat(o.chain()).hasSize(1);
    }

    @Test
    void selfSigned() throws Exception {
        TlsObservation o = observe(leaf(HOST).build(), HOST);

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.SELF_SIGNED);
        assertThat(o.chainVerdict().trusted()).isFalse();
        assertThat(o.chainVerdict().detail()).isNotBlank();
        assertThat(o.nameVerdict().matches()).isTrue();
        assertThat(o.verified()).isFalse();
        assertThat(o.chain()).singleElement().satisfies(c -> assertThat(c.selfIssued()).isTrue());
    }

    @Test
    void unknownCaIsUntrustedButTheChainIsRecorded() throws Exception {
        HeldCertificate otherRoot = HeldCertificate.builder().commonName("Some Private CA").certificateAuthority(0)
                .build();
        HeldCertificate leaf = leaf(HOST).signedBy(otherRoot).build();

        TlsObservation o = observe(leaf, HOST);

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.UNTRUSTED);
        assertThat(o.verified()).isFalse();
        assertThat(o.chain()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("CN=" + HOST);
            assertThat(c.issuer()).isEqualTo("CN=Some Private CA");
            assertThat(c.dnsNames()).containsExactly(HOST);
        });
    }

    @Test
    void missingIntermediateIsUntrusted() throws Exception {
        HeldCertificate full = leaf(HOST).signedBy(intermediate).build();
        HeldCertificate leafOnly = new HeldCertificate(full.certificate(), full.keyPair(), List.of(full.certificate()));

        TlsObservation o = observe(leafOnly, HOST);

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.UNTRUSTED);
        assertThat(o.chain()).extracting(CertificateSummary::issuer).containsExactly("CN=smtp-doctor Test Intermediate");
    }

    @Test
    void systemTrustStoreDoesNotKnowTheTestCa() throws Exception {
        TlsObservation o = handshake(leaf(HOST).signedBy(intermediate).build(), HOST, TrustConfig.system(),
                Clock.systemUTC()).observation();

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.UNTRUSTED);
        assertThat(o.chain()).hasSize(2);
    }

    @Test
    void expired() throws Exception {
        TlsObservation o = observe(leaf(HOST).signedBy(intermediate).expiredDaysAgo(3).build(), HOST);

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.EXPIRED);
        assertThat(o.daysLeft()).isEqualTo(-3);
        assertThat(o.verified()).isFalse();
    }

    @Test
    void notYetValid() throws Exception {
        Instant now = Instant.now();
        HeldCertificate future = leaf(HOST).signedBy(intermediate)
                .validity(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(92))).build();

        TlsObservation o = observe(future, HOST);

        assertThat(o.chainVerdict().status()).isEqualTo(ChainVerdict.Status.NOT_YET_VALID);
    }

    @Test
    void nameMismatchOnATrustedChain() throws Exception {
        // The shared-hosting case: the certificate names the provider's server, not the customer's domain.
        TlsObservation o = observe(leaf("sv1234.xserver.test", "*.xserver.test").signedBy(intermediate).build(), HOST);

        assertThat(o.chainVerdict().trusted()).isTrue();
        assertThat(o.nameVerdict()).isEqualTo(
                new NameVerdict(HOST, List.of("sv1234.xserver.test", "*.xserver.test"), Optional.empty()));
        assertThat(o.verified()).isFalse();
    }

    @Test
    void wildcardCertificate() throws Exception {
        TlsObservation o = observe(leaf("*.example.test").signedBy(intermediate).build(), HOST);

        assertThat(o.nameVerdict().matchedName()).contains("*.example.test");
        assertThat(o.verified()).isTrue();
    }

    @Test
    void wildcardDoesNotCoverTheBareDomain() throws Exception {
        TlsObservation o = observe(leaf("*.example.test").signedBy(intermediate).build(), "example.test");

        assertThat(o.nameVerdict().matches()).isFalse();
    }

    @Test
    void commonNameFallbackWithoutSubjectAltNames() throws Exception {
        HeldCertificate cnOnly = HeldCertificate.builder().commonName(HOST).signedBy(intermediate).build();

        TlsObservation o = observe(cnOnly, HOST);

        assertThat(o.nameVerdict().presentedNames()).containsExactly(HOST);
        assertThat(o.nameVerdict().matches()).isTrue();
    }

    @Test
    void typedHostIsSentAsSni() throws Exception {
        TlsObservation o = observe(leaf(HOST).signedBy(intermediate).build(), HOST);

        assertThat(o.sni()).contains(HOST);
        socket.close();
        server.verifyInteractionCompleted(); // the server side finishes its handshake a moment later
        assertThat(server.serverNames()).containsExactly(Optional.of(HOST));
    }

    @Test
    void trailingDotIsNotSentInSni() throws Exception {
        TlsObservation o = observe(leaf(HOST).signedBy(intermediate).build(), HOST + ".");

        assertThat(o.sni()).contains(HOST);
        assertThat(o.nameVerdict().matches()).isTrue();
    }

    @Test
    void unicodeHostIsSentAsALabel() throws Exception {
        String ascii = IDN.toASCII("メール.例え.jp");

        TlsObservation o = observe(leaf(ascii).signedBy(intermediate).build(), "メール.例え.jp");

        assertThat(o.sni()).contains(ascii);
        socket.close();
        server.verifyInteractionCompleted();
        assertThat(server.serverNames()).containsExactly(Optional.of(ascii));
        assertThat(o.nameVerdict().matchedName()).contains(ascii);
    }

    @Test
    void ipAddressIsNeverSentAsSni() throws Exception {
        TlsObservation o = observe(leaf(HOST).signedBy(intermediate).build(), "127.0.0.1");

        assertThat(o.sni()).isEmpty();
        socket.close();
        server.verifyInteractionCompleted();
        assertThat(server.serverNames()).containsExactly(Optional.empty());
        assertThat(o.nameVerdict().matches()).isFalse();
    }

    @Test
    void sniNames() {
        assertThat(TlsHandshaker.sniName("mail.example.test")).contains("mail.example.test");
        assertThat(TlsHandshaker.sniName("mail.example.test.")).contains("mail.example.test");
        assertThat(TlsHandshaker.sniName("192.0.2.1")).isEmpty();
        assertThat(TlsHandshaker.sniName("2001:db8::1")).isEmpty();
        assertThat(TlsHandshaker.sniName("")).isEmpty();
    }

    @Test
    void daysLeftAtTheInjectedClock() throws Exception {
        HeldCertificate leaf = leaf(HOST).signedBy(intermediate).build();
        Instant notAfter = leaf.certificate().getNotAfter().toInstant();
        Instant at = notAfter.minus(Duration.ofDays(10)).minus(Duration.ofHours(1));

        TlsObservation o = handshake(leaf, HOST, trustRoot, Clock.fixed(at, ZoneOffset.UTC)).observation();

        assertThat(o.daysLeft()).isEqualTo(10);
        assertThat(o.checkedAt()).isEqualTo(at);
    }

    @Test
    void expiredHoursAgoCountsAsMinusOneDay() throws Exception {
        HeldCertificate leaf = leaf(HOST).signedBy(intermediate).build();
        Instant at = leaf.certificate().getNotAfter().toInstant().plus(Duration.ofHours(2));

        TlsObservation o = handshake(leaf, HOST, trustRoot, Clock.fixed(at, ZoneOffset.UTC)).observation();

        assertThat(o.daysLeft()).isEqualTo(-1);
    }

    @Test
    void plaintextServerFailsTheHandshakeWithoutAnObservation() throws Exception {
        server.output("220 mail.example.test ESMTP plain");
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.port()), 2000);
        TlsHandshaker handshaker = new TlsHandshaker(trustRoot, Clock.systemUTC());

        assertThatThrownBy(() -> handshaker.handshake(socket, HOST, server.port(),
                Deadline.after(Duration.ofSeconds(5), "handshake")))
                .isInstanceOfSatisfying(TlsHandshaker.HandshakeFailedException.class,
                        e -> assertThat(e.partial()).isEmpty());
    }

    @Test
    void stallingServerIsBoundedByTheDeadline() throws Exception {
        server.stall();
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.port()), 2000);
        TlsHandshaker handshaker = new TlsHandshaker(trustRoot, Clock.systemUTC());
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> handshaker.handshake(socket, HOST, server.port(),
                Deadline.after(Duration.ofMillis(300), "handshake")))
                .isInstanceOfSatisfying(TlsHandshaker.HandshakeFailedException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
