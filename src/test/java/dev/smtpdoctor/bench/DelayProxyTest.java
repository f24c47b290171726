package dev.smtpdoctor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proxy adds at least its delay and forwards bytes intact and in order. Only lower bounds on
 * time are asserted: how much slower a loaded machine is says nothing about the proxy.
 */
@Timeout(30)
class DelayProxyTest {

    private static final Duration ONE_WAY = Duration.ofMillis(50);

    private ServerSocket upstream;
    private Thread server;

    @BeforeEach
    void upstream() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        if (server != null) {
            server.join(5_000);
        }
    }

    /** An upstream that greets, then echoes everything until the client half-closes, then closes. */
    private void serveGreetingAndEcho() {
        server = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket s = upstream.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            OutputStream out = s.getOutputStream();
                            out.write("220 hello\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            s.getInputStream().transferTo(out);
                        } catch (IOException e) {
                            // The test sees it as a short read.
                        }
                    });
                }
            } catch (IOException closed) {
                // End of test.
            }
        });
    }

    private InetSocketAddress target() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getLocalPort());
    }

    @Test
    void aRoundTripTakesAtLeastTwiceTheDelayAndTheGreetingWaitsForTheModelledHandshake() throws Exception {
        serveGreetingAndEcho();
        try (DelayProxy proxy = DelayProxy.start(target(), ONE_WAY);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            InputStream in = s.getInputStream();
            long t0 = System.nanoTime();
            assertThat(readLine(in)).isEqualTo("220 hello");
            // SYN, SYN-ACK, ACK, then the greeting back: four one-way delays.
            assertThat(millisSince(t0)).isGreaterThanOrEqualTo(4 * ONE_WAY.toMillis());

            long t1 = System.nanoTime();
            s.getOutputStream().write("EHLO x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("EHLO x");
            assertThat(millisSince(t1)).isGreaterThanOrEqualTo(2 * ONE_WAY.toMillis());
        }
    }

    @Test
    void forwardsAMegabyteIntactAndInOrderThenTheHalfClose() throws Exception {
        serveGreetingAndEcho();
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        try (DelayProxy proxy = DelayProxy.start(target(), ONE_WAY);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            long t0 = System.nanoTime();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (IOException e) {
                    // The comparison below fails.
                }
            });
            InputStream in = s.getInputStream();
            assertThat(readLine(in)).isEqualTo("220 hello");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got); // until the echo server closes after our half-close went through
            long ms = millisSince(t0);
            writer.join();

            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(ms).isGreaterThanOrEqualTo(2 * ONE_WAY.toMillis());
        }
    }

    @Test
    void servesConnectionsConcurrentlyAndClosesThemOnClose() throws Exception {
        serveGreetingAndEcho();
        DelayProxy proxy = DelayProxy.start(target(), ONE_WAY);
        Socket a = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        Socket b = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        try (a; b) {
            assertThat(readLine(a.getInputStream())).isEqualTo("220 hello");
            assertThat(readLine(b.getInputStream())).isEqualTo("220 hello");
            assertThat(proxy.acceptedConnections()).isEqualTo(2);

            proxy.close();

            a.setSoTimeout(5_000);
            assertThat(a.getInputStream().read()).isEqualTo(-1);
        } finally {
            proxy.close();
        }
    }

    @Test
    void aZeroDelayProxyIsAPlainForwarder() throws Exception {
        serveGreetingAndEcho();
        try (DelayProxy proxy = DelayProxy.start(target(), Duration.ZERO);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            InputStream in = s.getInputStream();
            assertThat(readLine(in)).isEqualTo("220 hello");
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("QUIT");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.write(c);
        }
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
