package dev.smtpdoctor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher's bounds against servers on loopback (names resolve only through the resolvers given here):
 * one deadline over the whole fetch — the name lookup, every connect, the TLS handshake (a server
 * dribbling or withholding its handshake), redirects and the body — and every resolved address tried in
 * turn when connecting fails, with the certificate still checked against the host name asked for.
 */
class SocketHttpFetcherTest {

    static final String HOST = "files.example.test";
    static final String PATH = "/mail/config-v1.1.xml";
    static final byte[] FILE = "<clientConfig/>".getBytes(StandardCharsets.US_ASCII);

    static final HeldCertificate ROOT = HeldCertificate.builder().commonName("fetcher test root")
            .certificateAuthority(0).build();
    static final HeldCertificate LEAF = HeldCertificate.builder().commonName(HOST).addDnsName(HOST)
            .signedBy(ROOT).build();

    /** The deadline of the bounded tests, and what they may take at most (before the fix: 16 s and more). */
    static final Duration LIMIT = Duration.ofMillis(500);
    static final long BOUND_MS = 2_000;

    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final Queue<String> requests = new ConcurrentLinkedQueue<>();
    final List<AutoCloseable> closing = new java.util.concurrent.CopyOnWriteArrayList<>();
    final HttpsServer https = httpsServer();

    interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange x) throws IOException;
    }

    @AfterEach
    void stop() throws Exception {
        https.stop(0);
        for (AutoCloseable c : closing) {
            c.close();
        }
        executor.shutdownNow();
    }

    // ---- the deadline ----

    @Test
    void aServerDribblingItsHandshakeIsCutAtTheDeadline() throws IOException {
        int port = tlsDribbler(Duration.ofMillis(200));

        long ms = timed(() -> fetcher(only(port)).get(uri(), 64 * 1024, LIMIT), r ->
                assertThat(r).isInstanceOf(FetchResult.TimedOut.class));

        assertThat(ms).isLessThan(BOUND_MS);
    }

    @Test
    void aServerWithholdingItsHandshakeIsCutAtTheDeadline() throws IOException {
        int port = tlsDribbler(null);

        long ms = timed(() -> fetcher(only(port)).get(uri(), 64 * 1024, LIMIT), r ->
                assertThat(r).isInstanceOf(FetchResult.TimedOut.class));

        assertThat(ms).isLessThan(BOUND_MS);
    }

    @Test
    void aSlowNameLookupCountsAgainstTheDeadline() {
        Resolver stalled = (host, port) -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };

        long ms = timed(() -> fetcher(stalled).get(uri(), 64 * 1024, LIMIT), r ->
                assertThat(r).isInstanceOf(FetchResult.TimedOut.class));

        assertThat(ms).isLessThan(BOUND_MS);
    }

    @Test
    void aBodyDribbledOverPlainHttpIsCutAtTheDeadline() throws IOException {
        int port = rawServer(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                sleep(Duration.ofMillis(100));
            }
        });

        long ms = timed(() -> fetcher(only(port)).get(URI.create("http://" + HOST + PATH), 64 * 1024, LIMIT), r ->
                assertThat(r).isInstanceOf(FetchResult.TimedOut.class));

        assertThat(ms).isLessThan(BOUND_MS);
    }

    @Test
    void redirectsShareOneDeadline() {
        routes.put("/a", x -> redirect(x, "/b", Duration.ofMillis(300)));
        routes.put("/b", x -> redirect(x, "/c", Duration.ofMillis(300)));
        routes.put("/c", x -> ok(x, FILE));

        long ms = timed(() -> fetcher(only(https.getAddress().getPort())).get(
                URI.create("https://" + HOST + "/a"), 64 * 1024, LIMIT), r ->
                assertThat(r).isInstanceOf(FetchResult.TimedOut.class));

        assertThat(ms).isLessThan(BOUND_MS);
    }

    // ---- every address ----

    @Test
    void whenTheFirstAddressRefusesTheSecondServesTheFile() throws UnknownHostException {
        routes.put(PATH, x -> ok(x, FILE));
        int port = https.getAddress().getPort();
        // Nothing listens on 127.0.0.2 at this port: the server is bound to 127.0.0.1 only.
        Resolver two = (host, p) -> List.of(new InetSocketAddress(address(127, 0, 0, 2), port),
                new InetSocketAddress(address(127, 0, 0, 1), port));

        FetchResult r = fetcher(two).get(uri(), 64 * 1024, Duration.ofSeconds(5));

        assertThat(r).isInstanceOfSatisfying(FetchResult.Body.class, b -> {
            assertThat(b.bytes()).isEqualTo(FILE);
            assertThat(b.verified()).isTrue(); // the certificate was checked against HOST, not the address
        });
        assertThat(requests).containsExactly(HOST + " " + PATH);
    }

    @Test
    void whenEveryAddressRefusesTheHostIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, address(127, 0, 0, 1))) {
            closed = s.getLocalPort();
        }
        int port = closed;
        Resolver two = (host, p) -> List.of(new InetSocketAddress(address(127, 0, 0, 2), port),
                new InetSocketAddress(address(127, 0, 0, 1), port));

        FetchResult r = fetcher(two).get(uri(), 64 * 1024, Duration.ofSeconds(5));

        assertThat(r).isInstanceOfSatisfying(FetchResult.Unreachable.class,
                u -> assertThat(u.reason()).contains("2 addresses"));
    }

    // ---- what the old tests cover, on this fixture ----

    @Test
    void aCertificateNotNamingTheHostAskedForIsATlsFailureEvenOnTheRightAddress() {
        routes.put(PATH, x -> ok(x, FILE));

        FetchResult r = fetcher(only(https.getAddress().getPort()))
                .get(URI.create("https://other.example.test" + PATH), 64 * 1024, Duration.ofSeconds(5));

        assertThat(r).isInstanceOf(FetchResult.TlsFailed.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void atMostThreeRedirectsAreFollowed() {
        routes.put("/r1", x -> redirect(x, "/r2", Duration.ZERO));
        routes.put("/r2", x -> redirect(x, "/r3", Duration.ZERO));
        routes.put("/r3", x -> redirect(x, "/r4", Duration.ZERO));
        routes.put("/r4", x -> redirect(x, PATH, Duration.ZERO));
        routes.put(PATH, x -> ok(x, FILE));
        SocketHttpFetcher f = fetcher(only(https.getAddress().getPort()));

        assertThat(f.get(URI.create("https://" + HOST + "/r2"), 64 * 1024, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(FetchResult.Body.class,
                        b -> assertThat(b.finalUri()).isEqualTo(URI.create("https://" + HOST + PATH)));
        assertThat(f.get(URI.create("https://" + HOST + "/r1"), 64 * 1024, Duration.ofSeconds(5)))
                .isEqualTo(new FetchResult.HttpStatus(URI.create("https://" + HOST + "/r1"), 302));
    }

    @Test
    void aBodyOverTheCapIsTooLarge() {
        routes.put(PATH, x -> ok(x, new byte[1025]));

        assertThat(fetcher(only(https.getAddress().getPort())).get(uri(), 1024, Duration.ofSeconds(5)))
                .isEqualTo(new FetchResult.TooLarge(uri(), 1024));
    }

    // ---- fixture ----

    static URI uri() {
        return URI.create("https://" + HOST + PATH);
    }

    static InetAddress address(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    /** Every name to 127.0.0.1 at {@code port}, whatever port was asked for. */
    static Resolver only(int port) {
        return (host, p) -> List.of(new InetSocketAddress(address(127, 0, 0, 1), port));
    }

    static SocketHttpFetcher fetcher(Resolver resolver) {
        return new SocketHttpFetcher(resolver, trust());
    }

    static TrustConfig trust() {
        try {
            Path file = Files.createTempFile("fetcher-root", ".pem");
            file.toFile().deleteOnExit();
            return TrustConfig.fromFile(ROOT.writeCertificate(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TrustConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code fetch}, checks its result and returns how long it took in milliseconds. */
    static long timed(java.util.function.Supplier<FetchResult> fetch,
                      java.util.function.Consumer<FetchResult> check) {
        long t0 = System.nanoTime();
        FetchResult r = fetch.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        check.accept(r);
        return ms;
    }

    private HttpsServer httpsServer() {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(address(127, 0, 0, 1), 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(LEAF.serverContext()));
            s.createContext("/", x -> {
                requests.add(x.getRequestHeaders().getFirst("Host").replaceFirst(":\\d+$", "") + " "
                        + x.getRequestURI().getRawPath());
                Handler h = routes.get(x.getRequestURI().getPath());
                if (h == null) {
                    x.sendResponseHeaders(404, -1);
                    x.close();
                } else {
                    h.handle(x);
                }
            });
            s.setExecutor(executor);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void ok(com.sun.net.httpserver.HttpExchange x, byte[] body) throws IOException {
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client stopped reading: expected in the cap test
        }
    }

    static void redirect(com.sun.net.httpserver.HttpExchange x, String location, Duration delay) throws IOException {
        sleep(delay);
        x.getResponseHeaders().set("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface Script {
        void play(OutputStream out) throws IOException;
    }

    /**
     * A TLS "server" that reads the ClientHello and then sends the header of a 16 KiB handshake record
     * and one byte of it every {@code every} (or nothing at all, when null) for 20 s at most.
     */
    int tlsDribbler(Duration every) throws IOException {
        return rawServer(out -> {
            if (every == null) {
                sleep(Duration.ofSeconds(20));
                return;
            }
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
            out.flush();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                sleep(every);
                out.write(0x02);
                out.flush();
            }
        });
    }

    /** A one-connection-at-a-time server on 127.0.0.1 that reads what it is sent and plays {@code script}. */
    int rawServer(Script script) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, address(127, 0, 0, 1));
        closing.add(server);
        executor.submit(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                closing.add(s);
                executor.submit(() -> {
                    try (s) {
                        InputStream in = s.getInputStream();
                        byte[] hello = new byte[4096];
                        int n = in.read(hello); // the ClientHello, or the request
                        if (n > 0) {
                            script.play(s.getOutputStream());
                        }
                    } catch (IOException e) {
                        // the client left: expected
                    }
                    return null;
                });
            }
        });
        return server.getLocalPort();
    }
}
