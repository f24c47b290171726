package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.INTERMEDIATE;

import dev.smtpdoctor.testkit.HeldCertificate;

/** Certificates hostile or broken servers present; built on first use (EC keys, so fast). */
final class HostileCertificates {

    /** The chain a server sends in {@link HostileServer#CHAIN_OF_50_CERTIFICATES}: leaf and 49 intermediates. */
    static final int LONG_CHAIN = 50;

    static final HeldCertificate SELF_SIGNED = HeldCertificate.builder().commonName(HOST).addDnsName(HOST).build();
    /** Trusted, but made out for the hosting provider's name: the shared-hosting classic. */
    static final HeldCertificate OTHER_NAME = HeldCertificate.builder().commonName("sv1234.hosting.test")
            .addDnsName("sv1234.hosting.test").signedBy(INTERMEDIATE).build();
    static final HeldCertificate EXPIRED = HeldCertificate.builder().commonName(HOST).addDnsName(HOST)
            .expiredDaysAgo(3).signedBy(INTERMEDIATE).build();
    /** Terminal escape sequences in the subject and in a DNS name: they must never reach the user's terminal. */
    static final HeldCertificate ESCAPES = HeldCertificate.builder()
            .commonName("\u001b]0;owned\u0007\u001b[2Jevil")
            .addDnsName("evil\u001b[31m.example.test").signedBy(INTERMEDIATE).build();
    static final HeldCertificate CHAIN_50 = longChain();

    private HostileCertificates() {
    }

    private static HeldCertificate longChain() {
        int intermediates = LONG_CHAIN - 1;
        HeldCertificate issuer = HeldCertificate.builder().commonName("Long Chain Root")
                .certificateAuthority(intermediates).build();
        for (int i = 1; i <= intermediates; i++) {
            issuer = HeldCertificate.builder().commonName("Long Chain Intermediate " + i)
                    .certificateAuthority(intermediates - i).signedBy(issuer).build();
        }
        return HeldCertificate.builder().commonName(HOST).addDnsName(HOST).signedBy(issuer).build();
    }
}
