package dev.smtpdoctor.demo;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * One of the demo's certificates with its private key (a public test key, see
 * {@code certificates/README.md}), as {@link DemoCertificates} loads it.
 *
 * @param chain this certificate first, then its issuers up to (not including) the root
 */
record DemoCertificate(PrivateKey privateKey, List<X509Certificate> chain) {

    DemoCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs a certificate");
        }
    }

    X509Certificate certificate() {
        return chain.getFirst();
    }

    /** A server-side SSLContext presenting this certificate and its chain. */
    SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "demo".toCharArray();
            ks.setKeyEntry("key", privateKey, pw, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server context", e);
        }
    }
}
