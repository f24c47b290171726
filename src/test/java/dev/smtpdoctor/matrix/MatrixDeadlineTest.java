package dev.smtpdoctor.matrix;

import dev.smtpdoctor.model.Mode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Probes longer than the check's own deadline are cut to fit it, so every cell ends with a result
 * (timed out) instead of disappearing from the report when the check stops waiting.
 */
class MatrixDeadlineTest {

    @Test
    void everyCellReportsEvenWhenTheCheckDeadlineIsShorterThanItsProbes() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Resolver resolver = (host, port) -> {
                if (!host.equals("mail.example.test")) {
                    throw new UnknownHostException(host);
                }
                return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()));
            };
            Prober prober = new Prober(resolver, new TlsHandshaker(TrustConfig.system(), Clock.systemUTC()),
                    Limits.DEFAULT);
            Matrix.Request request = new Matrix.Request(
                    List.of(Candidate.of("mail.example.test", CandidateSource.TYPED)), List.of(), Optional.empty(),
                    Optional.empty(), false, Timeouts.ofStep(Duration.ofSeconds(30)), Duration.ofSeconds(2));

            long t0 = System.nanoTime();
            List<CandidateProbe> probes = new Matrix(prober, resolver, 32, dev.smtpdoctor.discovery.CredentialPolicy.basic()).run(request, ProbeListener.NONE);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(probes).hasSize(Mode.STANDARD.size());
            assertThat(probes).allSatisfy(p -> assertThat(p.result().outcome()).isInstanceOf(ProbeOutcome.TimedOut.class));
            assertThat(millis).as("within the check's deadline plus a margin").isLessThan(4_000);
        }
    }
}
