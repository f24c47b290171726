package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testing.RecordingResolverProvider;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A {@link FakeSmtpServer} and the command line that points {@code smtp-doctor} at it: {@value #HOST} is
 * pinned to 127.0.0.1 with {@code --resolve} (never DNS: {@link #close()} checks that the JDK resolver was
 * not asked for any name), the test root is trusted with {@code --ca-file}, and each step gets
 * {@value #TIMEOUT} seconds.
 *
 * <p>Certificates: {@link #GOOD} is what Gmail accepts; {@link #WRONG_NAME} is trusted but names other
 * hosts; {@link #SELF_SIGNED} names the host but signs itself.
 */
final class CliFixture implements AutoCloseable {

    static final String HOST = "mail.example.test";
    static final String EHLO = "EHLO [127.0.0.1]";
    static final String USER = "you@example.test";
    static final String FROM = "you@example.test";
    static final String TIMEOUT = "2";

    static final HeldCertificate ROOT = HeldCertificate.builder().commonName("smtp-doctor CLI Test Root")
            .certificateAuthority(1).build();
    static final HeldCertificate INTERMEDIATE = HeldCertificate.builder()
            .commonName("smtp-doctor CLI Test Intermediate").certificateAuthority(0).signedBy(ROOT).build();
    static final HeldCertificate GOOD = HeldCertificate.builder().commonName(HOST).addDnsName(HOST)
            .signedBy(INTERMEDIATE).build();
    static final HeldCertificate WRONG_NAME = HeldCertificate.builder().commonName("other.example.test")
            .addDnsName("other.example.test").addDnsName("www.other.example.test").signedBy(INTERMEDIATE).build();
    static final HeldCertificate SELF_SIGNED = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).build();
    static final Path CA_FILE = writeRoot();

    final FakeSmtpServer server = new FakeSmtpServer();
    private final int lookupsBefore = RecordingResolverProvider.lookups().size();
    private int port = server.port();
    private boolean refused;

    private static Path writeRoot() {
        try {
            Path file = Files.createTempFile("smtp-doctor-cli-root", ".pem");
            file.toFile().deleteOnExit();
            return ROOT.writeCertificate(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- command lines ------------------------------------------------------------------------------

    /** {@code probe} of {@value #HOST} on the fake server's port in {@code security} mode, then {@code extra}. */
    List<String> probe(String security, String... extra) {
        return probe(security, List.of(extra));
    }

    List<String> probe(String security, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("probe", "--server", HOST, "--port", String.valueOf(port),
                "--security", security));
        args.addAll(target());
        args.addAll(extra);
        return args;
    }

    /** The options every probing command needs to reach the fake server safely. */
    List<String> target() {
        return List.of("--resolve", HOST + ":" + port + ":127.0.0.1", "--ca-file", CA_FILE.toString(),
                "--timeout", TIMEOUT);
    }

    int port() {
        return port;
    }

    /** From now on the command line names a loopback port nothing listens on. */
    CliFixture useClosedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refused = true;
        return this;
    }

    // ---- script pieces ------------------------------------------------------------------------------

    FakeSmtpServer greeting() {
        return server.output("220 " + HOST + " ESMTP ready");
    }

    /** Expects EHLO and answers 250 with these keyword lines. */
    FakeSmtpServer ehlo(String... keywords) {
        return server.ehloReply(HOST, keywords);
    }

    FakeSmtpServer startTls(HeldCertificate certificate) {
        return server.expect("STARTTLS").output("220 2.0.0 Ready to start TLS").startTls(certificate);
    }

    /** MAIL FROM, RCPT TO (the same address) and RSET, all accepted. */
    FakeSmtpServer senderAccepted() {
        return server.expect("MAIL FROM:<" + FROM + ">").output("250 2.1.0 Ok")
                .expect("RCPT TO:<" + FROM + ">").output("250 2.1.5 Ok")
                .expect("RSET").output("250 2.0.0 Ok");
    }

    FakeSmtpServer quit() {
        return server.expect("QUIT").output("221 2.0.0 Bye");
    }

    // ---- checks -------------------------------------------------------------------------------------

    /** The scripted conversation was played to its end (nothing to check when the port was closed). */
    void verify() throws InterruptedException {
        if (!refused) {
            server.verifyInteractionCompleted();
        }
    }

    /**
     * Nobody connected to the server: the command stopped before the network. Waits briefly, since the
     * server records a connection on its own thread.
     */
    void assertNoConnection() {
        assertThatThrownBy(() -> server.verifyInteractionCompleted(Duration.ofMillis(100)))
                .as("a connection reached the fake server").hasMessageContaining("connection 1: never arrived");
        assertThat(server.receivedLines()).isEmpty();
    }

    /** Lines the server received that start an AUTH exchange. */
    List<String> authCommands() {
        return server.receivedLines().stream().filter(l -> l.regionMatches(true, 0, "AUTH", 0, 4)).toList();
    }

    /**
     * AUTH commands that began a login: not the credential-free one cancelled at once with {@code *} that asks
     * whether the server would take a password unencrypted.
     */
    List<String> loginAuthCommands() {
        List<String> lines = server.receivedLines();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            boolean cancelled = i + 1 < lines.size() && lines.get(i + 1).equals("*");
            if (lines.get(i).regionMatches(true, 0, "AUTH", 0, 4) && !cancelled) {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        server.close();
        List<String> all = RecordingResolverProvider.lookups();
        assertThat(all.subList(Math.min(lookupsBefore, all.size()), all.size()))
                .as("names the JDK resolver was asked for (tests never use DNS)").isEmpty();
    }
}
