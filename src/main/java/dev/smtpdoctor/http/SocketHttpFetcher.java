package dev.smtpdoctor.http;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.tls.TrustConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A deliberately small HTTP/1.1 GET client for discovery documents: names resolve through the check's
 * {@link Resolver} (so {@code --resolve} and tests apply, and never the machine's DNS behind our back),
 * HTTPS certificates are verified against a {@link TrustConfig} (chain, and the name asked for — not the
 * address connected to), and the body is cut at a byte limit. Follows up to {@value #MAX_REDIRECTS}
 * redirects, never from https to http. {@code Connection: close}, identity encoding, Content-Length,
 * chunked or read-to-close bodies. Thread-safe; one socket per hop.
 *
 * <p><b>One deadline bounds the whole fetch</b>: the name lookup (run on its own virtual thread and
 * abandoned when the deadline passes, as the prober does), every connect, the TLS handshake, every
 * redirect and every read of the body. Socket timeouts alone cannot promise that — they restart with
 * every byte, so a server dribbling its handshake one byte at a time would outlast them (16 s and more
 * for a 500 ms fetch) — so a {@link Watchdog} closes the current socket when the deadline passes, as
 * {@code tls.TlsHandshaker} does for SMTP; whatever was blocked on it fails at once and is reported as
 * {@link FetchResult.TimedOut}. <b>Every resolved address is tried in turn</b> when connecting fails; an
 * address that is not the last gets an equal share of the time left, so one that never answers cannot
 * use up the others' time.
 *
 * <p><b>Why hand-written.</b> It needs a per-client resolver, one deadline over everything including
 * the lookup, no redirect from https to http and a byte cap: {@code java.net.http.HttpClient} has no
 * resolver hook (connecting to a resolved address ourselves would mean giving up its host-name
 * verification and SNI, or rebuilding them), and OkHttp ({@code Dns}, {@code callTimeout},
 * {@code followSslRedirects(false)}) would bring OkHttp, Okio and the Kotlin standard library (about
 * 3 MB) plus connection pooling, HTTP/2, transparent gzip and fast-fallback connects — a large surface
 * for one GET of at most 64 KiB from a hostile server — and its {@code callTimeout} cannot interrupt a
 * blocking {@code Dns.lookup} either (square/okhttp#95, #2278; #9191 reports 5.x outlasting it when a TLS
 * handshake stalls on a name with several addresses, the very case here). What this class adds over sockets is about 100 lines, tested
 * against dribbling, stalling and refusing servers on loopback (SocketHttpFetcherTest).
 */
public final class SocketHttpFetcher implements HttpFetcher {

    static final int MAX_REDIRECTS = 3;

    private final Resolver resolver;
    private final SSLContext tls;

    public SocketHttpFetcher(Resolver resolver, TrustConfig trust) {
        this.resolver = resolver;
        try {
            this.tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust.trustManager()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    }

    @Override
    public FetchResult get(URI uri, int maxBytes, Duration timeout) {
        Deadline deadline = Deadline.after(timeout, "fetch");
        try (Watchdog watchdog = new Watchdog(deadline)) {
            return get(uri, maxBytes, deadline, watchdog);
        }
    }

    private FetchResult get(URI uri, int maxBytes, Deadline deadline, Watchdog watchdog) {
        URI current = uri;
        boolean verified = isHttps(uri);
        for (int hop = 0; ; hop++) {
            if (!isHttps(current) && !"http".equalsIgnoreCase(current.getScheme())) {
                return new FetchResult.Malformed(uri, "unsupported scheme");
            }
            Http11.Response r;
            try {
                r = once(current, maxBytes, deadline, watchdog);
            } catch (UnknownHostException e) {
                return new FetchResult.Unreachable(uri, "no such host " + current.getHost());
            } catch (SocketTimeoutException e) {
                return new FetchResult.TimedOut(uri);
            } catch (SSLException e) {
                return timedOut(deadline, watchdog) ? new FetchResult.TimedOut(uri)
                        : new FetchResult.TlsFailed(uri, e.getMessage());
            } catch (Http11.TooLargeException e) {
                return new FetchResult.TooLarge(uri, maxBytes);
            } catch (Http11.MalformedException e) {
                return timedOut(deadline, watchdog) ? new FetchResult.TimedOut(uri)
                        : new FetchResult.Malformed(uri, e.getMessage());
            } catch (IOException e) {
                return timedOut(deadline, watchdog) ? new FetchResult.TimedOut(uri)
                        : new FetchResult.Unreachable(uri, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (r.status() / 100 == 3 && r.location() != null && hop < MAX_REDIRECTS) {
                URI next;
                try {
                    next = current.resolve(r.location().strip());
                } catch (IllegalArgumentException e) {
                    return new FetchResult.HttpStatus(uri, r.status());
                }
                if (isHttps(current) && !isHttps(next)) {
                    return new FetchResult.HttpStatus(uri, r.status()); // never downgrade
                }
                current = next;
                continue;
            }
            if (r.status() != 200) {
                return new FetchResult.HttpStatus(uri, r.status());
            }
            return new FetchResult.Body(uri, current, r.body(), verified && isHttps(current));
        }
    }

    private static boolean timedOut(Deadline deadline, Watchdog watchdog) {
        return watchdog.fired() || deadline.expired();
    }


    private Http11.Response once(URI uri, int maxBytes, Deadline deadline, Watchdog watchdog) throws IOException {
        boolean https = isHttps(uri);
        String host = uri.getHost();
        if (host == null) {
            throw new Http11.MalformedException("no host in " + uri);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket = connect(resolve(host, port, deadline), deadline, watchdog);
        try {
            socket.setSoTimeout(deadline.socketTimeoutMillis());
            Socket s = socket;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.contains(":") && !host.matches("[0-9.]+")) {
                    p.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(p);
                ssl.setSoTimeout(deadline.socketTimeoutMillis());
                ssl.startHandshake(); // bounded by the watchdog, not only by the socket timeout
                s = ssl;
            }
            OutputStream out = s.getOutputStream();
            out.write(Http11.request(uri, host, port, https).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Http11.read(new Http11.DeadlineInput(s, deadline), maxBytes);
        } finally {
            socket.close();
        }
    }

    /**
     * The resolver's answer, or a {@link SocketTimeoutException} when it has none by the deadline: the
     * lookup runs on its own virtual thread, which is interrupted then (a resolver blocked in the JDK's
     * lookup finishes on its own and its answer is dropped).
     */
    private List<InetSocketAddress> resolve(String host, int port, Deadline deadline) throws IOException {
        CompletableFuture<List<InetSocketAddress>> answer = new CompletableFuture<>();
        Thread lookup = Thread.ofVirtual().name("fetch-resolve-" + host).start(() -> {
            try {
                answer.complete(resolver.resolve(host, port));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            List<InetSocketAddress> addresses = answer.get(deadline.socketTimeoutMillis(), TimeUnit.MILLISECONDS);
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (TimeoutException e) {
            lookup.interrupt();
            throw new SocketTimeoutException("name lookup deadline passed");
        } catch (InterruptedException e) {
            lookup.interrupt();
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException rt -> throw rt;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    /**
     * A socket connected to the first of {@code addresses} that accepts, each tried in turn within the
     * deadline; an address that is not the last gets an equal share of the time left.
     */
    private static Socket connect(List<InetSocketAddress> addresses, Deadline deadline, Watchdog watchdog)
            throws IOException {
        IOException last = null;
        for (int i = 0; i < addresses.size(); i++) {
            int left = addresses.size() - i;
            int timeout = (int) Math.max(1, deadline.socketTimeoutMillis() / left);
            Socket socket = new Socket();
            watchdog.guard(socket);
            try {
                socket.connect(addresses.get(i), timeout);
                return socket;
            } catch (IOException e) {
                socket.close();
                if (timedOut(deadline, watchdog)) {
                    throw new SocketTimeoutException("connect deadline passed");
                }
                last = e;
            }
        }
        if (addresses.size() == 1) {
            throw last;
        }
        throw new ConnectException(last.getMessage() + " (" + addresses.size() + " addresses tried)");
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }
}
