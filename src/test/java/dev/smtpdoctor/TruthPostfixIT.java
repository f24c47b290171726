package dev.smtpdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.diagnosis.Recommendation.PasswordUntested.Why;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.dns.DnsResolver;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.knot.KnotServer;
import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.postfix.PostfixExtension;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import dev.smtpdoctor.testing.postfix.SmtpdSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 against the real Postfix + Dovecot, whole checks as the CLI runs them with {@code --dns-server}: the
 * names (the typed {@value PostfixServer#HOST}, the guesses under the address's domain, the provider's name on the
 * shared-hosting certificate) are resolved by the test's own Knot, which says that {@code mail.example.test} and
 * {@code sv1234.hosting.test} are 127.0.0.1 and that {@code smtp.example.test} and {@code example.test} have no
 * address; the same Knot serves the discovery and domain checks. Only the port is the test's: each logical port
 * (465, 587, 25) goes to the Postfix listener that stands for it in the scenario, a port without one is closed.
 *
 * <p>Each test asserts the root-cause finding, the recommendation, the exit code and Postfix's own log count of
 * AUTH commands: exactly one login when a password was given and a server verified, none otherwise; the
 * credential-free AUTH cancelled with "*" on the plain port is counted apart (see {@link #authAttempts}).
 *
 * <p>The typed-server cases of item 1 (shared hosting, wrong password) are in {@link CheckPostfixIT}.
 */
@ExtendWith(PostfixExtension.class)
class TruthPostfixIT {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));
    /** Steps long enough that "recognised within seconds" cannot be a step timeout. */
    private static final Timeouts LONG = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60));
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String ADDRESS = PostfixServer.USER;

    static final String EXAMPLE_ZONE = """
            $ORIGIN example.test.
            $TTL 60
            @       SOA  ns hostmaster 1 60 60 600 60
            @       NS   ns
            ns      A    127.0.0.1
            ; the mail. guess and the typed host: the test Postfix. No smtp. and no address for the domain itself.
            mail    A    127.0.0.1
            """;
    static final String HOSTING_ZONE = """
            $ORIGIN hosting.test.
            $TTL 60
            @       SOA  ns.example.test. hostmaster.example.test. 1 60 60 600 60
            @       NS   ns.example.test.
            ; the provider's name on the shared-hosting certificate: the same machine
            sv1234  A    127.0.0.1
            """;

    private static KnotServer knot;
    /** A port on 127.0.0.1 that is bound but not listening: connecting to it is refused. */
    private static Socket closedPort;

    private final PostfixServer postfix;

    TruthPostfixIT(PostfixServer postfix) {
        this.postfix = postfix;
    }

    @BeforeAll
    static void start() throws IOException {
        knot = KnotServer.start(Map.of("example.test", EXAMPLE_ZONE, "hosting.test", HOSTING_ZONE));
        closedPort = new Socket();
        closedPort.bind(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterAll
    static void stop() throws IOException {
        if (knot != null) {
            knot.close();
        }
        if (closedPort != null) {
            closedPort.close();
        }
    }

    // ---- item 1: the address only --------------------------------------------------------------------------

    @Test
    void addressOnly_theMailGuessWithAValidCertificateGetsTheOneLogin() {
        Network net = Network.healthy();
        Run run = check(net, addressOnly(), TIMEOUTS);
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.SECURE);
        Recommendation.Choice c = r.choice().orElseThrow();
        assertThat(c.server()).isEqualTo(PostfixServer.HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.source()).isEqualTo(CandidateSource.GUESS_MAIL);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(r.passwordUntested()).isEmpty();
        assertThat(r.typed()).as("nothing but the address was typed").isEmpty();

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = login(sessions);
        assertThat(login.listener()).isEqualTo(Listener.SUBMISSIONS_465);
        assertThat(login.commandCounters()).containsEntry("auth", "1").containsEntry("mail", "1");
    }

    @Test
    void addressOnly_sharedHostingRecommendsTheProvidersNameToConfirmWithoutThePassword() {
        Network net = new Network(Map.of(465, Listener.NAME_MISMATCH_465, 587, Listener.NAME_MISMATCH,
                25, Listener.PLAIN_25));
        Run run = check(net, addressOnly(), TIMEOUTS);
        Diagnosis d = run.diagnosis();

        Recommendation r = d.recommendation().orElseThrow();
        Recommendation.Choice c = r.choice().orElseThrow(() -> new AssertionError(run.summary()));
        assertThat(c.server()).as(run.summary()).isEqualTo(PostfixServer.PROVIDER_HOST);
        assertThat(c.security()).isNotEqualTo(Security.NONE);
        assertThat(c.port()).isNotEqualTo(25);
        assertThat(c.secure()).isTrue();
        assertThat(c.confirmWithProvider()).isTrue();
        assertThat(c.loginVerified()).isFalse();
        assertThat(r.passwordUntested()).as(run.summary()).hasValueSatisfying(u -> {
            assertThat(u.why()).isEqualTo(Why.CERTIFICATE_NAME_UNCONFIRMED);
            assertThat(u.host()).contains(PostfixServer.PROVIDER_HOST);
        });
        assertThat(r.typed()).as("nothing but the address was typed").isEmpty();
        // The guess mail.example.test showed the provider's certificate: the password was withheld there, and the
        // name on it joined as the same server, tested without credentials.
        assertThat(d.probes()).filteredOn(p -> p.candidate().source() == CandidateSource.CERTIFICATE_NAME)
                .isNotEmpty().allSatisfy(p -> assertThat(p.candidate().sameServerAs()).contains(PostfixServer.HOST));
        assertThat(d.probes()).as("never a password on DNS alone, nor in clear").noneMatch(
                p -> p.result().auth().attempted());
        // A secure route to recommend, with the password untested: exit 0, the report says what to confirm.
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isZero();
        assertThat(sessions).allSatisfy(s -> assertThat(s.count("authentication failed")).isZero());
    }

    @Test
    void addressOnly_aWrongPasswordOnTheVerifiedGuessIsAuthFailedOnce() {
        Network net = Network.healthy();
        Run run = check(net, addressOnly().password(postfix.wrongPassword().password()), TIMEOUTS);
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.kind()).isEqualTo(Recommendation.Kind.NOTHING_WORKS);
        assertThat(r.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(r.nextAction()).contains(Recommendation.NextAction.CHECK_CREDENTIALS);
        assertThat(finding(d, FindingCode.AUTH_FAILED).args()).containsEntry("host", PostfixServer.HOST)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("535 5.7.8"));

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = login(sessions);
        assertThat(login.commandCounters()).containsEntry("auth", "0/1");
        assertThat(sessions.stream().mapToLong(s -> s.count("SASL PLAIN authentication failed")).sum()).isEqualTo(1);
    }

    // ---- item 2: typed settings that already work ----------------------------------------------------------

    @Test
    void typed587WithTlsThatWorksIsKeptAndGetsTheOneLogin() {
        Network net = Network.healthy();
        Run run = check(net, typed("587", "tls"), TIMEOUTS);
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.typed()).as(run.summary()).contains(Recommendation.Typed.KEEP);
        Recommendation.Choice c = r.choice().orElseThrow();
        assertThat(c.server()).isEqualTo(PostfixServer.HOST);
        assertThat(c.port()).isEqualTo(587);
        assertThat(c.security()).isEqualTo(Security.TLS);
        assertThat(c.source()).isEqualTo(CandidateSource.TYPED);
        assertThat(c.loginVerified()).isTrue();
        assertThat(r.passwordUntested()).isEmpty();

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = login(sessions);
        assertThat(login.listener()).as("the one login goes to the typed combination").isEqualTo(Listener.SUBMISSION_587);
        assertThat(login.commandCounters()).containsEntry("starttls", "1").containsEntry("auth", "1");
    }

    // ---- item 3: implicit TLS on 587 -----------------------------------------------------------------------

    @Test
    void typed587ThatSpeaksImplicitTlsIsAModeMismatchWithinSecondsAnd587SslIsRecommended() {
        Network net = new Network(Map.of(587, Listener.IMPLICIT_TLS_ON_587, 25, Listener.PLAIN_25));
        long t0 = System.nanoTime();
        Run run = check(net, typed("587", "tls"), LONG);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Diagnosis d = run.diagnosis();

        assertThat(took).as("recognised within seconds, not at the 30 s step timeout").isLessThan(Duration.ofSeconds(15));
        assertThat(finding(d, FindingCode.SECURITY_MODE_MISMATCH).args()).as(run.summary())
                .containsEntry("port", "587").containsEntry("hint", "tls-on-ssl-port");
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.SERVER_TIMEOUT);
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation r = d.recommendation().orElseThrow();
        Recommendation.Choice c = r.choice().orElseThrow(() -> new AssertionError(run.summary()));
        assertThat(c.server()).isEqualTo(PostfixServer.HOST);
        assertThat(c.port()).isEqualTo(587);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.loginVerified()).isTrue();
        assertThat(r.typed()).contains(Recommendation.Typed.FAILED);
        assertThat(r.typedProblem()).hasValueSatisfying(f -> assertThat(f.code())
                .isEqualTo(FindingCode.SECURITY_MODE_MISMATCH));

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        assertThat(login(sessions).listener()).isEqualTo(Listener.IMPLICIT_TLS_ON_587);
    }

    @Test
    void addressOnly_theMailGuessSpeakingImplicitTlsOn587IsRecognisedWithinSecondsAndGetsTheOneLogin() {
        Network net = new Network(Map.of(587, Listener.IMPLICIT_TLS_ON_587, 25, Listener.PLAIN_25));
        long t0 = System.nanoTime();
        Run run = check(net, addressOnly(), LONG);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Diagnosis d = run.diagnosis();

        assertThat(took).as("recognised within seconds, not at the 30 s step timeout").isLessThan(Duration.ofSeconds(15));
        assertThat(d.findings()).as(run.summary()).extracting(Finding::code).doesNotContain(FindingCode.SERVER_TIMEOUT);
        assertThat(finding(d, FindingCode.SECURITY_MODE_MISMATCH).args()).containsEntry("host", PostfixServer.HOST)
                .containsEntry("port", "587").containsEntry("hint", "tls-on-ssl-port");
        assertThat(d.probes()).as(run.summary()).anyMatch(p -> p.candidate().host().equals(PostfixServer.HOST)
                && p.result().endpoint().port() == 587
                && p.result().outcome() instanceof dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation v
                && v.kind() == dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind.IMPLICIT_TLS);
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation r = d.recommendation().orElseThrow();
        Recommendation.Choice c = r.choice().orElseThrow(() -> new AssertionError(run.summary()));
        assertThat(c.server()).isEqualTo(PostfixServer.HOST);
        assertThat(c.port()).isEqualTo(587);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.loginVerified()).isTrue();
        assertThat(r.passwordUntested()).isEmpty();

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        assertThat(login(sessions).listener()).isEqualTo(Listener.IMPLICIT_TLS_ON_587);
    }

    // ---- item 4: TLS 1.0 only ------------------------------------------------------------------------------

    @Test
    void typed587ThatSpeaksOnlyTls10IsNamedObsoleteWithoutAnyAuth() {
        Network net = new Network(Map.of(587, Listener.TLS10_ONLY));
        Run run = check(net, typed("587", "tls"), TIMEOUTS);
        Diagnosis d = run.diagnosis();

        assertThat(finding(d, FindingCode.TLS_PROTOCOL_OBSOLETE).args()).as(run.summary())
                .containsEntry("port", "587").containsEntry("protocol", "TLSv1").containsEntry("hint", "only-obsolete");
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.choice()).as("nothing secure works").isEmpty();
        assertThat(r.askProvider()).contains(Recommendation.Ask.TLS_SUBMISSION);
        assertThat(d.status()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isZero();
        assertThat(sessions).allSatisfy(s -> assertThat(s.attempts("auth")).isZero());
        assertThat(sessions.stream().filter(s -> s.count("TLSv1 with cipher") > 0)).as(
                "the diagnostic handshake completed TLSv1, and Postfix logged it: " + describe(sessions)).isNotEmpty();
    }

    @Test
    void addressOnly_theMailGuessSpeakingOnlyTls10IsNamedObsoleteWithoutAnyAuth() {
        Network net = new Network(Map.of(587, Listener.TLS10_ONLY));
        Run run = check(net, addressOnly(), TIMEOUTS);
        Diagnosis d = run.diagnosis();

        assertThat(finding(d, FindingCode.TLS_PROTOCOL_OBSOLETE).args()).as(run.summary())
                .containsEntry("host", PostfixServer.HOST).containsEntry("port", "587")
                .containsEntry("protocol", "TLSv1");
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.choice()).as("nothing secure works").isEmpty();
        assertThat(d.status()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);

        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isZero();
        assertThat(sessions).allSatisfy(s -> assertThat(s.attempts("auth")).isZero());
    }

    @Test
    void typed587ThatSpeaksOnlyTls10HasTheObsoleteVersionAsItsRootCause() {
        assertTls10IsTheRootCause(typed("587", "tls"));
    }

    @Test
    void addressOnly_theMailGuessSpeakingOnlyTls10HasTheObsoleteVersionAsItsRootCause() {
        assertTls10IsTheRootCause(addressOnly());
    }

    private void assertTls10IsTheRootCause(RawFields.Builder fields) {
        Network net = new Network(Map.of(587, Listener.TLS10_ONLY));
        Run run = check(net, fields, TIMEOUTS);
        Diagnosis d = run.diagnosis();

        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.likelyCauseCode()).as(run.summary()).contains(FindingCode.TLS_PROTOCOL_OBSOLETE);
        assertThat(r.likelyCause()).hasValueSatisfying(f -> assertThat(f.args()).containsEntry("port", "587")
                .containsEntry("protocol", "TLSv1"));
        assertThat(d.status().exitCode()).isEqualTo(2);
        List<SmtpdSession> sessions = run.sessions();
        assertThat(authAttempts(sessions)).as(describe(sessions)).isZero();
    }

    // ---- the harness ---------------------------------------------------------------------------------------

    /** The scenario: which Postfix listener stands for each logical port; a port without one is closed. */
    private record Network(Map<Integer, Listener> listeners) {

        static Network healthy() {
            return new Network(Map.of(465, Listener.SUBMISSIONS_465, 587, Listener.SUBMISSION_587,
                    25, Listener.PLAIN_25));
        }

        /** Knot answers the name; the port is the scenario's. Only 127.0.0.1 is ever dialled. */
        Resolver resolver(PostfixServer postfix, Resolver dns) {
            return (host, port) -> {
                List<InetSocketAddress> out = new ArrayList<>();
                for (InetSocketAddress a : dns.resolve(host, port)) {
                    if (!a.getAddress().equals(LOOPBACK)) {
                        throw new UnknownHostException(host + " is " + a.getAddress() + " in Knot: not the test Postfix");
                    }
                    Listener l = listeners.get(port);
                    out.add(l == null ? (InetSocketAddress) closedPort.getLocalSocketAddress()
                            : new InetSocketAddress(LOOPBACK, postfix.port(l)));
                }
                return out;
            };
        }

        /** Connections the probes made to each listener (at least: diagnostic connections come on top). */
        Map<Listener, Integer> connections(Diagnosis d) {
            Map<Listener, Integer> out = new EnumMap<>(Listener.class);
            for (CandidateProbe p : d.probes()) {
                Listener l = listeners.get(p.result().endpoint().port());
                boolean connected = p.result().continuedFrom().isEmpty()
                        && p.result().steps().stream().anyMatch(s -> s.step() == Step.CONNECT && s.ok());
                if (l != null && connected) {
                    out.merge(l, 1, Integer::sum);
                }
            }
            return out;
        }
    }

    private final class Run {
        private final Network network;
        private final Diagnosis diagnosis;
        private final MailLog.Mark mark;

        Run(Network network, Diagnosis diagnosis, MailLog.Mark mark) {
            this.network = network;
            this.diagnosis = diagnosis;
            this.mark = mark;
        }

        Diagnosis diagnosis() {
            return diagnosis;
        }

        /**
         * Every smtpd session since the mark, once at least the probes' connections and then every session begun
         * have ended (the product's own second connections, to tell implicit TLS or an obsolete TLS version,
         * are not in the probe results).
         */
        List<SmtpdSession> sessions() {
            List<SmtpdSession> all = postfix.awaitAllSmtpdSessions(network.connections(diagnosis), mark);
            assertThat(all).as("connections only to the scenario's listeners")
                    .allMatch(s -> network.listeners().containsValue(s.listener()));
            return all;
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

    private Run check(Network net, RawFields.Builder fields, Timeouts timeouts) {
        MailLog.Mark mark = postfix.mark();
        DnsjavaDns dns = knot.dns(Duration.ofSeconds(2));
        SmtpDoctor doctor = SmtpDoctor.builder().dns(dns).resolver(net.resolver(postfix, new DnsResolver(dns)))
                .trust(postfix.trust()).build();
        long t0 = System.nanoTime();
        Diagnosis d = doctor.diagnose(new CheckRequest(fields.build(), false, timeouts, List.of(), Set.of()),
                ProbeListener.NONE);
        Run run = new Run(net, d, mark);
        System.out.printf("truth-postfix-it | %d ms | %s%n", (System.nanoTime() - t0) / 1_000_000, run.summary());
        return run;
    }

    /** Only the address (and the password): the server field left empty. */
    private RawFields.Builder addressOnly() {
        return RawFields.builder().address(ADDRESS).password(postfix.credentials().password());
    }

    private RawFields.Builder typed(String port, String security) {
        return RawFields.builder().address(ADDRESS).username(PostfixServer.USER)
                .password(postfix.credentials().password()).server(PostfixServer.HOST).port(port).security(security);
    }

    private static Finding finding(Diagnosis d, FindingCode code) {
        Optional<Finding> f = d.findings().stream().filter(x -> x.code() == code).findFirst();
        assertThat(f).as("%s among %s", code, d.findings()).isPresent();
        return f.get();
    }

    private static SmtpdSession login(List<SmtpdSession> sessions) {
        return sessions.stream().filter(s -> s.attempts("auth") > 0 && !cancelledInClear(s)).findFirst()
                .orElseThrow(() -> new AssertionError("no login among\n" + describe(sessions)));
    }

    /**
     * AUTH commands that began a login, as {@link CheckPostfixIT} counts them: not the credential-free AUTH
     * cancelled with "*" on the plain port (Postfix: "auth=0/1" without "authentication failed"), at most one per
     * check.
     */
    private static int authAttempts(List<SmtpdSession> sessions) {
        long cancelled = sessions.stream().filter(TruthPostfixIT::cancelledInClear).count();
        assertThat(cancelled).as("cancelled credential-free AUTH per check").isLessThanOrEqualTo(1);
        return sessions.stream().filter(s -> !cancelledInClear(s)).mapToInt(s -> s.attempts("auth")).sum();
    }

    private static boolean cancelledInClear(SmtpdSession s) {
        return s.listener() == Listener.PLAIN_25 && "0/1".equals(s.commandCounters().get("auth"))
                && s.count("authentication failed") == 0;
    }

    private static String describe(List<SmtpdSession> sessions) {
        return sessions.stream().map(s -> s.listener() + ": " + s.disconnectLine()).collect(Collectors.joining("\n"));
    }
}
