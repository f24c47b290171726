package dev.smtpdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.diagnosis.KnownMessage;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.postfix.PostfixExtension;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import dev.smtpdoctor.testing.postfix.SmtpdSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code check} end to end against a real Postfix with Dovecot SASL: {@link SmtpDoctor#diagnose} with the
 * whole matrix (every candidate × 465 ssl, 587 tls, 25 tls, 25 none, 587 none, concurrently, certificate
 * names joining as candidates), the rules and the recommendation, as the CLI runs it with
 * {@code --ca-file}. Only the network is the test's: a resolver that sends each (host, logical port) to
 * the fixture listener standing for it on 127.0.0.1 and knows no other name, so the guesses
 * ({@code smtp.example.test}, {@code example.test}) fail as nonexistent names do.
 *
 * <p>The Postfix log is the witness for the product's promise of at most one AUTH attempt per server per
 * run (docs/security.md): every scenario counts the AUTH commands of all connections the check made.
 */
@ExtendWith(PostfixExtension.class)
class CheckPostfixIT {

    /** Short: every listener is local and answers at once; the gate's 2 s grace is the longest wait. */
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(8));
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A port on 127.0.0.1 that is bound but not listening: connecting to it is refused (TCP RST). */
    private static Socket closedPort;

    private final PostfixServer postfix;

    CheckPostfixIT(PostfixServer postfix) {
        this.postfix = postfix;
    }

    @BeforeAll
    static void reserveClosedPort() throws IOException {
        closedPort = new Socket();
        closedPort.bind(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterAll
    static void releaseClosedPort() throws IOException {
        closedPort.close();
    }

    // ---- a. the shared-hosting classic --------------------------------------------------------------

    @Test
    void anUnconfirmedCertificateNameIsRecommendedButNeverGetsThePassword() {
        Network net = new Network(Map.of(465, Listener.NAME_MISMATCH_465, 587, Listener.NAME_MISMATCH,
                25, Listener.PLAIN_25));
        Run run = check(net, fields(PostfixServer.USER).server(PostfixServer.HOST).port("587").security("tls"));
        Diagnosis d = run.diagnosis();

        // DNS alone says the provider's name is the same server: recommended, to be confirmed, login untested.
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(run.summary()).isEqualTo(PostfixServer.PROVIDER_HOST);
        assertThat(c.confirmWithProvider()).isTrue();
        assertThat(c.loginVerified()).isFalse();
        List<SmtpdSession> sessions = run.sessions(postfix);
        assertThat(authAttempts(sessions)).as(describe(sessions)).isZero();
    }

    @Test
    void nameMismatchIsFixedByTheNameOnTheCertificate() {
        Network net = new Network(Map.of(465, Listener.NAME_MISMATCH_465, 587, Listener.NAME_MISMATCH,
                25, Listener.PLAIN_25));
        // The user confirmed the provider's name (--trust-certificate-name, or yes to the question).
        Run run = check(net, fields(PostfixServer.USER).server(PostfixServer.HOST).port("587").security("tls"),
                java.util.Set.of(PostfixServer.PROVIDER_HOST));
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(run.summary()).isEqualTo(PostfixServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.secure()).isTrue();
        assertThat(c.source()).isEqualTo(CandidateSource.CERTIFICATE_NAME);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(c.confirmWithProvider()).isFalse();
        assertThat(c.username()).isEqualTo(PostfixServer.USER);

        assertThat(finding(d, FindingCode.TLS_NAME_MISMATCH).args())
                .containsEntry("host", PostfixServer.HOST).containsEntry("names", PostfixServer.PROVIDER_HOST);
        assertThat(finding(d, FindingCode.CERTIFICATE_NAME_ON_SAME_SERVER).args())
                .containsEntry("host", PostfixServer.PROVIDER_HOST).containsEntry("typed", PostfixServer.HOST);
        // Gmail's view of what was typed: the certificate is refused on both TLS ports.
        assertThat(gmail(d, 587, Security.TLS).message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);
        assertThat(gmail(d, 465, Security.SSL).message()).contains(KnownMessage.CERTIFICATE_DOESNT_MATCH);
        // The provider's name joined the matrix as the same server, and got the password; the typed name did not.
        assertThat(d.probes()).filteredOn(p -> p.candidate().host().equals(PostfixServer.PROVIDER_HOST))
                .isNotEmpty().allSatisfy(p -> {
                    assertThat(p.candidate().source()).isEqualTo(CandidateSource.CERTIFICATE_NAME);
                    assertThat(p.candidate().sameServerAs()).contains(PostfixServer.HOST);
                });
        assertThat(d.probes()).filteredOn(p -> p.candidate().host().equals(PostfixServer.HOST))
                .noneMatch(p -> p.result().auth().attempted());

        // The Postfix log: of every connection the check made, one sent AUTH, and it succeeded — on 465,
        // dialled as the provider's name.
        List<SmtpdSession> sessions = run.sessions(postfix);
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = sessions.stream().filter(s -> s.attempts("auth") > 0 && !cancelledInClear(s)).findFirst()
                .orElseThrow();
        assertThat(login.listener()).isEqualTo(Listener.NAME_MISMATCH_465);
        assertThat(login.commandCounters()).containsEntry("auth", "1").containsEntry("mail", "1");
        assertThat(sessions).allSatisfy(s -> assertThat(s.count("authentication failed")).isZero());
    }

    // ---- b. wrong password ---------------------------------------------------------------------------

    @Test
    void wrongPasswordIsTriedOnceForTheWholeCheck() {
        Network net = Network.healthy();
        MailLog.Mark dovecotMark = postfix.dovecotLog().mark();
        Run run = check(net, fields(PostfixServer.USER).server(PostfixServer.HOST).port("465").security("ssl")
                .password(postfix.wrongPassword().password()));
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.choice()).as(run.summary()).isEmpty();
        assertThat(r.likelyCauseCode()).contains(FindingCode.AUTH_FAILED);
        assertThat(r.nextAction()).contains(Recommendation.NextAction.CHECK_CREDENTIALS);
        assertThat(finding(d, FindingCode.AUTH_FAILED).args()).containsEntry("host", PostfixServer.HOST)
                .containsEntry("port", "465").containsEntry("username", PostfixServer.USER)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("535 5.7.8"));
        // The unsecured port-25 route never got the password, but it is the same server: refused as well.
        assertThat(gmail(d, 25, Security.NONE).status()).isEqualTo(GmailVerdict.Status.FAILS);
        assertThat(gmail(d, 25, Security.NONE).cause()).contains(FindingCode.AUTH_FAILED);
        assertThat(d.probes()).filteredOn(p -> p.result().auth().attempted()).hasSize(1);

        // The Postfix log: one AUTH command in the whole check, and it failed; no second try elsewhere.
        List<SmtpdSession> sessions = run.sessions(postfix);
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = sessions.stream().filter(s -> s.attempts("auth") > 0 && !cancelledInClear(s)).findFirst()
                .orElseThrow();
        assertThat(login.listener()).isEqualTo(Listener.SUBMISSIONS_465);
        assertThat(login.commandCounters()).containsEntry("auth", "0/1");
        assertThat(sessions.stream().mapToLong(s -> s.count("SASL PLAIN authentication failed")).sum()).isEqualTo(1);
        // And Dovecot checked one password.
        List<String> dovecot = postfix.dovecotLog().await(dovecotMark, ls -> !ls.isEmpty(), Duration.ofSeconds(5),
                "Dovecot auth failure line");
        assertThat(dovecot).filteredOn(l -> l.contains("assword mismatch")).hasSize(1);
    }

    // ---- c. sender not owned -------------------------------------------------------------------------

    @Test
    void accountThatDoesNotOwnTheAddressIsReported() {
        Network net = Network.healthy();
        Run run = check(net, fields(PostfixServer.FOREIGN_ADDRESS).username(PostfixServer.USER)
                .server(PostfixServer.HOST).port("465").security("ssl"));
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation r = d.recommendation().orElseThrow();
        assertThat(r.choice()).as(run.summary()).isEmpty();
        assertThat(r.likelyCauseCode()).contains(FindingCode.SENDER_NOT_OWNED);
        assertThat(r.nextAction()).contains(Recommendation.NextAction.CHECK_SENDER);
        assertThat(finding(d, FindingCode.SENDER_NOT_OWNED).args())
                .containsEntry("address", PostfixServer.FOREIGN_ADDRESS)
                .containsEntry("username", PostfixServer.USER)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("553 5.7.1")
                        .contains("not owned by user " + PostfixServer.USER));
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.AUTH_FAILED);

        List<SmtpdSession> sessions = run.sessions(postfix);
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = sessions.stream().filter(s -> s.attempts("auth") > 0 && !cancelledInClear(s)).findFirst()
                .orElseThrow();
        assertThat(login.commandCounters()).containsEntry("auth", "1").containsEntry("mail", "0/1");
        assertThat(login.count("Sender address rejected: not owned by user " + PostfixServer.USER)).isEqualTo(1);
    }

    // ---- d. 465 closed -------------------------------------------------------------------------------

    @Test
    void closedPort465FallsBackToStartTlsOn587() {
        Network net = new Network(Map.of(587, Listener.SUBMISSION_587, 25, Listener.PLAIN_25));
        Run run = check(net, fields(PostfixServer.USER).server(PostfixServer.HOST).port("465").security("ssl"));
        Diagnosis d = run.diagnosis();

        assertThat(d.status()).as(run.summary()).isEqualTo(Diagnosis.Status.SECURE);
        Recommendation.Choice c = d.recommendation().orElseThrow().choice().orElseThrow();
        assertThat(c.server()).as(run.summary()).isEqualTo(PostfixServer.HOST);
        assertThat(c.port()).isEqualTo(587);
        assertThat(c.security()).isEqualTo(Security.TLS);
        assertThat(c.secure()).isTrue();
        assertThat(c.source()).isEqualTo(CandidateSource.TYPED);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(finding(d, FindingCode.CONNECT_REFUSED).args()).containsEntry("host", PostfixServer.HOST)
                .containsEntry("port", "465");
        assertThat(gmail(d, 465, Security.SSL).status()).isEqualTo(GmailVerdict.Status.FAILS);
        assertThat(gmail(d, 587, Security.TLS).status()).isEqualTo(GmailVerdict.Status.WORKS);

        List<SmtpdSession> sessions = run.sessions(postfix);
        assertThat(authAttempts(sessions)).as(describe(sessions)).isEqualTo(1);
        SmtpdSession login = sessions.stream().filter(s -> s.attempts("auth") > 0 && !cancelledInClear(s)).findFirst()
                .orElseThrow();
        assertThat(login.listener()).isEqualTo(Listener.SUBMISSION_587);
        assertThat(login.commandCounters()).containsEntry("starttls", "1").containsEntry("auth", "1");
    }

    // ---- the harness ---------------------------------------------------------------------------------

    /**
     * The scenario's Internet: {@link PostfixServer#HOST} and {@link PostfixServer#PROVIDER_HOST} (one machine,
     * 127.0.0.1) and which listener stands for each logical port; a port without a listener is closed.
     */
    private record Network(Map<Integer, Listener> listeners) {

        static Network healthy() {
            return new Network(Map.of(465, Listener.SUBMISSIONS_465, 587, Listener.SUBMISSION_587,
                    25, Listener.PLAIN_25));
        }

        Resolver resolver(PostfixServer postfix) {
            return (host, port) -> {
                String h = host.toLowerCase(Locale.ROOT);
                if (!h.equals(PostfixServer.HOST) && !h.equals(PostfixServer.PROVIDER_HOST)) {
                    throw new UnknownHostException(host + ": not in CheckPostfixIT's network");
                }
                Listener l = listeners.get(port);
                return List.of(l == null ? (InetSocketAddress) closedPort.getLocalSocketAddress()
                        : new InetSocketAddress(LOOPBACK, postfix.port(l)));
            };
        }

        /** How many connections the check's probes made to each listener: Postfix logs one session each. */
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

    private record Run(Network network, Diagnosis diagnosis, MailLog.Mark mark) {

        List<SmtpdSession> sessions(PostfixServer postfix) {
            return postfix.awaitSmtpdSessions(network.connections(diagnosis), mark);
        }

        /** The answer and every probe, one line each, for assertion messages and the IT output. */
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

    private Run check(Network net, RawFields.Builder fields) {
        return check(net, fields, java.util.Set.of());
    }

    /** With {@code --trust-certificate-name} for {@code confirmed}. */
    private Run check(Network net, RawFields.Builder fields, java.util.Set<String> confirmed) {
        MailLog.Mark mark = postfix.mark();
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(net.resolver(postfix)).trust(postfix.trust()).build();
        long t0 = System.nanoTime();
        Diagnosis d = doctor.diagnose(new CheckRequest(fields.build(), false, TIMEOUTS, List.of(), confirmed),
                ProbeListener.NONE);
        Run run = new Run(net, d, mark);
        System.out.printf("check-postfix-it | %d ms | %s%n", (System.nanoTime() - t0) / 1_000_000, run.summary());
        return run;
    }

    /** The dialog as the user fills it: the address, username = the fixture's user, the right password. */
    private RawFields.Builder fields(String address) {
        return RawFields.builder().address(address).username(PostfixServer.USER)
                .password(postfix.credentials().password());
    }

    private static Finding finding(Diagnosis d, FindingCode code) {
        Optional<Finding> f = d.findings().stream().filter(x -> x.code() == code).findFirst();
        assertThat(f).as("%s among %s", code, d.findings()).isPresent();
        return f.get();
    }

    private static GmailVerdict gmail(Diagnosis d, int port, Security security) {
        return d.assessment().orElseThrow().gmail().stream()
                .filter(v -> v.port() == port && v.security() == security).findFirst().orElseThrow();
    }

    /**
     * AUTH commands that began a login. Not the credential-free AUTH cancelled with "*" on the plain port, which
     * asks whether the server would take a password unencrypted (Postfix counts it as "auth=0/1" without an
     * "authentication failed" line); at most one of those per check.
     */
    private static int authAttempts(List<SmtpdSession> sessions) {
        long cancelled = sessions.stream().filter(CheckPostfixIT::cancelledInClear).count();
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
