package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.ADDRESS;
import static dev.smtpdoctor.hostile.HostileFixture.GOOD;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.MARGIN;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static dev.smtpdoctor.hostile.HostileFixture.SHORT;
import static dev.smtpdoctor.hostile.HostileFixture.TRUST;
import static dev.smtpdoctor.hostile.HostileFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.dns.SrvRecord;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The time bounds of docs/security.md, against servers that hold on: a probe ends at its own deadline,
 * closing included; a probe still running when the check ends reports what it saw; one deadline covers
 * discovery, the probes and the sending-domain checks. "Within the bound" means the bound plus
 * {@link HostileFixture#MARGIN}, never a performance timing.
 */
class TimeBoundsTest {

    @Test
    void aTlsProbeClosesWithoutWaitingForTheServersCloseNotify() throws Exception {
        // TLS up, then silence: no greeting, and no close_notify when the client says goodbye.
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (SSLServerSocket server = (SSLServerSocket) GOOD.serverContext().getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread silent = Thread.ofVirtual().start(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    InputStream in = s.getInputStream();
                    Thread.sleep(Duration.ofSeconds(30));
                    in.available();
                } catch (Exception e) {
                    // The test is over.
                }
            });
            Prober prober = new Prober((host, port) -> List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort())), new TlsHandshaker(TRUST, Clock.systemUTC()), Limits.DEFAULT);
            long t0 = System.nanoTime();
            ProbeResult r = prober.probe(ProbeRequest.anonymous(new Endpoint(HOST, 465, Security.SSL), timeouts),
                    ProbeListener.NONE);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            silent.interrupt();

            assertThat(r.outcome()).isInstanceOf(ProbeOutcome.TimedOut.class);
            // Before: the close waited one more step for the server's close_notify (4 s against 2 s).
            assertThat(took).isLessThan(timeouts.total().plusMillis(1000));
        }
    }

    @Test
    void aProbeStillRunningWhenTheCheckEndsReportsTheLoginItSaw() throws Exception {
        // 465 accepts the login, then never answers MAIL FROM: the probe is still running at the check's deadline.
        ConcurrentSmtpServer.Answers answers = new ConcurrentSmtpServer.Answers() {
            @Override
            public String auth(String mechanism, String username, String password) {
                return "235 2.7.0 Authentication successful";
            }

            @Override
            public String reply(String verb, String usual) {
                if (verb.equals("MAIL")) {
                    try {
                        Thread.sleep(Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return usual;
            }
        };
        Diagnosis d;
        Duration took;
        long t0 = System.nanoTime();
        try (ConcurrentSmtpServer p465 = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, GOOD,
                "PLAIN LOGIN", answers)) {
            d = new LoopbackNetwork().route(HOST, 465, p465).check(32, SHORT, false, true);
            took = Duration.ofNanos(System.nanoTime() - t0);
        }

        assertThat(took).isLessThan(SHORT.total().plus(CheckRequest.CHECK_MARGIN).plus(MARGIN));
        assertThat(d.probes()).as("the probe that logged in is in the report")
                .anySatisfy(p -> {
                    assertThat(p.result().endpoint().port()).isEqualTo(465);
                    assertThat(p.result().auth().status()).isEqualTo(AuthResult.Status.ACCEPTED);
                });
        assertThat(d.status()).isNotEqualTo(Diagnosis.Status.BAD_INPUT);
    }

    @Test
    void discoveryProbesAndDomainChecksShareOneDeadline() throws Exception {
        // Every DNS question hangs: discovery and the sending-domain checks would each wait their own limit.
        Diagnosis d;
        long t0 = System.nanoTime();
        try (ConcurrentSmtpServer server = ConcurrentSmtpServer.of(ConcurrentSmtpServer.Behaviour.STALL)) {
            SmtpDoctor doctor = SmtpDoctor.builder().resolver(new LoopbackNetwork().route(HOST, server))
                    .trust(TRUST).dns(new HangingDns()).build();
            RawFields fields = RawFields.builder().address(ADDRESS).server(HOST).username(USER)
                    .password(PASSWORD.toCharArray()).build();
            d = doctor.diagnose(new CheckRequest(fields, false, SHORT, List.of(), Set.of()), ProbeListener.NONE);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // Probes 2.5 s + discovery's share (one step, 1 s) + the check's margin (5 s): before, 5 s + 2.5 s + 10 s.
        Duration bound = SHORT.total().plus(SHORT.step()).plus(CheckRequest.CHECK_MARGIN);
        assertThat(took).isLessThan(bound.plus(MARGIN));
        assertThat(d.status()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
    }

    /** A DNS server that never answers: every question waits until the thread is interrupted. */
    private static final class HangingDns implements Dns {
        private static <T> DnsResult<T> hang(String name) {
            try {
                Thread.sleep(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new DnsResult.TimedOut<>(name);
        }

        @Override
        public DnsResult<InetAddress> addresses(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<MxRecord> mx(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<SrvRecord> srv(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<String> txt(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<String> ptr(InetAddress address) {
            return hang(address.getHostAddress());
        }
    }
}
