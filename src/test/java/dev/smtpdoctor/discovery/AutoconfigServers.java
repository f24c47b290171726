package dev.smtpdoctor.discovery;

import dev.smtpdoctor.http.SocketHttpFetcher;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.testkit.HeldCertificate;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTPS and a plain HTTP server on 127.0.0.1 playing a domain's web servers for autoconfig tests.
 * The HTTPS certificate names {@value #AUTOCONFIG_HOST} and {@value #DOMAIN} and comes from a test CA
 * that {@link #trust()} trusts (or, on request, from an unknown CA).
 * {@link #resolver()} sends those names to these servers (port 443 → HTTPS, 80 → HTTP) and refuses
 * every other name without asking DNS. Routes are set per path; every request is recorded.
 */
final class AutoconfigServers implements AutoCloseable {

    static final String DOMAIN = "example.test";
    static final String AUTOCONFIG_HOST = "autoconfig." + DOMAIN;
    static final String AUTOCONFIG_PATH = "/mail/config-v1.1.xml";
    static final String WELL_KNOWN_PATH = "/.well-known/autoconfig/mail/config-v1.1.xml";

    static final HeldCertificate ROOT = HeldCertificate.builder().commonName("autoconfig test root")
            .certificateAuthority(0).build();
    static final HeldCertificate LEAF = HeldCertificate.builder().commonName(AUTOCONFIG_HOST)
            .addDnsName(AUTOCONFIG_HOST).addDnsName(DOMAIN).signedBy(ROOT).build();
    private static final HeldCertificate STRANGER = HeldCertificate.builder().commonName(AUTOCONFIG_HOST)
            .addDnsName(AUTOCONFIG_HOST).addDnsName(DOMAIN).build();

    /** What a path answers: status, body, a delay before the headers, chunked or with Content-Length. */
    record Route(int status, byte[] body, Duration delay, boolean chunked, String location) {
        Route(int status, byte[] body, Duration delay, boolean chunked) {
            this(status, body, delay, chunked, null);
        }

        static Route ok(String xml) {
            return new Route(200, xml.getBytes(StandardCharsets.UTF_8), Duration.ZERO, false);
        }

        static Route redirect(String location) {
            return new Route(302, new byte[0], Duration.ZERO, false, location);
        }
    }

    private final HttpsServer https;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Route> httpsRoutes = new ConcurrentHashMap<>();
    private final Map<String, Route> httpRoutes = new ConcurrentHashMap<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Set<String> refusedHosts = ConcurrentHashMap.newKeySet();
    private final boolean untrusted;

    AutoconfigServers() {
        this(true);
    }

    /** @param trustedCertificate false: present a certificate from a CA that {@link #trust()} does not know */
    AutoconfigServers(boolean trustedCertificate) {
        this.untrusted = !trustedCertificate;
        try {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
            https = HttpsServer.create(any, 0);
            https.setHttpsConfigurator(new HttpsConfigurator((trustedCertificate ? LEAF : STRANGER).serverContext()));
            https.createContext("/", x -> serve(x, "https", httpsRoutes));
            https.setExecutor(executor);
            https.start();
            http = HttpServer.create(any, 0);
            http.createContext("/", x -> serve(x, "http", httpRoutes));
            http.setExecutor(executor);
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AutoconfigServers https(String path, Route r) {
        httpsRoutes.put(path, r);
        return this;
    }

    AutoconfigServers http(String path, Route r) {
        httpRoutes.put(path, r);
        return this;
    }

    /** Makes {@code host} unknown to the resolver (as if it had no address). */
    AutoconfigServers refuse(String host) {
        refusedHosts.add(host);
        return this;
    }

    /** "scheme host path?query" of every request, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    int httpsPort() {
        return https.getAddress().getPort();
    }

    Resolver resolver() {
        return (host, port) -> {
            if ((host.equals(AUTOCONFIG_HOST) || host.equals(DOMAIN)) && !refusedHosts.contains(host)) {
                if (port == 443) {
                    return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpsPort()));
                }
                if (port == 80) {
                    return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), http.getAddress().getPort()));
                }
            }
            throw new UnknownHostException(host + " (tests never use DNS)");
        };
    }

    static TrustConfig trust() {
        try {
            Path file = Files.createTempFile("autoconfig-root", ".pem");
            file.toFile().deleteOnExit();
            return TrustConfig.fromFile(ROOT.writeCertificate(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TrustConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    SocketHttpFetcher fetcher() {
        return new SocketHttpFetcher(resolver(), trust());
    }

    private void serve(HttpExchange x, String scheme, Map<String, Route> routes) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        requests.add(scheme + " " + x.getRequestHeaders().getFirst("Host") + " " + x.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query));
        Route r = routes.getOrDefault(x.getRequestURI().getPath(),
                new Route(404, "not found".getBytes(StandardCharsets.US_ASCII), Duration.ZERO, false));
        try {
            Thread.sleep(r.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x.close();
            return;
        }
        x.getResponseHeaders().set("Content-Type", "application/xml");
        if (r.location() != null) {
            x.getResponseHeaders().set("Location", r.location());
        }
        x.sendResponseHeaders(r.status(), r.chunked() ? 0 : r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(r.body());
        } catch (IOException e) {
            // The client stopped reading (size cap, time limit): expected in those tests.
        }
    }

    boolean untrusted() {
        return untrusted;
    }

    @Override
    public void close() {
        https.stop(0);
        http.stop(0);
        executor.shutdownNow();
    }

    /** A valid autoconfig file naming one SMTP server. */
    static String config(String host, int port, String socketType, String username) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <clientConfig version="1.1">
                  <emailProvider id="%s">
                    <domain>%s</domain>
                    <incomingServer type="imap"><hostname>imap.%s</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
                    <outgoingServer type="smtp">
                      <hostname>%s</hostname>
                      <port>%d</port>
                      <socketType>%s</socketType>
                      <authentication>password-cleartext</authentication>
                      <username>%s</username>
                    </outgoingServer>
                  </emailProvider>
                </clientConfig>
                """.formatted(DOMAIN, DOMAIN, DOMAIN, host, port, socketType, username);
    }
}
