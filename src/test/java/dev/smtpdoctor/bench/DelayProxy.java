package dev.smtpdoctor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that adds a fixed one-way delay in each direction, standing in for a
 * distant server where the kernel offers no {@code tc netem} queueing discipline to add delay. With a one-way delay of
 * 50 ms every request/reply round trip takes at least 100 ms longer; throughput is not throttled.
 *
 * <p>How: each chunk read is stamped with the time it is due ({@code read time + delay}) and queued;
 * a writer per direction sends the chunks in order, each when it is due. A chunk never waits for the
 * one before it to be delivered, so a burst costs one delay, not one per chunk. End of stream
 * (half-close) travels the same way, after the data before it.
 *
 * <p>The TCP handshake: the client's {@code connect} returns at once (the kernel accepts for us), so
 * the proxy opens its own connection to the target only after three one-way delays, when the
 * client's ACK would have reached a distant server. What the server sees — when it accepts, when the
 * client's first bytes arrive, when its greeting reaches the client — is then as over a real link
 * with that delay; only the client's {@code connect} step itself looks instant.
 *
 * <p>Threads: one acceptor thread; four virtual threads per connection (a reader and a writer per
 * direction); at most {@code maxConnections} connections at a time (further clients wait in the
 * accept backlog). {@link #close()} stops accepting, closes every connection and waits for the threads.
 * Thread-safe.
 */
public final class DelayProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    /** Chunks in flight per direction (so at most 4 MiB buffered), then the reader waits. */
    private static final int MAX_CHUNKS_IN_FLIGHT = 256;

    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final ServerSocket server;
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("delay-proxy-", 0).factory());
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private DelayProxy(InetSocketAddress target, Duration oneWay, int maxConnections) throws IOException {
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + oneWay);
        }
        this.target = target;
        this.oneWayNanos = oneWay.toNanos();
        this.slots = new Semaphore(maxConnections);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("delay-proxy-accept-" + server.getLocalPort())
                .unstarted(this::acceptLoop);
    }

    /** Starts a proxy to {@code target} with {@code oneWay} added in each direction; 64 connections at a time. */
    public static DelayProxy start(InetSocketAddress target, Duration oneWay) throws IOException {
        return start(target, oneWay, 64);
    }

    public static DelayProxy start(InetSocketAddress target, Duration oneWay, int maxConnections) throws IOException {
        DelayProxy p = new DelayProxy(target, oneWay, maxConnections);
        p.acceptor.start();
        return p;
    }

    /** The port clients connect to, on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                slots.release();
                return; // closed
            }
            long acceptedAt = System.nanoTime();
            accepted.incrementAndGet();
            Connection c = new Connection(client, acceptedAt);
            open.add(c);
            if (closed.get()) {
                c.abort();
                continue;
            }
            threads.execute(c::run);
        }
    }

    /** Stops accepting, closes every connection (abruptly) and waits up to 5 s for the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        acceptor.interrupt();
        for (Connection c : open) {
            c.abort();
        }
        threads.shutdownNow();
        try {
            acceptor.join(5_000);
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DelayProxy[127.0.0.1:" + port() + " -> " + target + ", +" + oneWayNanos / 1_000_000 + " ms each way]";
    }

    /** A chunk of bytes (or the end of the stream, {@code bytes == null}) and when it is due at the far side. */
    private record Chunk(long dueNanos, byte[] bytes) {
    }

    /** One proxied connection: client ⇄ proxy ⇄ target. */
    private final class Connection {
        private final Socket client;
        private final long acceptedAt;
        private final Socket upstream = new Socket();
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicInteger directionsLeft = new AtomicInteger(2);

        Connection(Socket client, long acceptedAt) {
            this.client = client;
            this.acceptedAt = acceptedAt;
        }

        void run() {
            BlockingQueue<Chunk> toServer = new ArrayBlockingQueue<>(MAX_CHUNKS_IN_FLIGHT);
            BlockingQueue<Chunk> toClient = new ArrayBlockingQueue<>(MAX_CHUNKS_IN_FLIGHT);
            try {
                client.setTcpNoDelay(true);
                // The client may speak first (implicit TLS): read and stamp its bytes while we "connect".
                threads.execute(() -> read(client, toServer));
                sleepUntil(acceptedAt + 3 * oneWayNanos);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 10_000);
                threads.execute(() -> write(toServer, upstream));
                threads.execute(() -> write(toClient, client));
                read(upstream, toClient);
            } catch (IOException | InterruptedException | RuntimeException e) {
                abort();
            }
        }

        /** Reads until end of stream, stamping each chunk with when it is due at the other side. */
        private void read(Socket from, BlockingQueue<Chunk> queue) {
            byte[] buf = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                while (true) {
                    int n = in.read(buf);
                    long due = System.nanoTime() + oneWayNanos;
                    if (n < 0) {
                        queue.put(new Chunk(due, null));
                        return;
                    }
                    queue.put(new Chunk(due, Arrays.copyOf(buf, n)));
                }
            } catch (IOException | InterruptedException e) {
                abort();
            }
        }

        /** Delivers chunks in order, each when due; passes end of stream on as a half-close. */
        private void write(BlockingQueue<Chunk> queue, Socket to) {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    sleepUntil(c.dueNanos());
                    if (c.bytes() == null) {
                        to.shutdownOutput();
                        if (directionsLeft.decrementAndGet() == 0) {
                            abort(); // both sides have finished: close both sockets
                        }
                        return;
                    }
                    out.write(c.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                abort();
            }
        }

        /** Closes both sockets; the blocked readers and writers then end. Idempotent. */
        void abort() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(this);
            slots.release();
        }
    }

    private static void sleepUntil(long dueNanos) throws InterruptedException {
        long left;
        while ((left = dueNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (SocketException e) {
            // Already closed or reset.
        } catch (Exception e) {
            // Nothing left to do with it.
        }
    }
}
