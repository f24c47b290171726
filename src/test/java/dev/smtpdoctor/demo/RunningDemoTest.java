package dev.smtpdoctor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.demo.DemoListener.Transport;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.report.Messages;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every scenario promises the demo command: loopback only, a closed world, a clean shutdown. */
class RunningDemoTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(DemoScenario.class)
    void listensOnLoopbackOnlyAndLeavesNothingBehind(DemoScenario scenario) throws Exception {
        Path caFile;
        try (RunningDemo demo = scenario.start(DemoOptions.withGreetingDelay(java.time.Duration.ofMillis(50)))) {
            caFile = demo.caFile();
            assertThat(caFile).exists();
            List<java.security.cert.Certificate> inCaFile = List.copyOf(java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificates(new java.io.ByteArrayInputStream(Files.readAllBytes(caFile))));
            assertThat(inCaFile).containsExactly(demo.caCertificate());
            assertThat(demo.network().listeners()).isNotEmpty().allSatisfy(l -> {
                assertThat(l.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(l.address().getPort()).isNotIn(0, l.logicalPort());
            });
            assertThat(demo.network().hostNames()).contains(demo.typed().server());
            assertThat(demo.address()).isEqualTo("taro@example-shop.test");
            assertThat(demo.sendAsSettings().server()).contains(demo.typed().server());
        }
        assertThat(caFile).doesNotExist();
        assertNoDemoThreads();
    }

    @Test
    void theTypedHostIsMappedPortByPortAndEverythingElseIsRefused() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            DemoNetwork net = demo.network();

            assertThat(net.listeners()).extracting(DemoListener::logicalPort, DemoListener::transport)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(465, Transport.IMPLICIT_TLS),
                            org.assertj.core.groups.Tuple.tuple(587, Transport.STARTTLS_REQUIRED),
                            org.assertj.core.groups.Tuple.tuple(25, Transport.STARTTLS_OPTIONAL));
            for (DemoListener l : net.listeners()) {
                assertThat(net.locate("MAIL.example-shop.test.", l.logicalPort())).contains(l.address());
                assertThat(net.connectAddress("sv1234.demo-hosting.test", l.logicalPort()))
                        .isEqualTo(l.address());
            }
            assertThat(net.locate("mail.example-shop.test", 2525)).isEmpty();
            assertThat(net.locate("smtp.example-shop.test", 587)).isEmpty();

            InetSocketAddress closed = net.connectAddress("mail.example-shop.test", 2525);
            assertThat(closed.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(closed, 2000)).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void noNameOutsideTheDemoResolvesNotEvenAnAddressLiteral() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            for (String name : List.of("smtp.example-shop.test", "example-shop.test", "localhost", "127.0.0.1",
                    "smtp.gmail.com")) {
                assertThatThrownBy(() -> demo.resolver().resolve(name, 587)).isInstanceOf(UnknownHostException.class);
            }
            assertThat(demo.resolver().resolve("Sv1234.Demo-Hosting.test.", 465)).extracting(a -> a.getAddress().getHostAddress())
                    .containsExactly("127.0.0.1");
        }
    }

    @Test
    void closeDoesNotWaitForADelayedGreeting() throws Exception {
        RunningDemo demo = DemoScenario.GREETING_DELAY.start();
        assertThat(demo.greetingDelay()).isEqualTo(DemoOptions.DEFAULT.greetingDelay());
        InetSocketAddress port587 = demo.network().locate("mail.example-shop.test", 587).orElseThrow();
        try (Socket client = new Socket()) {
            client.connect(port587, 2000);
            client.setSoTimeout(5000);
            InputStream in = client.getInputStream();
            String first = readLine(in);
            assertThat(first).isEqualTo("220-mail.example-shop.test ESMTP");

            long t0 = System.nanoTime();
            demo.close();
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;

            // Far below the 6 s delay: close released the waiting session instead of sitting it out.
            assertThat(closeMillis).isLessThan(3000);
        }
        assertNoDemoThreads();
        demo.close(); // idempotent
    }

    @Test
    void theWholeMatrixCanBeProbedInParallel() throws Exception {
        try (RunningDemo demo = DemoScenario.SHARED_HOSTING.start()) {
            DemoProbes probes = new DemoProbes(demo, tmp);
            List<String> hosts = List.of("mail.example-shop.test", "sv1234.demo-hosting.test", "smtp.example-shop.test");
            List<java.util.concurrent.Future<ProbeResult>> futures = new java.util.ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (String h : hosts) {
                    futures.add(pool.submit(() -> probes.anonymous(h, 465, Security.SSL)));
                    futures.add(pool.submit(() -> probes.anonymous(h, 587, Security.TLS)));
                    futures.add(pool.submit(() -> probes.anonymous(h, 25, Security.TLS)));
                    futures.add(pool.submit(() -> probes.anonymous(h, 25, Security.NONE)));
                    futures.add(pool.submit(() -> probes.anonymous(h, 587, Security.NONE)));
                }
            }
            List<ProbeResult> results = new java.util.ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }

            assertThat(results).filteredOn(r -> !r.endpoint().host().startsWith("smtp."))
                    .allSatisfy(r -> assertThat(r.outcome()).isInstanceOf(ProbeOutcome.Completed.class));
            assertThat(results).filteredOn(r -> r.endpoint().host().startsWith("smtp."))
                    .allSatisfy(r -> assertThat(r.outcome()).isInstanceOf(ProbeOutcome.DnsFailed.class));
        }
        assertNoDemoThreads();
    }

    @Test
    void aProbeOfAClosedDemoIsRefused() throws Exception {
        RunningDemo demo = DemoScenario.SHARED_HOSTING.start();
        DemoProbes probes = new DemoProbes(demo, tmp);
        demo.close();

        ProbeResult r = probes.anonymous("mail.example-shop.test", 465, Security.SSL);

        assertThat(r.outcome()).isInstanceOf(ProbeOutcome.Refused.class);
    }

    @Test
    void credentialsAreWhatTheUserTyped() throws Exception {
        try (RunningDemo demo = DemoScenario.WRONG_PASSWORD.start()) {
            var c = demo.credentials();
            assertThat(c.username()).isEqualTo(demo.typed().username());
            assertThat(new String(c.password())).isEqualTo(demo.passwordToUse());
            assertThat(demo.passwordToUse()).isNotEqualTo(demo.demoPassword());
        }
    }

    @Test
    void scenariosHaveStableUniqueNamesAndDescriptionsInBothLanguages() {
        Set<String> ids = Arrays.stream(DemoScenario.values()).map(DemoScenario::id).collect(Collectors.toSet());
        assertThat(ids).containsExactlyInAnyOrder("shared-hosting", "self-signed", "expired", "no-starttls",
                "wrong-password", "sender-not-owned", "greeting-delay", "only-unsecured");
        assertThat(DemoScenario.DEFAULT).isEqualTo(DemoScenario.SHARED_HOSTING);
        assertThat(DemoScenario.parse(" Shared-Hosting ")).contains(DemoScenario.SHARED_HOSTING);
        assertThat(DemoScenario.parse("nope")).isEmpty();
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Messages m = Messages.forLocale(l);
            for (DemoScenario s : DemoScenario.values()) {
                assertThat(m.has(s.descriptionKey())).as(s + " in " + l).isTrue();
                assertThat(m.get(s.descriptionKey())).doesNotContain("\n", "''");
            }
        }
        assertThat(Messages.forLocale(Locale.JAPANESE).get(DemoScenario.DEFAULT.descriptionKey())).contains("共用サーバー");
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** Session threads may need a moment to die after their pool reports termination. */
    private static void assertNoDemoThreads() throws InterruptedException {
        long until = System.nanoTime() + 2_000_000_000L;
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith(SmtpListener.THREAD_PREFIX)).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        assertThat(left).as("demo threads alive after close").isEmpty();
    }
}
