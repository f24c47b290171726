package dev.smtpdoctor.demo;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

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

    /**
     * A server-side SSLContext presenting this certificate and its chain. The key goes to the context as it is:
     * through a PKCS12 key store it would be encrypted and decrypted again with PBKDF2 (10,000 iterations each
     * way), ~100 ms of the demo's start for nothing (docs/benchmarks.md).
     */
    SSLContext serverContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {new OneKey(privateKey, chain.toArray(X509Certificate[]::new))}, null,
                    new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a server context", e);
        }
    }

    /** The one key and chain, for every key type and client asked about: the server has nothing else to offer. */
    private static final class OneKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "demo";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        OneKey(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        private String aliasFor(String keyType) {
            return key.getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return aliasFor(keyType) == null ? null : new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
