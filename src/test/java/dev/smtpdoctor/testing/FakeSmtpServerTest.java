package dev.smtpdoctor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fixture must be able to fail: mismatches, missing and extra connections, and clean shutdown. */
class FakeSmtpServerTest {

    private final FakeSmtpServer server = new FakeSmtpServer();

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /** A minimal line client. */
    private final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client() throws Exception {
            socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.port());
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String read() throws Exception {
            return in.readLine();
        }

        Client send(String line) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void playsTheScriptAndRecordsWhatArrived() throws Exception {
        server.output("220 hello").expect("EHLO *").output("250-fake", "250 STARTTLS")
                .expect(Pattern.compile("QUIT|BYE")).output("221 bye");

        try (Client c = new Client()) {
            assertThat(c.read()).isEqualTo("220 hello");
            c.send("EHLO [127.0.0.1]");
            assertThat(c.read()).isEqualTo("250-fake");
            assertThat(c.read()).isEqualTo("250 STARTTLS");
            c.send("QUIT");
            assertThat(c.read()).isEqualTo("221 bye");
            c.send("after the script");
        }

        server.verifyInteractionCompleted();
        assertThat(server.receivedLines()).containsExactly("EHLO [127.0.0.1]", "QUIT", "after the script");
    }

    @Test
    void globStarMatchesAnythingAndTheRestIsLiteral() throws Exception {
        server.expect("MAIL FROM:<*@example.test>").expect("A.C").expect("*");

        try (Client c = new Client()) {
            c.send("MAIL FROM:<you@example.test>").send("A.C").send("");
        }

        server.verifyInteractionCompleted();
    }

    @Test
    void mismatchFailsVerification() throws Exception {
        server.output("220 hello").expect("EHLO *").output("250 ok");

        try (Client c = new Client()) {
            c.read();
            c.send("HELO client");
            assertThat(c.read()).as("the connection ends at a mismatch").isNull();
        }

        assertThatThrownBy(server::verifyInteractionCompleted).isInstanceOf(AssertionError.class)
                .hasMessageContaining("connection 1: expect EHLO *: got 'HELO client'");
    }

    @Test
    void regexMustMatchTheWholeLine() throws Exception {
        server.expect(Pattern.compile("QUIT"));

        try (Client c = new Client()) {
            c.send("QUIT now");
        }

        assertThatThrownBy(server::verifyInteractionCompleted).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expect /QUIT/: got 'QUIT now'");
    }

    @Test
    void clientLeavingEarlyFailsVerification() throws Exception {
        server.output("220 hello").expect("QUIT");

        try (Client c = new Client()) {
            c.read();
        }

        assertThatThrownBy(server::verifyInteractionCompleted).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expect QUIT: the client closed the connection");
    }

    @Test
    void unscriptedConnectionFailsVerification() throws Exception {
        server.output("220 one");

        try (Client first = new Client(); Client second = new Client()) {
            assertThat(first.read()).isEqualTo("220 one");
            first.close();
            assertThat(second.read()).isNull();
        }

        assertThatThrownBy(server::verifyInteractionCompleted).isInstanceOf(AssertionError.class)
                .hasMessageContaining("connection 2: unexpected connection");
    }

    @Test
    void scriptsRunPerConnectionInOrder() throws Exception {
        server.output("220 first");
        server.nextConnection().output("220 second");

        try (Client a = new Client()) {
            assertThat(a.read()).isEqualTo("220 first");
        }
        try (Client b = new Client()) {
            assertThat(b.read()).isEqualTo("220 second");
        }

        server.verifyInteractionCompleted();
    }

    @Test
    void connectionThatNeverCameFailsVerification() throws Exception {
        server.output("220 first");
        server.nextConnection().output("220 second");

        try (Client a = new Client()) {
            a.read();
        }

        assertThatThrownBy(() -> server.verifyInteractionCompleted(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("connection 2: never arrived");
    }

    @Test
    void closeConnectionSkipsNothingSilently() throws Exception {
        server.closeConnection().output("220 never sent");

        try (Client c = new Client()) {
            assertThat(c.read()).isNull();
        }

        assertThatThrownBy(() -> server.verifyInteractionCompleted(Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("stopped before action 2 (output 220 never sent)");
    }

    @Test
    void authPlainWithoutInitialResponse() throws Exception {
        server.expectAuth("PLAIN", a -> "235 welcome " + a.username());

        try (Client c = new Client()) {
            c.send("AUTH PLAIN");
            assertThat(c.read()).isEqualTo("334 ");
            c.send(b64("admin\0you@example.test\0pw"));
            assertThat(c.read()).isEqualTo("235 welcome you@example.test");
        }

        assertThat(server.authAttempts()).containsExactly(new AuthAttempt("PLAIN", "admin", "you@example.test",
                Optional.of("pw"), Optional.empty(), Optional.empty()));
        server.verifyInteractionCompleted();
    }

    @Test
    void authLoginAsksForUsernameThenPassword() throws Exception {
        server.expectAuth("LOGIN", "235 ok");

        try (Client c = new Client()) {
            c.send("AUTH LOGIN");
            assertThat(c.read()).isEqualTo("334 " + b64("Username:"));
            c.send(b64("you@example.test"));
            assertThat(c.read()).isEqualTo("334 " + b64("Password:"));
            c.send(b64("pw"));
            assertThat(c.read()).isEqualTo("235 ok");
        }

        assertThat(server.authAttempts()).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo("you@example.test");
            assertThat(a.proves("pw")).isTrue();
        });
    }

    @Test
    void authLoginWithInitialUsername() throws Exception {
        server.expectAuth("LOGIN", "235 ok");

        try (Client c = new Client()) {
            c.send("AUTH LOGIN " + b64("you@example.test"));
            assertThat(c.read()).isEqualTo("334 " + b64("Password:"));
            c.send(b64("pw"));
            assertThat(c.read()).isEqualTo("235 ok");
        }

        assertThat(server.authAttempts()).singleElement().satisfies(a -> assertThat(a.username())
                .isEqualTo("you@example.test"));
    }

    @Test
    void authCramMd5IsCheckedByDigest() throws Exception {
        server.expectAuth("CRAM-MD5", "235 ok");

        try (Client c = new Client()) {
            c.send("AUTH CRAM-MD5");
            String line = c.read();
            assertThat(line).startsWith("334 ");
            String challenge = new String(Base64.getDecoder().decode(line.substring(4)), StandardCharsets.US_ASCII);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
            mac.init(new javax.crypto.spec.SecretKeySpec("pw".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            String digest = java.util.HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
            c.send(b64("you@example.test " + digest));
            assertThat(c.read()).isEqualTo("235 ok");
        }

        AuthAttempt a = server.authAttempts().get(0);
        assertThat(a.password()).isEmpty();
        assertThat(a.proves("pw")).isTrue();
        assertThat(a.proves("wrong")).isFalse();
    }

    @Test
    void authWithTheWrongMechanismIsAMismatch() throws Exception {
        server.expectAuth("PLAIN", "235 ok");

        try (Client c = new Client()) {
            c.send("AUTH LOGIN");
            assertThat(c.read()).isNull();
        }

        assertThatThrownBy(server::verifyInteractionCompleted).isInstanceOf(AssertionError.class)
                .hasMessageContaining("AUTH PLAIN: got 'AUTH LOGIN'");
        assertThat(server.authAttempts()).isEmpty();
    }

    @Test
    void dripAndPauseDeliverEverything() throws Exception {
        server.drip("220 slow\r\n", Duration.ofMillis(2)).pause(Duration.ofMillis(20))
                .sendRaw("250 raw\n".getBytes(StandardCharsets.US_ASCII));

        try (Client c = new Client()) {
            assertThat(c.read()).isEqualTo("220 slow");
            assertThat(c.read()).isEqualTo("250 raw");
        }

        server.verifyInteractionCompleted();
    }

    @Test
    void sendForeverSendsUntilTheClientHangsUp() throws Exception {
        server.sendForever("220-more");

        try (Client c = new Client()) {
            for (int i = 0; i < 5000; i++) {
                assertThat(c.read()).isEqualTo("220-more");
            }
        }

        server.verifyInteractionCompleted();
    }

    @Test
    void resetAbortsTheConnection() throws Exception {
        server.output("220 hello").expect("EHLO *").reset();

        try (Client c = new Client()) {
            assertThat(c.read()).isEqualTo("220 hello");
            c.send("EHLO [127.0.0.1]");
            assertThatThrownBy(c::read).isInstanceOf(java.net.SocketException.class)
                    .hasMessageContaining("reset");
        }

        server.verifyInteractionCompleted();
    }

    @Test
    void rawActionsUseTheConnectionsStreams() throws Exception {
        server.raw("echo three bytes", (in, out) -> {
            out.write(in.readNBytes(3));
            out.write('\n');
            out.flush();
        });

        try (Client c = new Client()) {
            c.out.write("abc".getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
            assertThat(c.read()).isEqualTo("abc");
        }

        server.verifyInteractionCompleted();
    }

    @Test
    void closeStopsAStalledConnectionAndLeavesNoThread() throws Exception {
        FakeSmtpServer other = new FakeSmtpServer();
        String threadName = "fake-smtp-" + other.port();
        other.output("220 hi").stall();
        Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), other.port());
        try {
            s.getInputStream().read();

            other.close();
        } finally {
            s.close();
        }

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(threadName));
    }

    @Test
    void closeWithoutAnyConnection() throws Exception {
        FakeSmtpServer idle = new FakeSmtpServer();
        String threadName = "fake-smtp-" + idle.port();

        idle.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(threadName));
    }
}
