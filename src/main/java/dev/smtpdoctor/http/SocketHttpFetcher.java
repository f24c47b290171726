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
    private static final int MAX_HEADER_BYTES = 16 * 1024;

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
            Response r;
            try {
                r = once(current, maxBytes, deadline, watchdog);
            } catch (UnknownHostException e) {
                return new FetchResult.Unreachable(uri, "no such host " + current.getHost());
            } catch (SocketTimeoutException e) {
                return new FetchResult.TimedOut(uri);
            } catch (SSLException e) {
                return timedOut(deadline, watchdog) ? new FetchResult.TimedOut(uri)
                        : new FetchResult.TlsFailed(uri, e.getMessage());
            } catch (TooLargeException e) {
                return new FetchResult.TooLarge(uri, maxBytes);
            } catch (MalformedException e) {
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

    private record Response(int status, String location, byte[] body) {
    }

    private Response once(URI uri, int maxBytes, Deadline deadline, Watchdog watchdog) throws IOException {
        boolean https = isHttps(uri);
        String host = uri.getHost();
        if (host == null) {
            throw new MalformedException("no host in " + uri);
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
            out.write(request(uri, host, port, https).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(new DeadlineInput(s, deadline), maxBytes);
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

    /**
     * Closes the socket it guards when the deadline passes, which ends a connect, a TLS handshake or a
     * read blocked on it at once; the socket timeout alone restarts with every byte a server sends.
     * One per fetch; {@link #close} (the fetch is over) stops it.
     */
    static final class Watchdog implements AutoCloseable {
        private final AtomicReference<Socket> guarded = new AtomicReference<>();
        private final AtomicBoolean fired = new AtomicBoolean();
        private final Thread thread;

        Watchdog(Deadline deadline) {
            thread = Thread.ofVirtual().name("fetch-deadline").start(() -> {
                try {
                    Thread.sleep(Math.max(1, deadline.remainingMillis()));
                } catch (InterruptedException e) {
                    return; // the fetch ended in time
                }
                fired.set(true);
                closeQuietly(guarded.get());
            });
        }

        /** From now on the deadline closes {@code socket} (and no longer the one guarded before). */
        void guard(Socket socket) {
            guarded.set(socket);
            if (fired.get()) {
                closeQuietly(socket); // the deadline passed while it was being created
            }
        }

        boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }

        private static void closeQuietly(Socket s) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // nothing left to do
                }
            }
        }
    }

    private static String request(URI uri, String host, int port, boolean https) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = port == (https ? 443 : 80) ? host : host + ":" + port;
        return "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: smtp-doctor\r\n"
                + "Accept: application/xml, text/xml\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
    }

    private static Response read(DeadlineInput in, int maxBytes) throws IOException {
        String statusLine = in.line(MAX_HEADER_BYTES);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new MalformedException("not an HTTP/1.x status line");
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        int headerBytes = statusLine.length();
        for (String line = in.line(MAX_HEADER_BYTES); !line.isEmpty(); line = in.line(MAX_HEADER_BYTES)) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedException("headers too long");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedException("bad Content-Length");
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                default -> {
                }
            }
        }
        if (status != 200) {
            return new Response(status, location, new byte[0]);
        }
        byte[] body;
        if (chunked) {
            body = in.chunked(maxBytes);
        } else if (contentLength >= 0) {
            if (contentLength > maxBytes) {
                throw new TooLargeException();
            }
            body = in.exactly((int) contentLength);
        } else {
            body = in.untilClose(maxBytes);
        }
        return new Response(status, location, body);
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("too large", null);
        }
    }

    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message, null);
        }
    }

    /** Reads with the socket timeout set to what is left of the deadline before every read. */
    private static final class DeadlineInput {
        private final Socket socket;
        private final InputStream in;
        private final Deadline deadline;

        DeadlineInput(Socket socket, Deadline deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(deadline.socketTimeoutMillis());
            int n = in.read(b, off, len);
            if (deadline.expired()) {
                throw new SocketTimeoutException("deadline");
            }
            return n;
        }

        private int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        /** A line without its CRLF (a bare LF is accepted), ISO-8859-1. */
        String line(int max) throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = read();
                if (c < 0) {
                    throw new MalformedException("connection closed in the headers");
                }
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                if (sb.length() >= max) {
                    throw new MalformedException("header line too long");
                }
                sb.append((char) c);
            }
        }

        byte[] exactly(int n) throws IOException {
            byte[] b = new byte[n];
            int off = 0;
            while (off < n) {
                int r = read(b, off, n - off);
                if (r < 0) {
                    throw new MalformedException("body shorter than Content-Length");
                }
                off += r;
            }
            return b;
        }

        byte[] untilClose(int max) throws IOException {
            byte[] b = new byte[Math.min(max + 1, 8192)];
            int off = 0;
            while (true) {
                if (off == b.length) {
                    if (b.length > max) {
                        throw new TooLargeException();
                    }
                    b = java.util.Arrays.copyOf(b, Math.min(max + 1, b.length * 2));
                }
                int r = read(b, off, b.length - off);
                if (r < 0) {
                    return java.util.Arrays.copyOf(b, off);
                }
                off += r;
                if (off > max) {
                    throw new TooLargeException();
                }
            }
        }

        byte[] chunked(int max) throws IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(1024);
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new MalformedException("bad chunk size");
                }
                if (size == 0) {
                    return out.toByteArray(); // trailers are not read: Connection: close
                }
                if (size < 0 || out.size() + size > max) {
                    throw new TooLargeException();
                }
                out.write(exactly((int) size));
                line(16);
            }
        }
    }
}
