package dev.smtpdoctor.bench;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer.Behaviour;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Round trips per probe kind (docs/benchmarks.md, "Round trips"): each kind of probe runs alone through a
 * {@link DelayProxy} adding {@code --one-way-ms} each way, and again with no delay; the difference divided by the
 * round-trip time is the number of round trips the probe waited for, compared with the protocol's minimum. The
 * server is the tests' {@link ConcurrentSmtpServer} on 127.0.0.1 (it offers PIPELINING, TLS 1.3, AUTH PLAIN):
 * no root, no MTA, no DNS. A {@code main}, never a test: {@code scripts/bench-startup.sh --round-trips} runs it.
 *
 * <p>Options: {@code --one-way-ms N} (50), {@code --iterations N} (5, after 2 warm-ups).
 */
public final class RoundTrips {

    private static final String HOST = "mail.example.test";
    private static final String ADDRESS = "you@example.test";

    /** A kind of probe, and its minimum in round trips under the proxy's model (TCP set-up is 1 RTT). */
    private record Kind(String name, Behaviour behaviour, Security security, boolean login, int minimum,
                        String minimumSteps) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("465 SSL + AUTH + MAIL FROM", Behaviour.IMPLICIT_TLS, Security.SSL, true, 6,
                    "TCP, TLS 1.3, greeting, EHLO, AUTH PLAIN (initial response), MAIL FROM+RCPT TO(+RSET)+QUIT"),
            new Kind("587 STARTTLS + AUTH + MAIL FROM", Behaviour.STARTTLS, Security.TLS, true, 8,
                    "TCP, greeting, EHLO, STARTTLS, TLS 1.3, EHLO, AUTH PLAIN, MAIL FROM+RCPT TO(+RSET)+QUIT"),
            new Kind("25 unsecured", Behaviour.PLAIN_WITH_AUTH, Security.NONE, false, 4,
                    "TCP, greeting, EHLO, QUIT"));

    private RoundTrips() {
    }

    public static void main(String[] args) throws Exception {
        int oneWay = 50;
        int iterations = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--one-way-ms" -> oneWay = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HeldCertificate root = HeldCertificate.builder().commonName("smtp-doctor Bench Root").certificateAuthority(0)
                .build();
        HeldCertificate leaf = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).signedBy(root).build();
        Path caFile = Files.createTempFile("smtp-doctor-bench-root", ".pem");
        try {
            TrustConfig trust = TrustConfig.fromFile(root.writeCertificate(caFile));
            System.out.printf("Round trips per probe kind, %d ms each way (RTT %d ms), median of %d%n%n", oneWay,
                    2 * oneWay, iterations);
            System.out.println("| probe | protocol minimum (RTT) | measured: (delayed − no delay) / RTT | delayed / RTT "
                    + "| median ms, delayed / no delay | steps |");
            System.out.println("|---|---:|---:|---:|---:|---|");
            for (Kind kind : KINDS) {
                measure(kind, leaf, trust, oneWay, iterations);
            }
        } finally {
            Files.deleteIfExists(caFile);
        }
    }

    private static void measure(Kind kind, HeldCertificate leaf, TrustConfig trust, int oneWay, int iterations)
            throws Exception {
        try (ConcurrentSmtpServer server = new ConcurrentSmtpServer(kind.behaviour(), leaf, "PLAIN LOGIN",
                ConcurrentSmtpServer.Answers.always("235 2.7.0 Authentication successful"));
             DelayProxy delayed = DelayProxy.start(new InetSocketAddress(server.address(), server.port()),
                     Duration.ofMillis(oneWay));
             DelayProxy direct = DelayProxy.start(new InetSocketAddress(server.address(), server.port()),
                     Duration.ZERO)) {
            List<Long> slow = new ArrayList<>();
            List<Long> fast = new ArrayList<>();
            ProbeResult last = null;
            for (int i = 0; i < iterations + 2; i++) {
                ProbeResult d = probe(kind, trust, delayed.port());
                ProbeResult z = probe(kind, trust, direct.port());
                if (!d.completed() || !z.completed()) {
                    throw new IllegalStateException(kind.name() + ": " + d.outcome() + " / " + z.outcome());
                }
                if (i >= 2) {
                    slow.add(d.totalMillis());
                    fast.add(z.totalMillis());
                }
                last = d;
            }
            long s = median(slow);
            long f = median(fast);
            double rounds = (s - f) / (2.0 * oneWay);
            String steps = last.steps().stream().map(StepRecord::step).map(Enum::name).collect(Collectors.joining(" "));
            System.out.printf("| %s | %d | %.1f | %.1f | %d / %d | %s |%n", kind.name(), kind.minimum(), rounds,
                    s / (2.0 * oneWay), s, f, steps);
        }
    }

    private static ProbeResult probe(Kind kind, TrustConfig trust, int port) {
        Resolver resolver = (host, p) -> {
            if (!host.equals(HOST)) {
                throw new UnknownHostException(host);
            }
            return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        };
        Prober prober = new Prober(resolver, new TlsHandshaker(trust, Clock.systemUTC()), Limits.DEFAULT);
        Optional<Credentials> credentials = kind.login()
                ? Optional.of(new Credentials(ADDRESS, "bench-password".toCharArray())) : Optional.empty();
        ProbeRequest request = new ProbeRequest(new Endpoint(HOST, 465, kind.security()), credentials,
                kind.login() ? Optional.of(ADDRESS) : Optional.empty(), false, Timeouts.DEFAULT);
        return prober.probe(request, ProbeListener.NONE);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
