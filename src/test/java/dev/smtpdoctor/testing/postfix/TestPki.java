package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The certificates the Postfix fixture serves, built fresh for each run: a test CA (the only root
 * the probes trust, through {@code TrustConfig.fromFile(caFile)}) and one key-and-chain file per
 * {@link ServerCertificate}, in the single-file form of Postfix's {@code smtpd_tls_chain_files}.
 *
 * @param caFile the test CA's certificate, PEM
 * @param dir    where the key-and-chain files are
 */
record TestPki(Path caFile, Path dir) {

    /** The typed host every scenario dials: what a user would enter in Gmail's "SMTP server" field. */
    static final String HOST = "mail.example.test";
    /** The hosting provider's own name, the only name on the mismatching certificate. */
    static final String PROVIDER_HOST = "sv1234.hosting.test";

    /** The certificates a listener can present. */
    enum ServerCertificate {
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

    static TestPki create(Path dir) throws IOException {
        Files.createDirectories(dir);
        HeldCertificate ca = HeldCertificate.builder()
                .commonName("smtp-doctor IT CA")
                .certificateAuthority(0)
                .build();
        Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        for (ServerCertificate c : ServerCertificate.values()) {
            HeldCertificate.Builder b = HeldCertificate.builder();
            switch (c) {
                case VALID -> b.commonName(HOST).addDnsName(HOST).signedBy(ca);
                case NAME_MISMATCH -> b.commonName(PROVIDER_HOST).addDnsName(PROVIDER_HOST).signedBy(ca);
                case SELF_SIGNED -> b.commonName(HOST).addDnsName(HOST);
                case EXPIRED -> b.commonName(HOST).addDnsName(HOST).signedBy(ca).expiredDaysAgo(10);
            }
            Path file = b.build().writeKeyAndChain(dir.resolve(c.fileName()));
            // Private keys: smtpd reads them as root before it drops privileges.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return new TestPki(caFile, dir);
    }

    Path keyAndChain(ServerCertificate c) {
        return dir.resolve(c.fileName());
    }
}
