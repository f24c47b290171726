package dev.smtpdoctor.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts every server chain so the handshake completes, and records the chain, the negotiated
 * parameters and the delegate's PKIX verdict. Nothing is trusted by virtue of this class: the probe
 * reads {@link #verdict()} and withholds credentials from a server whose certificate Gmail would refuse.
 *
 * <p>The JDK aborts the handshake on the first validation error and keeps no chain; a diagnosis tool
 * must show the chain of exactly the servers that fail. One instance serves one handshake.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager delegate;
    private volatile List<X509Certificate> chain = List.of();
    private volatile ChainVerdict verdict;
    private volatile String protocol = "";
    private volatile String cipherSuite = "";

    RecordingTrustManager(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            record(ssl.getHandshakeSession());
        }
        evaluate(presented, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        if (engine != null) {
            record(engine.getHandshakeSession());
        }
        evaluate(presented, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
        evaluate(presented, authType);
    }

    private void record(SSLSession session) {
        if (session != null) {
            protocol = session.getProtocol();
            cipherSuite = session.getCipherSuite();
        }
    }

    private void evaluate(X509Certificate[] presented, String authType) {
        if (presented == null || presented.length == 0) {
            verdict = new ChainVerdict(ChainVerdict.Status.INVALID, "no certificate presented");
            return;
        }
        chain = List.of(presented);
        try {
            // The two-argument form: PKIX path and validity, no host name (that is NameVerdict's job).
            delegate.checkServerTrusted(presented, authType);
            verdict = new ChainVerdict(ChainVerdict.Status.TRUSTED, "");
        } catch (CertificateException e) {
            verdict = classify(presented, e);
        } catch (RuntimeException e) {
            verdict = new ChainVerdict(ChainVerdict.Status.INVALID, String.valueOf(e.getMessage()));
        }
        // The validator's messages may quote the certificate's names, which the server chose.
    }

    private static ChainVerdict classify(X509Certificate[] presented, CertificateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return new ChainVerdict(ChainVerdict.Status.EXPIRED, String.valueOf(t.getMessage()));
            }
            if (t instanceof CertificateNotYetValidException) {
                return new ChainVerdict(ChainVerdict.Status.NOT_YET_VALID, String.valueOf(t.getMessage()));
            }
        }
        X509Certificate leaf = presented[0];
        boolean selfSigned = presented.length == 1
                && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        return new ChainVerdict(selfSigned ? ChainVerdict.Status.SELF_SIGNED : ChainVerdict.Status.UNTRUSTED,
                String.valueOf(e.getMessage()));
    }

    List<X509Certificate> chain() {
        return chain;
    }

    /** Null until the server presented its certificate. */
    ChainVerdict verdict() {
        return verdict;
    }

    String protocol() {
        return protocol;
    }

    String cipherSuite() {
        return cipherSuite;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
