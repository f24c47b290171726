package dev.smtpdoctor.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate with its private key, built in code: roots, intermediates and leaves with any names
 * and any validity (expired, not yet valid), signed by any issuer or by themselves. Modelled on
 * OkHttp's HeldCertificate. Test code only (Bouncy Castle is a test dependency): the tests' CAs, and
 * {@code DemoCertificatesGenerator}, which made the demo's committed certificates — never for anything that
 * faces the Internet.
 *
 * @param chain this certificate first, then its issuers up to (not including) the root
 */
public record HeldCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public HeldCertificate {
        chain = List.copyOf(chain);
    }

    public static Builder builder() {
        return new Builder();
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** PEM of the certificate alone. */
    public String certificatePem() {
        return pem(List.of(certificate));
    }

    /** PEM of the chain to send: this certificate, then its intermediates. */
    public String chainPem() {
        return pem(chain);
    }

    /**
     * PEM of the private key in PKCS#8 form ({@code BEGIN PRIVATE KEY}), which OpenSSL (Postfix, Dovecot),
     * the JDK and Bouncy Castle all read. Not the "traditional" form Bouncy Castle writes for a bare
     * key: for the JDK's EC keys that comes out as {@code BEGIN EC PRIVATE KEY} without the curve
     * (the JDK keeps it only in the PKCS#8 algorithm identifier), and OpenSSL cannot load it.
     */
    public String privateKeyPem() {
        return pem(List.of(new PemObject("PRIVATE KEY", keyPair.getPrivate().getEncoded())));
    }

    /** Writes the certificate alone (for a CA file a client trusts). */
    public Path writeCertificate(Path file) {
        return write(file, certificatePem());
    }

    /** Writes key then chain, the single-file form Postfix's {@code smtpd_tls_chain_files} reads. */
    public Path writeKeyAndChain(Path file) {
        return write(file, privateKeyPem() + chainPem());
    }

    /** A server-side SSLContext presenting this certificate and its chain. */
    public SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "held".toCharArray();
            ks.setKeyEntry("key", keyPair.getPrivate(), pw, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server context", e);
        }
    }

    /** A client-side SSLContext trusting exactly the given roots (for tests of servers). */
    public static SSLContext clientContextTrusting(HeldCertificate... roots) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < roots.length; i++) {
                ks.setCertificateEntry("root" + i, roots[i].certificate());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client context", e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(List<?> objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** Defaults: EC P-256, valid from an hour ago for 90 days, self-signed, a leaf. */
    public static final class Builder {
        private String commonName = "smtp-doctor test";
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = notBefore.plus(Duration.ofDays(90));
        private HeldCertificate issuer;
        private int maxIntermediates = -1;
        private boolean rsa;

        public Builder commonName(String cn) {
            this.commonName = cn;
            return this;
        }

        public Builder addDnsName(String name) {
            dnsNames.add(name);
            return this;
        }

        public Builder addIpAddress(String ip) {
            ipAddresses.add(ip);
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** Valid from {@code days + 30} days ago until {@code days} days ago. */
        public Builder expiredDaysAgo(int days) {
            Instant end = Instant.now().minus(Duration.ofDays(days));
            return validity(end.minus(Duration.ofDays(30)), end);
        }

        public Builder signedBy(HeldCertificate issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Makes this a CA that may sign {@code maxIntermediates} levels of CAs below it. */
        public Builder certificateAuthority(int maxIntermediates) {
            this.maxIntermediates = maxIntermediates;
            return this;
        }

        public Builder rsa2048() {
            this.rsa = true;
            return this;
        }

        public HeldCertificate build() {
            try {
                KeyPair kp = keyPair();
                X500Name subject = new X500Name("CN=" + commonName.replace(",", "\\,"));
                X500Name issuerName = issuer == null ? subject
                        : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
                PrivateKey signingKey = issuer == null ? kp.getPrivate() : issuer.privateKey();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subject, kp.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                if (maxIntermediates >= 0) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(maxIntermediates));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                }
                List<GeneralName> names = new ArrayList<>();
                dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
                ipAddresses.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
                if (!names.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                String alg = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                ContentSigner signer = new JcaContentSignerBuilder(alg).build(signingKey);
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(cert);
                if (issuer != null && issuer.issuerIsNotRoot()) {
                    chain.addAll(issuer.chain());
                }
                return new HeldCertificate(cert, kp, chain);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot build certificate", e);
            }
        }

        private KeyPair keyPair() throws GeneralSecurityException {
            if (rsa) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        }
    }

    /** True for intermediates: a root is never sent in a chain. */
    boolean issuerIsNotRoot() {
        return !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }
}
