package dev.smtpdoctor.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The private key PEM must be PKCS#8: OpenSSL (Postfix's smtpd_tls_chain_files) could not load the
 * curve-less "EC PRIVATE KEY" form written before.
 */
class HeldCertificatePemTest {

    @Test
    void ecPrivateKeyIsWrittenAsPkcs8AndReadsBack() throws Exception {
        HeldCertificate held = HeldCertificate.builder().addDnsName("mail.example.test").build();
        assertReadsBack(held, "EC");
    }

    @Test
    void rsaPrivateKeyIsWrittenAsPkcs8AndReadsBack() throws Exception {
        HeldCertificate held = HeldCertificate.builder().rsa2048().addDnsName("mail.example.test").build();
        assertReadsBack(held, "RSA");
    }

    @Test
    void keyAndChainFileHasTheKeyFirstThenTheLeaf() {
        HeldCertificate ca = HeldCertificate.builder().certificateAuthority(0).build();
        HeldCertificate leaf = HeldCertificate.builder().signedBy(ca).addDnsName("mail.example.test").build();
        String text = leaf.privateKeyPem() + leaf.chainPem();
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(text.indexOf("-----BEGIN CERTIFICATE-----")).isGreaterThan(text.indexOf("-----END PRIVATE KEY-----"));
    }

    private static void assertReadsBack(HeldCertificate held, String algorithm) throws Exception {
        String pem = held.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").doesNotContain("EC PRIVATE KEY");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        assertThat(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)))
                .isEqualTo(held.privateKey());
    }
}
