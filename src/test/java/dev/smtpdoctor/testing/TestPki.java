package dev.smtpdoctor.testing;

import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The certificates the real test MTAs (Postfix, Exim, OpenSMTPD) serve, built fresh for each run: a test
 * CA (the only root the probes trust, through {@code TrustConfig.fromFile(caFile)}) and per
 * {@link ServerCertificate} one key-and-chain file, in the single-file form of Postfix's
 * {@code smtpd_tls_chain_files}, plus the chain and the key apart (Exim's {@code tls_certificate} /
 * {@code tls_privatekey}, OpenSMTPD's {@code pki ... cert} / {@code key}).
 *
 * @param caFile the test CA's certificate, PEM
 * @param dir    where the key-and-chain files are
 */
public record TestPki(Path caFile, Path dir) {

    /** The typed host every scenario dials: what a user would enter in Gmail's "SMTP server" field. */
    public static final String HOST = "mail.example.test";
    /** The hosting provider's own name, the only name on the mismatching certificate. */
    public static final String PROVIDER_HOST = "sv1234.hosting.test";

    /** The certificates a listener can present. */
    public enum ServerCertificate {
        /** Issued by the test CA for {@link #HOST}: what Gmail accepts. */
        VALID,
        /** Issued by the test CA, but only for {@link #PROVIDER_HOST}: the shared-hosting case. */
        NAME_MISMATCH,
        /** Issued by itself for {@link #HOST}. */
        SELF_SIGNED,
        /** Issued by the test CA for {@link #HOST}, expired ten days ago. */
        EXPIRED;

        String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-') + ".pem";
        }
    }

    public static TestPki create(Path dir) throws IOException {
        return create(dir, false);
    }

    /**
     * @param rsa RSA 2048 keys instead of the default EC: GnuTLS (Exim) cannot read the JDK's PKCS#8 EC keys
     *            ("ASN1 parser: Element was not found"), and OpenSMTPD's privilege-separated signing is
     *            older and better trodden for RSA
     */
    public static TestPki create(Path dir, boolean rsa) throws IOException {
        Files.createDirectories(dir);
        HeldCertificate ca = HeldCertificate.builder()
                .commonName("smtp-doctor IT CA")
                .certificateAuthority(0)
                .build();
        Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        for (ServerCertificate c : ServerCertificate.values()) {
            HeldCertificate.Builder b = HeldCertificate.builder();
            if (rsa) {
                b.rsa2048();
            }
            switch (c) {
                case VALID -> b.commonName(HOST).addDnsName(HOST).signedBy(ca);
                case NAME_MISMATCH -> b.commonName(PROVIDER_HOST).addDnsName(PROVIDER_HOST).signedBy(ca);
                case SELF_SIGNED -> b.commonName(HOST).addDnsName(HOST);
                case EXPIRED -> b.commonName(HOST).addDnsName(HOST).signedBy(ca).expiredDaysAgo(10);
            }
            HeldCertificate held = b.build();
            Path file = held.writeKeyAndChain(dir.resolve(c.fileName()));
            Path key = Files.writeString(dir.resolve("key-" + c.fileName()), held.privateKeyPem());
            Files.writeString(dir.resolve("chain-" + c.fileName()), held.chainPem());
            // Private keys: smtpd reads them as root before it drops privileges. Exim reads them as its
            // own user: its harness copies them (EximServer).
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return new TestPki(caFile, dir);
    }

    /** The private key and the chain (leaf first) in one PEM file. */
    public Path keyAndChain(ServerCertificate c) {
        return dir.resolve(c.fileName());
    }

    /** The chain alone, leaf first, PEM. */
    public Path chain(ServerCertificate c) {
        return dir.resolve("chain-" + c.fileName());
    }

    /** The private key alone, PKCS#8 PEM, readable by root only. */
    public Path privateKey(ServerCertificate c) {
        return dir.resolve("key-" + c.fileName());
    }
}
