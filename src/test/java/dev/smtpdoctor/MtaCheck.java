package dev.smtpdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResolver;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.SharedHostingMta;
import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.testing.knot.KnotServer;
import java.io.IOException;
import java.net.Socket;
import dev.smtpdoctor.tls.TrustConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A whole {@code check} ({@link SmtpDoctor#diagnose}) against one of the real test MTAs beside Postfix, as
 * {@link CheckPostfixIT} runs it: a resolver that sends the typed name and the provider's name, on each
 * logical port (465, 587, 25), to the listener standing for it on 127.0.0.1 and knows no other name; the
 * test CA as the only root ({@code --ca-file}); {@code --trust-certificate-name} for the names given.
 */
final class MtaCheck {

    /** Short: every listener is local; the gate's 2 s grace and OpenSMTPD's failed-AUTH delay are the longest waits. */
    // Generous: a loaded machine (two cores, the MTAs, the JVM) must not turn a slow EHLO into a verdict.
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(8), Duration.ofSeconds(20));
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private MtaCheck() {
    }

    /** @param ports logical port (465, 587, 25) to the listener's real port; a logical port not in it is refused */
    static Resolver resolver(Map<Integer, Integer> ports, int closedPort) {
        return (host, port) -> {
            String h = host.toLowerCase(Locale.ROOT);
            if (!h.equals(TestPki.HOST) && !h.equals(TestPki.PROVIDER_HOST)) {
                throw new UnknownHostException(host + ": not in the test network");
            }
            return List.of(new InetSocketAddress(LOOPBACK, ports.getOrDefault(port, closedPort)));
        };
    }

    /**
     * The zones {@link TruthPostfixIT} serves from its Knot: {@code mail.example.test} (the guess for the test
     * address, the typed host elsewhere) and the provider's {@code sv1234.hosting.test} are 127.0.0.1,
     * {@code smtp.example.test} does not exist and {@code example.test} has no address.
     */
    static final Map<String, String> ZONES = Map.of("example.test", TruthPostfixIT.EXAMPLE_ZONE,
            "hosting.test", TruthPostfixIT.HOSTING_ZONE);

    /**
     * As {@code --dns-server} resolves, with only the port the test's: the name is asked of {@code dns} (the
     * test's Knot), an address other than 127.0.0.1 is refused, and each logical port goes to its listener.
     *
     * @param ports logical port (465, 587, 25) to the listener's real port; a logical port not in it is refused
     */
    static Resolver knotResolver(Dns dns, Map<Integer, Integer> ports, int closedPort) {
        Resolver knot = new DnsResolver(dns);
        return (host, port) -> {
            List<InetSocketAddress> out = new ArrayList<>();
            for (InetSocketAddress a : knot.resolve(host, port)) {
                if (!a.getAddress().equals(LOOPBACK)) {
                    throw new UnknownHostException(host + " is " + a.getAddress() + " in Knot: not the test MTA");
                }
                out.add(new InetSocketAddress(LOOPBACK, ports.getOrDefault(port, closedPort)));
            }
            return out;
        };
    }

    record Run(Diagnosis diagnosis, long millis) {

        Diagnosis d() {
            return diagnosis;
        }

        /**
         * How many connections the check's probes opened (each one a session in the server's log); a probe that
         * went on from another's connection or conversation opened none.
         */
        int connections() {
            int n = 0;
            for (CandidateProbe p : diagnosis.probes()) {
                if (p.result().continuedFrom().isEmpty()
                        && p.result().steps().stream().anyMatch(s -> s.step() == Step.CONNECT && s.ok())) {
                    n++;
                }
            }
            return n;
        }

        String summary() {
            StringBuilder sb = new StringBuilder("status ").append(diagnosis.status())
                    .append(", recommendation ").append(diagnosis.recommendation().orElse(null))
                    .append("\n  findings ").append(diagnosis.findings().stream()
                            .map(f -> f.code() + f.args().toString()).collect(Collectors.joining("\n    ")));
            for (CandidateProbe p : diagnosis.probes()) {
                sb.append("\n  ").append(p.candidate().source()).append(' ').append(p.result().endpoint())
                        .append(" -> ").append(p.result().outcome()).append(", auth ")
                        .append(p.result().auth().status()).append(", sender ").append(p.result().sender().status());
            }
            return sb.toString();
        }
    }

    /** A check's run and the lines its sessions left in the MTA's log. */
    record Logged(Run run, List<String> lines) {

        /** The run, then the log without its debug lines: for assertion messages. */
        String describe() {
            return run.summary() + "\nthe MTA's log:\n  "
                    + String.join("\n  ", lines.stream().filter(l -> !l.startsWith("debug:")).toList());
        }
    }

    /**
     * Around an MTA's test class: a loopback port nothing listens on (a logical port the MTA does not serve is
     * refused at once), and, for checks with the address only, the test's Knot serving {@link #ZONES}, asked as
     * {@code --dns-server} would be.
     */
    static final class Network implements AutoCloseable {

        private final Socket closedPort = new Socket();
        private final KnotServer knot;

        private Network(boolean withKnot) throws IOException {
            closedPort.bind(new InetSocketAddress(LOOPBACK, 0));
            knot = withKnot ? KnotServer.start(ZONES) : null;
        }

        /** Names come from {@link #resolver} alone. */
        static Network local() throws IOException {
            return new Network(false);
        }

        /** Names come from the test's Knot ({@link #knotResolver}); discovery and the domain checks ask it too. */
        static Network withKnot() throws IOException {
            return new Network(true);
        }

        /** A whole check against {@code mta}, then the lines of every session it had. */
        Logged check(String tag, SharedHostingMta mta, RawFields fields, boolean allowPlaintextAuth,
                     Set<String> confirmed) {
            MailLog.Mark mark = mta.mark();
            Run run;
            if (knot == null) {
                run = MtaCheck.check(tag, resolver(mta.gmailPorts(), closedPort.getLocalPort()), mta.trust(), fields,
                        allowPlaintextAuth, confirmed);
            } else {
                DnsjavaDns dns = knot.dns(Duration.ofSeconds(2));
                run = MtaCheck.check(tag, dns, knotResolver(dns, mta.gmailPorts(), closedPort.getLocalPort()),
                        mta.trust(), fields, allowPlaintextAuth, confirmed);
            }
            return new Logged(run, mta.awaitSessions(mark, run.connections()));
        }

        @Override
        public void close() throws IOException {
            if (knot != null) {
                knot.close();
            }
            closedPort.close();
        }
    }

    static Run check(String tag, Resolver resolver, TrustConfig trust, RawFields fields, boolean allowPlaintextAuth,
                     Set<String> confirmed) {
        return check(tag, SmtpDoctor.builder(), resolver, trust, fields, allowPlaintextAuth, confirmed);
    }

    /** As above, with discovery and the domain checks asking {@code dns} (the test's Knot), as the CLI's {@code --dns-server}. */
    static Run check(String tag, Dns dns, Resolver resolver, TrustConfig trust, RawFields fields,
                     boolean allowPlaintextAuth, Set<String> confirmed) {
        return check(tag, SmtpDoctor.builder().dns(dns), resolver, trust, fields, allowPlaintextAuth, confirmed);
    }

    private static Run check(String tag, SmtpDoctor.Builder builder, Resolver resolver, TrustConfig trust,
                             RawFields fields, boolean allowPlaintextAuth, Set<String> confirmed) {
        SmtpDoctor doctor = builder.resolver(resolver).trust(trust).build();
        long t0 = System.nanoTime();
        Diagnosis d = doctor.diagnose(new CheckRequest(fields, allowPlaintextAuth, TIMEOUTS, List.of(), confirmed),
                ProbeListener.NONE);
        Run run = new Run(d, (System.nanoTime() - t0) / 1_000_000);
        System.out.printf("%s | %d ms | %s%n", tag, run.millis(), run.summary());
        return run;
    }

    static Finding finding(Diagnosis d, FindingCode code) {
        Optional<Finding> f = d.findings().stream().filter(x -> x.code() == code).findFirst();
        assertThat(f).as("%s among %s", code, d.findings()).isPresent();
        return f.get();
    }

    static GmailVerdict gmail(Diagnosis d, int port, Security security) {
        return d.assessment().orElseThrow().gmail().stream()
                .filter(v -> v.port() == port && v.security() == security).findFirst().orElseThrow();
    }
}
