package dev.smtpdoctor.tls;

import dev.smtpdoctor.model.Deadline;
import java.io.IOException;
import java.net.IDN;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Runs a client TLS handshake over an already connected socket (implicit TLS from the first byte, or
 * after STARTTLS) and records what it showed. Thread-safe; each call uses its own SSLContext.
 */
public final class TlsHandshaker {

    static {
        TlsProtocols.allowDiagnosticVersions();
    }

    private final TrustConfig trust;
    private final Clock clock;

    public TlsHandshaker(TrustConfig trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /** The upgraded socket and what the handshake showed. The caller owns (and closes) the socket. */
    public record Handshake(SSLSocket socket, TlsObservation observation) {
    }

    /**
     * A handshake that failed, with whatever the server showed before it did (the chain, when it got
     * that far). The message is the TLS library's, which names the alert or the protocol error.
     */
    public static final class HandshakeFailedException extends IOException {
        private final transient Optional<TlsObservation> partial;

        HandshakeFailedException(IOException cause, Optional<TlsObservation> partial) {
            super(cause.getMessage(), cause);
            this.partial = partial;
        }

        public Optional<TlsObservation> partial() {
            return partial;
        }
    }

    /**
     * Upgrades {@code raw}. {@code host} is what the user typed: it is sent as SNI (unless an IP
     * address) and the certificate's names are checked against it.
     *
     * @throws HandshakeFailedException when the handshake does not complete, within the deadline or at all
     */
    public Handshake handshake(Socket raw, String host, int port, Deadline deadline) throws IOException {
        return handshake(raw, host, port, deadline, TlsProtocols.MODERN);
    }

    /**
     * A handshake for diagnosis only, never followed by credentials: it also offers TLS 1.1 and 1.0
     * ({@link TlsProtocols#WITH_OBSOLETE}) so that an old server shows which version it speaks. The caller
     * closes the socket after reading the observation.
     */
    public Handshake diagnosticHandshake(Socket raw, String host, int port, Deadline deadline) throws IOException {
        return handshake(raw, host, port, deadline, TlsProtocols.WITH_OBSOLETE);
    }

    private Handshake handshake(Socket raw, String host, int port, Deadline deadline, List<String> protocols)
            throws IOException {
        RecordingTrustManager recorder = new RecordingTrustManager(trust.trustManager());
        SSLSocket ssl;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recorder}, null);
            ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS implementation", e);
        }
        TlsProtocols.enable(ssl, protocols);
        Optional<String> sni = sniName(host);
        SSLParameters params = ssl.getSSLParameters();
        params.setServerNames(sni.map(n -> List.<javax.net.ssl.SNIServerName>of(new SNIHostName(n))).orElse(List.of()));
        ssl.setSSLParameters(params);
        // The socket timeout restarts with every byte, so a server dribbling its handshake would outlast
        // it; a watchdog closes the socket when the deadline passes, which ends the handshake at once.
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("tls-deadline-" + host).start(() -> {
            try {
                Thread.sleep(Math.max(1, deadline.remainingMillis()));
                expired.set(true);
                raw.close();
            } catch (InterruptedException | IOException e) {
                // Interrupted: the handshake ended in time. A failed close leaves nothing to do.
            }
        });
        try {
            ssl.setSoTimeout(deadline.socketTimeoutMillis());
            ssl.startHandshake();
        } catch (IOException e) {
            IOException cause = expired.get() || deadline.expired()
                    ? new java.net.SocketTimeoutException("TLS handshake deadline passed") : e;
            throw new HandshakeFailedException(cause, observe(recorder, host, sni, null));
        } finally {
            watchdog.interrupt();
        }
        return new Handshake(ssl, observe(recorder, host, sni, ssl.getSession()).orElseThrow());
    }

    private Optional<TlsObservation> observe(RecordingTrustManager recorder, String host, Optional<String> sni,
                                             SSLSession session) {
        ChainVerdict verdict = recorder.verdict();
        if (verdict == null) {
            return Optional.empty();
        }
        List<CertificateSummary> chain = new ArrayList<>();
        for (X509Certificate c : recorder.chain()) {
            chain.add(CertificateSummary.of(c));
        }
        List<String> names = chain.isEmpty() ? List.of() : chain.get(0).presentedNames();
        NameVerdict name = new NameVerdict(host, names, HostnameMatcher.match(host, names));
        Instant now = clock.instant();
        long daysLeft = chain.isEmpty() ? 0 : Duration.between(now, chain.get(0).notAfter()).toDays();
        if (!chain.isEmpty() && chain.get(0).notAfter().isBefore(now) && daysLeft == 0) {
            daysLeft = -1;
        }
        String protocol = session != null ? session.getProtocol() : recorder.protocol();
        String cipher = session != null ? session.getCipherSuite() : recorder.cipherSuite();
        return Optional.of(new TlsObservation(protocol, cipher, sni, chain, verdict, name, now, daysLeft));
    }

    /** SNI carries a DNS name in A-label form (RFC 6066 §3); never an IP literal. */
    static Optional<String> sniName(String host) {
        if (host.isEmpty() || host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
            new SNIHostName(ascii);
            return Optional.of(ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
