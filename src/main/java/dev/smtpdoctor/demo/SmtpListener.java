package dev.smtpdoctor.demo;

import dev.smtpdoctor.demo.DemoListener.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

/**
 * One SubEthaSMTP server on 127.0.0.1 and an ephemeral port, secured as its {@link Transport} says.
 *
 * <p>What SubEthaSMTP 7.2.2 does for us, and where we step in:
 * <ul>
 *   <li>implicit TLS: {@code serverSocketFactory(SSLContext)} — the accepted sockets are TLS sockets;
 *   <li>STARTTLS: {@code enableTLS()} advertises and accepts it; {@code requireTLS()} answers
 *       {@code 530 Must issue a STARTTLS command first} before it and hides AUTH from the first EHLO (its
 *       default, {@code showAuthCapabilitiesBeforeSTARTTLS(false)}); without {@code requireTLS()} AUTH is
 *       offered in plaintext too. It still lists STARTTLS after TLS is up (harmless to clients);
 *   <li>the STARTTLS socket: our own {@link #upgrade}, because the library's default looks up the
 *       client's host name (a reverse DNS query per connection) and enables every protocol the JDK
 *       supports, including TLS 1.0;
 *   <li>AUTH PLAIN and LOGIN: {@link EasyAuthenticationHandlerFactory} over {@link Mailboxes};
 *       {@code requireAuth()} on submission ports answers {@code 530 5.7.0 Authentication required} to
 *       MAIL before AUTH (RFC 6409 §4.3);
 *   <li>the host name in the greeting is set, or the library would ask DNS for the local host's name.
 * </ul>
 *
 * <p>Threads: its own accept thread and a cached pool of daemon session threads, all named
 * {@code smtp-doctor-demo-…}; {@link #stop()} closes every session and waits for all of them to end.
 */
final class SmtpListener {

    static final String THREAD_PREFIX = "smtp-doctor-demo-";

    private final SMTPServer server;
    private final int logicalPort;
    private final Transport transport;

    private SmtpListener(SMTPServer server, int logicalPort, Transport transport) {
        this.server = server;
        this.logicalPort = logicalPort;
        this.transport = transport;
    }

    /**
     * @param tls            the certificate to present; required unless the transport is {@code PLAIN}
     * @param submission     a submission port (465, 587): AUTH is required before MAIL
     * @param sessionHandler decides when (and whether) to greet
     * @throws IllegalStateException when the socket cannot be bound
     */
    static SmtpListener start(InetAddress bind, String hostName, int logicalPort, Transport transport,
                              Optional<SSLContext> tls, boolean submission, Mailboxes mailboxes,
                              SessionHandler sessionHandler) {
        String name = THREAD_PREFIX + hostName + "-" + logicalPort;
        SMTPServer.Builder b = SMTPServer.port(0)
                .bindAddress(bind)
                .hostName(hostName)
                .softwareName("smtp-doctor demo")
                .messageHandlerFactory(mailboxes)
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(mailboxes))
                .requireAuth(submission)
                .sessionHandler(sessionHandler)
                .executorService(sessionPool(name))
                .serverThreadName(name)
                .maxConnections(64)
                .connectionTimeout(30, TimeUnit.SECONDS);
        switch (transport) {
            case IMPLICIT_TLS -> b.serverSocketFactory(required(tls, transport));
            case STARTTLS_REQUIRED -> b.enableTLS().requireTLS().startTlsSocketFactory(upgrader(required(tls, transport)));
            case STARTTLS_OPTIONAL -> b.enableTLS().startTlsSocketFactory(upgrader(required(tls, transport)));
            case PLAIN -> b.enableTLS(false);
        }
        SMTPServer server = b.build();
        server.start();
        return new SmtpListener(server, logicalPort, transport);
    }

    int logicalPort() {
        return logicalPort;
    }

    Transport transport() {
        return transport;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getBindAddress().orElseThrow(), server.getPortAllocated());
    }

    /** Stops accepting, closes every session and waits for their threads to end. Idempotent. */
    void stop() {
        server.stop();
    }

    private static SSLContext required(Optional<SSLContext> tls, Transport transport) {
        return tls.orElseThrow(() -> new IllegalArgumentException(transport + " needs a certificate"));
    }

    private static org.subethamail.smtp.server.SSLSocketCreator upgrader(SSLContext ctx) {
        return socket -> upgrade(ctx, socket);
    }

    /** The server side of STARTTLS over the accepted socket, with the JDK's default protocols and ciphers. */
    private static SSLSocket upgrade(SSLContext ctx, Socket socket) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        return ssl;
    }

    private static ExecutorService sessionPool(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, name + "-session-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newCachedThreadPool(f);
    }
}
