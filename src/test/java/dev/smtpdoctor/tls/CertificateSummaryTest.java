package dev.smtpdoctor.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testkit.HeldCertificate;
import org.junit.jupiter.api.Test;

/** A certificate's names are the server's text: shown, but never able to drive the user's terminal. */
class CertificateSummaryTest {

    @Test
    void controlCharactersInNamesAreReplaced() {
        HeldCertificate c = HeldCertificate.builder().commonName("\u001b]0;owned\u0007\u001b[2Jevil")
                .addDnsName("evil\u001b[31m.example.test").build();

        CertificateSummary s = CertificateSummary.of(c.certificate());

        assertThat(s.dnsNames()).containsExactly("evil\uFFFD[31m.example.test");
        assertThat(s.subject()).doesNotContain("\u001b", "\u0007").contains("\uFFFD[2Jevil");
        assertThat(s.issuer()).doesNotContain("\u001b", "\u0007");
        assertThat(s.commonName()).doesNotContain("\u001b", "\u0007");
    }

    @Test
    void printableLeavesOrdinaryTextAlone() {
        assertThat(CertificateSummary.printable("sv1234.xserver.jp")).isEqualTo("sv1234.xserver.jp");
        assertThat(CertificateSummary.printable("a\u0000b\u009bc\u007fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    }
}
