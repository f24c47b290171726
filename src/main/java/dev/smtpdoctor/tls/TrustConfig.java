package dev.smtpdoctor.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which roots a chain must lead to: the JDK's system trust store (what a public client such as
 * Gmail trusts, roughly), or the CA certificates in a PEM file the user passes with {@code --ca-file}.
 * Immutable and thread-safe.
 */
public final class TrustConfig {

    private final X509TrustManager trustManager;
    private final String description;

    private TrustConfig(X509TrustManager trustManager, String description) {
        this.trustManager = trustManager;
        this.description = description;
    }

    public static TrustConfig system() {
        try {
            return new TrustConfig(fromKeyStore(null), "system");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be loaded", e);
        }
    }

    /**
     * Trusts exactly the certificates in a PEM (or DER) file.
     *
     * @throws TrustConfigException with a message fit for the user when the file is missing, unreadable
     *                              or holds no certificate
     */
    public static TrustConfig fromFile(Path file) throws TrustConfigException {
        if (!Files.isRegularFile(file)) {
            throw new TrustConfigException(TrustConfigException.Reason.NOT_FOUND, file);
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new TrustConfigException(TrustConfigException.Reason.UNREADABLE, file);
        } catch (CertificateException e) {
            throw new TrustConfigException(TrustConfigException.Reason.NOT_CERTIFICATES, file);
        }
        if (certs.isEmpty()) {
            throw new TrustConfigException(TrustConfigException.Reason.NOT_CERTIFICATES, file);
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return new TrustConfig(fromKeyStore(ks), file.toString());
        } catch (GeneralSecurityException | IOException e) {
            throw new TrustConfigException(TrustConfigException.Reason.NOT_CERTIFICATES, file);
        }
    }

    private static X509TrustManager fromKeyStore(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** "system" or the CA file's path. */
    public String description() {
        return description;
    }
}
