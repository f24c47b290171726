package dev.smtpdoctor.hostile;

import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * What the hostile-server tests share: the typed host and account, a test CA trusted as with
 * {@code --ca-file}, a canary password, and the time limits. Names are answered only by injected
 * resolvers that point at loopback; nothing here ever asks real DNS.
 */
final class HostileFixture {

    static final String HOST = "mail.example.test";
    static final String ADDRESS = "you@example.test";
    static final String USER = ADDRESS;
    /** Never expected in any output: a canary. */
    static final String PASSWORD = "Canary-7f3a9-pa55w0rd";

    /** For cases that end at once: generous, because the point is not time. */
    static final Timeouts NORMAL = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(8));
    /** For cases whose point is a deadline: 1 s per step, 2.5 s per probe. */
    static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(2500));
    /** "Ended within the bound": the bound plus this, never a performance timing. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    static final InetAddress LOOPBACK = loopback();

    static final HeldCertificate ROOT = HeldCertificate.builder().commonName("smtp-doctor Hostile Root")
            .certificateAuthority(1).build();
    static final HeldCertificate INTERMEDIATE = HeldCertificate.builder()
            .commonName("smtp-doctor Hostile Intermediate").certificateAuthority(0).signedBy(ROOT).build();
    /** What Gmail would accept for {@value #HOST}: a trusted chain and the right name. */
    static final HeldCertificate GOOD = HeldCertificate.builder().commonName(HOST).addDnsName(HOST)
            .signedBy(INTERMEDIATE).build();
    static final TrustConfig TRUST = trust(ROOT);

    private HostileFixture() {
    }

    /** Every form in which the canary could leak: as typed, and base64 as AUTH LOGIN and AUTH PLAIN send it. */
    static List<String> passwordForms() {
        Base64.Encoder b64 = Base64.getEncoder();
        return List.of(PASSWORD,
                b64.encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    static List<InetSocketAddress> at(int port) {
        return List.of(new InetSocketAddress(LOOPBACK, port));
    }

    static UnknownHostException noSuchHost(String host) {
        return new UnknownHostException(host + " (hostile-server tests never use DNS)");
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static TrustConfig trust(HeldCertificate root) {
        try {
            Path file = Files.createTempFile("smtp-doctor-hostile-root", ".pem");
            file.toFile().deleteOnExit();
            return TrustConfig.fromFile(root.writeCertificate(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TrustConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}
