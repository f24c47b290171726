package dev.smtpdoctor.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that answers the ClientHello one byte at a time keeps every socket read short, so only a
 * deadline on the whole handshake ends it (found in review: 36 s for a 500 ms step before the fix).
 */
class HandshakeDeadlineTest {

    @Test
    void aDribbledHandshakeEndsAtTheStepDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread dribbler = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    // A TLS handshake record header announcing 16 KiB, then its body one byte every 40 ms.
                    out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                    for (int i = 0; i < 400; i++) {
                        out.write(0x02);
                        out.flush();
                        Thread.sleep(40);
                    }
                } catch (Exception e) {
                    // The client closed: the test is over.
                }
            });
            Resolver here = (host, port) -> List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort()));
            Prober prober = new Prober(here, new TlsHandshaker(TrustConfig.system(), Clock.systemUTC()), Limits.DEFAULT);
            long t0 = System.nanoTime();
            ProbeResult r = prober.probe(ProbeRequest.anonymous(new Endpoint("mail.example.test", 465, Security.SSL),
                    new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(2))), ProbeListener.NONE);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(r.outcome()).isEqualTo(new ProbeOutcome.TimedOut(Step.TLS_HANDSHAKE));
            assertThat(millis).as("bounded by the step deadline plus a generous margin").isLessThan(5_000);
            dribbler.join(10_000);
        }
    }
}
