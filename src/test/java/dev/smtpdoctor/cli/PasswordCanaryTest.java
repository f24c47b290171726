package dev.smtpdoctor.cli;

import static dev.smtpdoctor.cli.CliFixture.FROM;
import static dev.smtpdoctor.cli.CliFixture.GOOD;
import static dev.smtpdoctor.cli.CliFixture.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.AuthAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credential-safety test (PRODUCT.md §5, "Safe"): a canary password goes in through every password
 * source, every command that takes one, and every output form, while the fake server accepts it, refuses
 * it, echoes it back (decoded, base64, as the PLAIN blob), answers with garbage containing it, or hangs up
 * in the middle of AUTH — over TLS and, with consent, over plain text. The canary must appear nowhere in
 * what smtp-doctor prints: not verbatim, not as base64 of the password, not as base64 of the PLAIN blob.
 * Each case also proves the server did receive the password, so the test would notice if nothing were
 * ever sent (and so nothing could leak).
 *
 * <p><b>New commands join with one line in {@link #commands()}.</b>
 */
class PasswordCanaryTest {

    static final String CANARY = "Canary-Pa55w0rd-7f3c";
    /**
     * 15 characters, so the PLAIN blob's prefix (NUL, username, NUL) is 17 bytes and the password does not
     * start on a base64 boundary: base64 of the blob then does not contain base64 of the password, and
     * masking the one does not mask the other.
     */
    static final String USER = "me@example.test";
    static final String ENV_VAR = "SMTP_DOCTOR_TEST_PASSWORD";
    /** Text the echoing server puts next to each echo, so a test can see that the echo was printed (masked). */
    static final String ECHO_MARK = "ECHO-MARK";

    private final CliFixture f = new CliFixture();

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    // ---- the dimensions ------------------------------------------------------------------------------

    /**
     * What a command under test needs to aim at the fake server: the fixture (its port, and
     * {@link CliFixture#target()} for {@code --resolve}, {@code --ca-file} and {@code --timeout}), the
     * security mode of the {@link Transport}, and the username. The command line leaves out the password
     * source, the output options and {@code --allow-plaintext-auth}: the test appends those.
     */
    record Target(CliFixture fixture, String security, String username) {
    }

    /** A command that takes a password, as a command line against {@link Target}. */
    record Command(String name, Function<Target, List<String>> commandLine) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every command that takes a password. Add a command here, with one line, to put it under this test. */
    static Stream<Command> commands() {
        return Stream.of(
                new Command("probe", t -> t.fixture().probe(t.security(), "--username", t.username(), "--from", FROM)));
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
            this.environment = environment;
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
        TLS("ssl"),
        PLAINTEXT_WITH_CONSENT("none", "--allow-plaintext-auth");

        final String security;
        final List<String> args;

        Transport(String security, String... args) {
            this.security = security;
            this.args = List.of(args);
        }
    }

    /** What the server does with the credentials it receives. */
    enum Server {
        ACCEPTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, "235 2.7.0 Authentication successful");
                f.senderAccepted();
                f.quit();
            }
        },
        REJECTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, "535 5.7.8 Authentication credentials invalid");
                f.quit();
            }
        },
        /** Repeats what it decoded in its 535, and again in its reply to QUIT. */
        ECHOES_AND_REJECTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, a -> "535-5.7.8 " + echo(a).replace("\r\n", "\r\n535-5.7.8 ")
                        + "\r\n535 5.7.8 Authentication credentials invalid");
                f.server.expect("QUIT").output("221-2.0.0 " + ECHO_MARK + " bye " + CANARY,
                        "221 2.0.0 " + ECHO_MARK + " " + b64(CANARY));
            }
        },
        /** Accepts and repeats the credentials in every later reply. */
        ECHOES_AND_ACCEPTS(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, a -> "235-2.7.0 " + echo(a).replace("\r\n", "\r\n235-2.7.0 ")
                        + "\r\n235 2.7.0 Authentication successful");
                String later = ECHO_MARK + " " + CANARY + " " + b64(CANARY) + " " + plainBlob();
                f.server.expect("MAIL FROM:<" + FROM + ">").output("250 2.1.0 " + later)
                        .expect("RCPT TO:<" + FROM + ">").output("250 2.1.5 " + later)
                        .expect("RSET").output("250 2.0.0 " + later);
                f.server.expect("QUIT").output("221 2.0.0 " + later);
            }
        },
        /** Answers AUTH with a line that is not an SMTP reply and contains the password. */
        ECHOES_GARBAGE(false) {
            @Override
            void script(CliFixture f, String mechanism) {
                f.server.expectAuth(mechanism, a -> ECHO_MARK + " what is " + a.password().orElseThrow() + "?");
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
        };

        /** The server never replies to the credentials, so no {@link AuthAttempt} is recorded. */
        final boolean hangsUp;

        Server(boolean hangsUp) {
            this.hangsUp = hangsUp;
        }

        abstract void script(CliFixture f, String mechanism);

        boolean echoes() {
            return name().startsWith("ECHOES");
        }

        int exitCode(Transport t) {
            if (this == ACCEPTS || this == ECHOES_AND_ACCEPTS) {
                return t == Transport.TLS ? 0 : 1;
            }
            return 2;
        }

        /** The credentials as the server decoded them, in every form, one per line. */
        private static String echo(AuthAttempt a) {
            String password = a.password().orElseThrow();
            return ECHO_MARK + " bad password " + password + " for " + a.username()
                    + "\r\n" + ECHO_MARK + " you sent " + b64(password) + " and " + b64("\0" + a.username() + "\0" + password)
                    + "\r\n" + ECHO_MARK + " raw: \0" + a.username() + "\0" + password;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        commands().forEach(command -> {
            for (Transport transport : Transport.values()) {
                for (Server server : Server.values()) {
                    for (String mechanism : List.of("PLAIN", "LOGIN")) {
                        for (Source source : Source.values()) {
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
        if (transport == Transport.TLS) {
            f.server.implicitTls(GOOD);
        }
        f.greeting();
        f.ehlo("AUTH " + mechanism);
        server.script(f, mechanism);
        List<String> args = new ArrayList<>(command.commandLine().apply(new Target(f, transport.security, USER)));
        args.addAll(transport.args);
        args.addAll(source.args);
        args.addAll(output.args);

        Cli.Run run = Cli.runWith(source.environment, source.stdin, args);

        assertNoCanary(run);
        assertThat(run.exitCode()).as(run.all()).isEqualTo(server.exitCode(transport));
        // The test can fail: the password did reach the server, so it was there to leak.
        f.verify();
        assertThat(f.server.receivedLines()).as("credential lines the server received")
                .anyMatch(l -> l.contains(b64(CANARY)) || l.contains(plainBlob()));
        if (!server.hangsUp) {
            assertThat(f.server.authAttempts()).singleElement()
                    .satisfies(a -> assertThat(a.password()).contains(CANARY));
        }
        if (server.echoes() && output.showsReplies) {
            assertThat(run.out()).as("the echoing replies were printed, masked").contains(ECHO_MARK);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("passwordArguments")
    void passwordOnTheCommandLineIsRefusedAndNeverPrinted(Command command, List<String> passwordArgs,
                                                          boolean beforeCommand, String lang) throws Exception {
        List<String> commandLine = command.commandLine().apply(new Target(f, "ssl", USER));
        List<String> args = new ArrayList<>();
        if (beforeCommand) {
            args.addAll(passwordArgs);
            args.addAll(commandLine);
        } else {
            args.addAll(commandLine);
            args.addAll(passwordArgs);
        }
        args.addAll(List.of("--lang", lang));

        Cli.Run run = Cli.runWith(Map.of(), CANARY + "\n", args);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(64);
        assertNoCanary(run);
        if (!beforeCommand) {
            assertThat(run.err()).contains(lang.equals("ja") ? "コマンドラインでは受け付けません"
                    : "not accepted on the command line");
        }
        assertThat(run.out()).isEmpty();
        f.assertNoConnection();
    }

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

    // ---- helpers -------------------------------------------------------------------------------------

    static String plainBlob() {
        return b64("\0" + USER + "\0" + CANARY);
    }

    /** Neither the password nor its base64, nor the base64 PLAIN blob, with or without padding. */
    static void assertNoCanary(Cli.Run run) {
        for (String where : List.of(run.out(), run.err())) {
            assertThat(where).doesNotContainIgnoringCase(CANARY);
            for (String encoded : List.of(b64(CANARY), plainBlob())) {
                assertThat(where).doesNotContain(encoded).doesNotContain(encoded.replace("=", ""));
            }
        }
    }
}
