package dev.smtpdoctor.cli;

import static dev.smtpdoctor.cli.CliFixture.FROM;
import static dev.smtpdoctor.cli.CliFixture.GOOD;
import static dev.smtpdoctor.cli.CliFixture.HOST;
import static dev.smtpdoctor.cli.CliFixture.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.demo.DemoScenario;
import dev.smtpdoctor.demo.RunningDemo;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer;
import dev.smtpdoctor.testing.AuthAttempt;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credential-safety test (docs/security.md; issue 5, item 4): a canary password goes in through
 * every password source, every command that takes one, and every output form, while the server accepts
 * it, refuses it, echoes it back (decoded, base64, as the PLAIN blob), answers with garbage containing it,
 * or hangs up in the middle of AUTH — over TLS and, with consent, over plain text. The canary must appear
 * nowhere: not in what smtp-doctor prints (stdout, stderr), not on the process's own {@link System#out} or
 * {@link System#err} (where a stray log line or stack trace would go), not in any {@code java.util.logging}
 * record; not verbatim, not as base64 of the password, not as base64 of the PLAIN blob. Every run has
 * {@code SMTP_DOCTOR_DEBUG} set, so an exception escaping to the user would print its message and trace.
 * Each case also proves the server did receive the password, exactly once, so the test would notice if
 * nothing were ever sent (and so nothing could leak).
 *
 * <p><b>New commands join with one line in {@link #commands()}</b>, saying which {@link Network} they
 * need. {@code demo} takes no password (its own is public) and has its own test here,
 * {@link #demoPasswordIsNeverPrinted}: it is still a password in the product's eyes.
 */
class PasswordCanaryTest {

    static final String CANARY = "Canary-Pa55w0rd-7f3c";
    /**
     * 15 characters, so the PLAIN blob's prefix (NUL, username, NUL) is 17 bytes and the password does not
     * start on a base64 boundary: base64 of the blob then does not contain base64 of the password, and
     * masking the one does not mask the other. Also the address a check is for (its domain is
     * {@code example.test}, whose guessed names do not exist).
     */
    static final String USER = "me@example.test";
    static final String ENV_VAR = "SMTP_DOCTOR_TEST_PASSWORD";
    /** Text the echoing server puts next to each echo, so a test can see that the echo was printed (masked). */
    static final String ECHO_MARK = "ECHO-MARK";
    /** What {@code explain} is asked about: Gmail's frame around a server's 535. */
    static final String GMAIL_535 = "Authentication failed. Please check your username/password. "
            + "Server returned error: \"535 5.7.8 Authentication credentials invalid\"";
    /** Set in every run: an exception reaching the user would then show its message and stack trace. */
    static final Map<String, String> DEBUG = Map.of("SMTP_DOCTOR_DEBUG", "1");

    private final CliFixture f = new CliFixture();

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    // ---- the dimensions ------------------------------------------------------------------------------

    /**
     * What a command line needs to aim at the test's server(s): the host, port and security mode to type,
     * the username, and {@code options} — what the {@link Network} needs on the command line
     * ({@code --resolve}, {@code --ca-file}, {@code --timeout}). The line leaves out the password source,
     * the output options and {@code --allow-plaintext-auth}: the test appends those.
     */
    record Target(String host, String port, String security, String username, List<String> options) {
        /** {@code words}, then {@link #options()}. */
        List<String> line(String... words) {
            List<String> all = new ArrayList<>(List.of(words));
            all.addAll(options);
            return all;
        }
    }

    /** How a command reaches the test's servers. */
    enum Network {
        /**
         * One scripted {@link dev.smtpdoctor.testing.FakeSmtpServer} at its real port, pinned with
         * {@code --resolve}: for commands that open one connection to the port given ({@code probe}).
         */
        PINNED,
        /**
         * One machine of {@link ConcurrentSmtpServer}s — 465 implicit TLS, 587 and 25 STARTTLS (or, for
         * plain text, one server without TLS on all three) — behind a test {@link Resolver} that answers
         * {@value CliFixture#HOST} and the guess {@value #SAME_MACHINE_GUESS} on those logical ports and
         * nothing else (no DNS, no HTTPS discovery; see {@link OneMachine}): for commands that run a whole
         * check matrix, concurrently.
         */
        MATRIX
    }

    /** A command that takes a password: how it reaches the servers, and its command line against a {@link Target}. */
    record Command(String name, Network network, Function<Target, List<String>> commandLine) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every command that takes a password. Add a command here, with one line, to put it under this test. */
    static Stream<Command> commands() {
        return Stream.of(
                new Command("probe", Network.PINNED, t -> t.line("probe", "--server", t.host(), "--port", t.port(),
                        "--security", t.security(), "--username", t.username(), "--from", FROM)),
                new Command("check", Network.MATRIX, t -> t.line("check", USER, "--server", t.host(), "--port",
                        t.port(), "--security", t.security(), "--username", t.username())),
                new Command("explain --address", Network.MATRIX, t -> t.line("explain", GMAIL_535, "--address", USER,
                        "--server", t.host(), "--port", t.port(), "--security", t.security(), "--username",
                        t.username())));
    }

    /** Where the password comes from. */
    enum Source {
        STDIN(List.of("--password-stdin"), CANARY + "\n", Map.of()),
        ENV(List.of("--password-env", ENV_VAR), "", Map.of(ENV_VAR, CANARY));

        final List<String> args;
        final String stdin;
        final Map<String, String> environment;

        Source(List<String> args, String stdin, Map<String, String> environment) {
            this.args = args;
            this.stdin = stdin;
            Map<String, String> env = new HashMap<>(environment);
            env.putAll(DEBUG);
            this.environment = Map.copyOf(env);
        }
    }

    /** What is printed. */
    enum Output {
        TEXT_JA(false, "--lang", "ja"),
        VERBOSE(true, "--verbose", "--lang", "en"),
        JSON(true, "--json");

        /** Server replies (and so any echo) are printed in full. */
        final boolean showsReplies;
        final List<String> args;

        Output(boolean showsReplies, String... args) {
            this.showsReplies = showsReplies;
            this.args = List.of(args);
        }
    }

    /** How the password travels. */
    enum Transport {
        TLS("465", "ssl"),
        PLAINTEXT_WITH_CONSENT("587", "none", "--allow-plaintext-auth");

        /** What a {@link Network#MATRIX} command types (a {@link Network#PINNED} one types the server's real port). */
        final String port;
        final String security;
        final List<String> args;

        Transport(String port, String security, String... args) {
            this.port = port;
            this.security = security;
            this.args = List.of(args);
        }
    }

    /**
     * What the server does with the credentials it receives: as a script for the one connection of
     * {@link Network#PINNED}, and as {@link ConcurrentSmtpServer.Answers} for the machine of
     * {@link Network#MATRIX}. An echoing machine repeats the password on <em>every</em> connection, also
     * those that never logged in (see {@link Echoing}).
     */
    enum Server {
        ACCEPTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, "235 2.7.0 Authentication successful");
                f.senderAccepted();
                f.quit();
            }

            @Override
            ConcurrentSmtpServer.Answers answers() {
                return ConcurrentSmtpServer.Answers.always("235 2.7.0 Authentication successful");
            }
        },
        REJECTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, "535 5.7.8 Authentication credentials invalid");
                f.quit();
            }

            @Override
            ConcurrentSmtpServer.Answers answers() {
                return ConcurrentSmtpServer.Answers.always("535 5.7.8 Authentication credentials invalid");
            }
        },
        /** Repeats what it decoded in its 535, and again in its reply to QUIT. */
        ECHOES_AND_REJECTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, a -> rejection(a.username(), a.password().orElseThrow()));
                f.server.expect("QUIT").output("221-2.0.0 " + ECHO_MARK + " bye " + CANARY,
                        "221 2.0.0 " + ECHO_MARK + " " + b64(CANARY));
            }

            @Override
            ConcurrentSmtpServer.Answers answers() {
                return new Echoing((username, password) -> rejection(username, password)) {
                    @Override
                    String later(String verb, String usual, String password) {
                        return verb.equals("QUIT") ? "221-2.0.0 " + ECHO_MARK + " bye " + password + "\r\n221 2.0.0 "
                                + ECHO_MARK + " " + b64(password) : usual;
                    }
                };
            }

            private static String rejection(String username, String password) {
                return "535-5.7.8 " + echo(username, password).replace("\r\n", "\r\n535-5.7.8 ")
                        + "\r\n535 5.7.8 Authentication credentials invalid";
            }
        },
        /** Accepts and repeats the credentials in every later reply. */
        ECHOES_AND_ACCEPTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, a -> acceptance(a.username(), a.password().orElseThrow()));
                String later = later(CANARY);
                f.server.expect("MAIL FROM:<" + FROM + ">").output("250 2.1.0 " + later)
                        .expect("RCPT TO:<" + FROM + ">").output("250 2.1.5 " + later)
                        .expect("RSET").output("250 2.0.0 " + later);
                f.server.expect("QUIT").output("221 2.0.0 " + later);
            }

            @Override
            ConcurrentSmtpServer.Answers answers() {
                return new Echoing((username, password) -> acceptance(username, password)) {
                    @Override
                    String later(String verb, String usual, String password) {
                        return usual.substring(0, 10) + Server.later(password);
                    }
                };
            }

            private static String acceptance(String username, String password) {
                return "235-2.7.0 " + echo(username, password).replace("\r\n", "\r\n235-2.7.0 ")
                        + "\r\n235 2.7.0 Authentication successful";
            }
        },
        /** Answers AUTH with a line that is not an SMTP reply and contains the password. */
        ECHOES_GARBAGE(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, a -> garbage(a.password().orElseThrow()));
            }

            @Override
            ConcurrentSmtpServer.Answers answers() {
                return new Echoing((username, password) -> garbage(password)) {
                    @Override
                    String later(String verb, String usual, String password) {
                        return garbage(password);
                    }
                };
            }

            private static String garbage(String password) {
                return ECHO_MARK + " what is " + password + "?";
            }
        },
        /** Reads the credentials and hangs up without a word. */
        CLOSES_MID_AUTH(true) {
            @Override
            void script(CliFixture f, String mechanism) {
                if (mechanism.equals("PLAIN")) {
                    f.server.expect("AUTH PLAIN *").closeConnection();
                } else {
                    f.server.expect("AUTH LOGIN").output("334 " + b64("Username:"))
                            .expect("*").output("334 " + b64("Password:"))
                            .expect("*").closeConnection();
                }
            }

            @Override
            ConcurrentSmtpServer.Answers answers() {
                return (mechanism, username, password) -> null;
            }
        };

        /** The server never replies to the credentials, so the scripted server records no {@link AuthAttempt}. */
        final boolean hangsUp;

        Server(boolean hangsUp) {
            this.hangsUp = hangsUp;
        }

        abstract void script(CliFixture f, String mechanism);

        /** The machine's answers. */
        abstract ConcurrentSmtpServer.Answers answers();

        boolean echoes() {
            return name().startsWith("ECHOES");
        }

        int exitCode(Transport t, Network n) {
            if (this == ACCEPTS || this == ECHOES_AND_ACCEPTS) {
                return t == Transport.TLS ? 0 : 1;
            }
            if (n == Network.MATRIX && t == Transport.PLAINTEXT_WITH_CONSENT && !refusesLogin()) {
                // A login that ended without a verdict does not rule the machine out: the guessed name's
                // unsecured port 25 (login untested, password not sent) is offered as the only way.
                return 1;
            }
            return 2;
        }

        /** The server answers the credentials with a real refusal (not a hang-up or garbage). */
        boolean refusesLogin() {
            return this == REJECTS || this == ECHOES_AND_REJECTS;
        }

        /** The credentials as the server decoded them, in every form, one per line. */
        private static String echo(String username, String password) {
            return ECHO_MARK + " bad password " + password + " for " + username
                    + "\r\n" + ECHO_MARK + " you sent " + b64(password) + " and " + b64("\0" + username + "\0" + password)
                    + "\r\n" + ECHO_MARK + " raw: \0" + username + "\0" + password;
        }

        private static String later(String password) {
            return ECHO_MARK + " " + password + " " + b64(password) + " " + b64("\0" + USER + "\0" + password);
        }
    }

    /**
     * A machine that repeats the password: in its reply to the credentials, and in {@link #later} for every
     * command on <em>any</em> of its connections, also those that never sent it. It is the account's own
     * server and knows the password; a server the password was given to may show it anywhere.
     */
    private abstract static class Echoing implements ConcurrentSmtpServer.Answers {
        private final java.util.function.BinaryOperator<String> auth;

        Echoing(java.util.function.BinaryOperator<String> auth) {
            this.auth = auth;
        }

        @Override
        public String auth(String mechanism, String username, String password) {
            return auth.apply(username, password);
        }

        @Override
        public String reply(String verb, String usual) {
            return later(verb, usual, CANARY);
        }

        abstract String later(String verb, String usual, String password);
    }

    /**
     * Every command × transport × server × output, each with every AUTH mechanism and password source: all
     * four pairs of them for a {@link Network#PINNED} command; for a {@link Network#MATRIX} one, whose run
     * is a whole check (several times a single probe), PLAIN with standard input and LOGIN with the
     * environment, so each mechanism and each source is still under every other dimension.
     */
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        commands().forEach(command -> {
            for (Transport transport : Transport.values()) {
                for (Server server : Server.values()) {
                    for (String mechanism : List.of("PLAIN", "LOGIN")) {
                        for (Source source : Source.values()) {
                            if (command.network() == Network.MATRIX
                                    && mechanism.equals("PLAIN") != (source == Source.STDIN)) {
                                continue;
                            }
                            for (Output output : Output.values()) {
                                all.add(Arguments.of(command, transport, server, mechanism, source, output));
                            }
                        }
                    }
                }
            }
        });
        return all.stream();
    }

    // ---- the test ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} {5}")
    @MethodSource("cases")
    void canaryIsNeverPrinted(Command command, Transport transport, Server server, String mechanism, Source source,
                              Output output) throws Exception {
        Cli.Captured run;
        if (command.network() == Network.PINNED) {
            run = runPinned(command, transport, server, mechanism, source, output);
        } else {
            run = runMatrix(command, transport, server, mechanism, source, output);
        }

        assertNoCanary(run);
        assertThat(run.run().exitCode()).as(run.everything()).isEqualTo(server.exitCode(transport, command.network()));
        if (server.echoes() && output.showsReplies) {
            assertThat(run.run().out()).as("the echoing replies were printed, masked").contains(ECHO_MARK);
        }
    }

    private Cli.Captured runPinned(Command command, Transport transport, Server server, String mechanism,
                                   Source source, Output output) throws Exception {
        if (transport == Transport.TLS) {
            f.server.implicitTls(GOOD);
        }
        f.greeting();
        f.ehlo("AUTH " + mechanism);
        server.script(f, mechanism);
        Target target = new Target(HOST, String.valueOf(f.port()), transport.security, USER, f.target());

        Cli.Captured run = Cli.runCaptured(Cli.Hooks.NONE, source.environment, source.stdin,
                args(command, target, transport, source, output));

        // The test can fail: the password did reach the server, once, so it was there to leak.
        f.verify();
        assertThat(f.authCommands()).as("AUTH commands the server received").hasSize(1);
        assertThat(f.server.receivedLines()).as("credential lines the server received")
                .filteredOn(l -> l.contains(b64(CANARY)) || l.contains(plainBlob())).hasSize(1);
        if (!server.hangsUp) {
            assertThat(f.server.authAttempts()).singleElement()
                    .satisfies(a -> assertThat(a.password()).contains(CANARY));
        }
        return run;
    }

    private static Cli.Captured runMatrix(Command command, Transport transport, Server server, String mechanism,
                                          Source source, Output output) throws Exception {
        ConcurrentSmtpServer.Answers answers = server.answers();
        List<ConcurrentSmtpServer> machine = new ArrayList<>();
        try {
            Map<Integer, ConcurrentSmtpServer> ports = new HashMap<>();
            if (transport == Transport.TLS) {
                ports.put(465, add(machine, ConcurrentSmtpServer.Behaviour.IMPLICIT_TLS, mechanism, answers));
                ports.put(587, add(machine, ConcurrentSmtpServer.Behaviour.STARTTLS, mechanism, answers));
                ports.put(25, add(machine, ConcurrentSmtpServer.Behaviour.STARTTLS, mechanism, answers));
            } else {
                ConcurrentSmtpServer plain = add(machine, ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH, mechanism,
                        answers);
                List.of(465, 587, 25).forEach(p -> ports.put(p, plain));
            }
            OneMachine resolver = new OneMachine(ports);
            Target target = new Target(HOST, transport.port, transport.security, USER,
                    List.of("--ca-file", CliFixture.CA_FILE.toString(), "--timeout", CliFixture.TIMEOUT));

            Cli.Captured run = Cli.runCaptured(new Cli.Hooks(resolver, null), source.environment, source.stdin,
                    args(command, target, transport, source, output));

            // The test can fail: the password reached the machine, once in the whole matrix, so it was there to leak.
            List<ConcurrentSmtpServer.AuthLine> auth = new ArrayList<>();
            List<ConcurrentSmtpServer.Received> received = new ArrayList<>();
            for (ConcurrentSmtpServer s : machine) {
                auth.addAll(s.authLines());
                received.addAll(s.credentials());
            }
            assertThat(auth).as("AUTH commands received by every port of the machine; " + run.everything())
                    .singleElement()
                    .satisfies(a -> assertThat(a.overTls()).isEqualTo(transport == Transport.TLS));
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.mechanism()).isEqualTo(mechanism);
                assertThat(r.username()).isEqualTo(USER);
                assertThat(r.password()).isEqualTo(CANARY);
            });
            assertThat(resolver.asked()).as("names the check looked up")
                    .contains(HOST + ":465", HOST + ":587", HOST + ":25", SAME_MACHINE_GUESS + ":465");
            return run;
        } finally {
            for (ConcurrentSmtpServer s : machine) {
                s.close();
            }
        }
    }

    private static ConcurrentSmtpServer add(List<ConcurrentSmtpServer> machine, ConcurrentSmtpServer.Behaviour b,
                                            String mechanism, ConcurrentSmtpServer.Answers answers) {
        ConcurrentSmtpServer s = new ConcurrentSmtpServer(b, GOOD, mechanism, answers);
        machine.add(s);
        return s;
    }

    private static List<String> args(Command command, Target target, Transport transport, Source source,
                                     Output output) {
        List<String> args = new ArrayList<>(command.commandLine().apply(target));
        args.addAll(transport.args);
        args.addAll(source.args);
        args.addAll(output.args);
        return args;
    }

    /**
     * {@value CliFixture#HOST} and the guess {@value #SAME_MACHINE_GUESS} on the Gmail ports are the
     * machine's servers (shared hosting often answers both names on one box: the guess must not get the
     * password, and the machine may still echo it there); every other name (the guess {@code example.test})
     * and port does not exist. Remembers what was asked.
     */
    static final String SAME_MACHINE_GUESS = "smtp.example.test";

    private static final class OneMachine implements Resolver {
        private final Map<Integer, ConcurrentSmtpServer> ports;
        private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        OneMachine(Map<Integer, ConcurrentSmtpServer> ports) {
            this.ports = Map.copyOf(ports);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            asked.add(host + ":" + port);
            ConcurrentSmtpServer s = host.equals(HOST) || host.equals(SAME_MACHINE_GUESS) ? ports.get(port) : null;
            if (s == null) {
                throw new UnknownHostException(host + " (the canary test never uses DNS)");
            }
            return List.of(new InetSocketAddress(s.address(), s.port()));
        }

        List<String> asked() {
            return List.copyOf(asked);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("passwordArguments")
    void passwordOnTheCommandLineIsRefusedAndNeverPrinted(Command command, List<String> passwordArgs,
                                                          boolean beforeCommand, String lang) throws Exception {
        List<String> commandLine = command.commandLine().apply(new Target(HOST, String.valueOf(f.port()), "ssl", USER,
                f.target()));
        List<String> args = new ArrayList<>();
        if (beforeCommand) {
            args.addAll(passwordArgs);
            args.addAll(commandLine);
        } else {
            args.addAll(commandLine);
            args.addAll(passwordArgs);
        }
        args.addAll(List.of("--lang", lang));

        Cli.Captured run = Cli.runCaptured(new Cli.Hooks(NO_NAMES, null), DEBUG, CANARY + "\n", args);

        assertThat(run.run().exitCode()).as(run.everything()).isEqualTo(64);
        assertNoCanary(run);
        if (!beforeCommand) {
            assertThat(run.run().err()).contains(lang.equals("ja") ? "コマンドラインでは受け付けません"
                    : "not accepted on the command line");
        }
        assertThat(run.run().out()).isEmpty();
        f.assertNoConnection();
    }

    /** For runs that must stop before the network: fails the test if asked. */
    private static final Resolver NO_NAMES = (host, port) -> {
        throw new AssertionError("nothing may be looked up, but " + host + ":" + port + " was");
    };

    static Stream<Arguments> passwordArguments() {
        List<Arguments> all = new ArrayList<>();
        commands().forEach(command -> {
            for (String lang : List.of("en", "ja")) {
                all.add(Arguments.of(command, List.of("--password", CANARY), false, lang));
                all.add(Arguments.of(command, List.of("--password=" + CANARY), false, lang));
                all.add(Arguments.of(command, List.of("-p", CANARY), false, lang));
                all.add(Arguments.of(command, List.of("-p" + CANARY), false, lang));
                all.add(Arguments.of(command, List.of("--password", CANARY), true, lang));
                all.add(Arguments.of(command, List.of("--password=" + CANARY), true, lang));
            }
        });
        return all.stream();
    }

    // ---- demo: its password is public, and still never printed ---------------------------------------

    /** The scenarios whose check sends the password (the others withhold it: bad certificate, no TLS). */
    private static final Set<DemoScenario> LOGS_IN = EnumSet.of(DemoScenario.SHARED_HOSTING,
            DemoScenario.WRONG_PASSWORD, DemoScenario.SENDER_NOT_OWNED, DemoScenario.GREETING_DELAY);

    /** The passwords of each scenario (the mailboxes', and the one typed), read from a started demo once. */
    private static final Map<DemoScenario, List<String>> DEMO_SECRETS = new ConcurrentHashMap<>();

    static Stream<Arguments> demoCases() {
        List<Arguments> all = new ArrayList<>();
        for (DemoScenario scenario : DemoScenario.values()) {
            for (Output output : Output.values()) {
                all.add(Arguments.of(scenario, output));
            }
        }
        return all.stream();
    }

    /**
     * Every scenario in every output form: neither the mailboxes' password nor the one typed (they differ
     * in wrong-password), in any encoding, anywhere. The greeting-delay scenario pauses 200 ms instead of
     * 6 s (what it finds is not the point here, what it prints is).
     */
    @ParameterizedTest(name = "demo {0} {1}")
    @MethodSource("demoCases")
    void demoPasswordIsNeverPrinted(DemoScenario scenario, Output output) {
        List<String> secrets = DEMO_SECRETS.computeIfAbsent(scenario, s -> {
            try (RunningDemo demo = s.start(DemoOptions.withGreetingDelay(Duration.ZERO))) {
                List<String> forms = new ArrayList<>();
                for (String password : List.of(demo.demoPassword(), demo.passwordToUse())) {
                    forms.addAll(List.of(password, b64(password),
                            b64("\0" + demo.typed().username() + "\0" + password)));
                }
                return List.copyOf(forms);
            }
        });
        List<String> args = new ArrayList<>(List.of("demo", "--scenario", scenario.id()));
        args.addAll(output.args);

        Cli.Captured run = Cli.runCaptured(new Cli.Hooks(null, DemoOptions.withGreetingDelay(Duration.ofMillis(200))),
                DEBUG, "", args);

        assertThat(run.run().exitCode()).as(run.everything()).isIn(0, 1, 2);
        assertNothingElseWritten(run);
        if (LOGS_IN.contains(scenario) && output == Output.VERBOSE) {
            // The test can fail: the password went out in this run, so it was there to leak.
            assertThat(run.run().out()).as("the login in the transcript").contains("C: AUTH PLAIN [redacted]");
        }
        for (String form : secrets) {
            assertThat(run.everything()).as("the demo password (%s)", form).doesNotContainIgnoringCase(form)
                    .doesNotContain(form.replace("=", ""));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static String plainBlob() {
        return b64("\0" + USER + "\0" + CANARY);
    }

    /**
     * Neither the password nor its base64, nor the base64 PLAIN blob, with or without padding, anywhere:
     * stdout, stderr, the process's streams, logging. And nothing on the process's streams or in the log
     * at all.
     */
    static void assertNoCanary(Cli.Captured run) {
        assertNothingElseWritten(run);
        String everything = run.everything();
        assertThat(everything).doesNotContainIgnoringCase(CANARY);
        for (String encoded : List.of(b64(CANARY), plainBlob())) {
            assertThat(everything).doesNotContain(encoded).doesNotContain(encoded.replace("=", ""));
        }
    }

    /** Everything smtp-doctor says goes through its Terminal: nothing on System.out/err, nothing logged. */
    static void assertNothingElseWritten(Cli.Captured run) {
        assertThat(run.systemOut()).as("written to System.out").isEmpty();
        assertThat(run.systemErr()).as("written to System.err").isEmpty();
        assertThat(run.logged()).as("java.util.logging records").isEmpty();
        assertThat(run.run().err()).as("stderr").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
