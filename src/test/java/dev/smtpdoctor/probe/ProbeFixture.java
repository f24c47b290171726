package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.OverridingResolver;
import dev.smtpdoctor.dns.ResolveOverride;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A prober wired to a {@link FakeSmtpServer}: {@value #HOST} is pinned to 127.0.0.1 by a
 * {@code --resolve} entry, and any other lookup is recorded and refused, never sent to DNS. The test
 * CA (root → intermediate → leaf for {@value #HOST}) is trusted through a CA file, as with
 * {@code --ca-file}.
 */
final class ProbeFixture implements AutoCloseable {

    static final String HOST = "mail.example.test";
    static final String EHLO = "EHLO [127.0.0.1]";
    static final String USER = "you@example.test";
    static final String PASSWORD = "s3cret-Pass";
    static final Timeouts NORMAL = Timeouts.ofStep(Duration.ofSeconds(5));
    /** For tests whose point is a timeout: 500 ms per step, 2 s per probe. */
    static final Timeouts FAST = new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(2));

    static final HeldCertificate ROOT = HeldCertificate.builder().commonName("smtp-doctor Test Root")
            .certificateAuthority(1).build();
    static final HeldCertificate INTERMEDIATE = HeldCertificate.builder().commonName("smtp-doctor Test Intermediate")
            .certificateAuthority(0).signedBy(ROOT).build();
    /** Trusted through the CA file and naming {@value #HOST}: what Gmail would accept. */
    static final HeldCertificate GOOD = HeldCertificate.builder().commonName(HOST).addDnsName(HOST)
            .signedBy(INTERMEDIATE).build();
    private static final TrustConfig TRUST = trustRoot();

    final FakeSmtpServer server = new FakeSmtpServer();
    final List<String> fallbackLookups = new CopyOnWriteArrayList<>();
    private Limits limits = Limits.DEFAULT;

    private static TrustConfig trustRoot() {
        try {
            Path file = Files.createTempFile("smtp-doctor-test-root", ".pem");
            file.toFile().deleteOnExit();
            return TrustConfig.fromFile(ROOT.writeCertificate(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TrustConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    ProbeFixture limits(Limits limits) {
        this.limits = limits;
        return this;
    }

    Prober prober() {
        Resolver refuseEverything = (host, port) -> {
            fallbackLookups.add(host);
            throw new UnknownHostException(host + " (tests never use DNS)");
        };
        Resolver resolver = new OverridingResolver(List.of(ResolveOverride.parse(HOST + ":*:127.0.0.1")),
                refuseEverything);
        return new Prober(resolver, new TlsHandshaker(TRUST, Clock.systemUTC()), limits);
    }

    Endpoint endpoint(Security security) {
        return new Endpoint(HOST, server.port(), security);
    }

    ProbeResult probe(ProbeRequest request) {
        return prober().probe(request, ProbeListener.NONE);
    }

    ProbeResult anonymous(Security security, Timeouts timeouts) {
        return probe(ProbeRequest.anonymous(endpoint(security), timeouts));
    }

    ProbeResult withCredentials(Security security, boolean allowPlaintextAuth, Optional<String> mailFrom) {
        return withCredentials(security, allowPlaintextAuth, mailFrom, PASSWORD);
    }

    ProbeResult withCredentials(Security security, boolean allowPlaintextAuth, Optional<String> mailFrom,
                                String password) {
        return probe(new ProbeRequest(endpoint(security), Optional.of(new Credentials(USER, password.toCharArray())),
                mailFrom, allowPlaintextAuth, NORMAL));
    }

    // ---- script pieces -------------------------------------------------------------------------------

    FakeSmtpServer greeting() {
        return server.output("220 " + HOST + " ESMTP ready");
    }

    /** Expects EHLO and answers 250 with these keyword lines. */
    FakeSmtpServer ehlo(String... keywords) {
        return server.ehloReply(HOST, keywords);
    }

    /** STARTTLS, its 220 and the server side of the handshake. */
    FakeSmtpServer startTls(HeldCertificate certificate) {
        return server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS").startTls(certificate);
    }

    FakeSmtpServer quit() {
        return server.expect("QUIT").output("221 2.0.0 Bye");
    }

    static List<Step> steps(ProbeResult r) {
        return r.steps().stream().map(StepRecord::step).toList();
    }

    static List<String> clientLines(ProbeResult r) {
        return r.transcript().stream().filter(e -> e.direction() == TranscriptEntry.Direction.CLIENT)
                .map(TranscriptEntry::text).toList();
    }

    @Override
    public void close() throws Exception {
        server.close();
        assertThat(fallbackLookups).as("names sent to the fallback resolver").isEmpty();
    }
}
