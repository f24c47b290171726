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
    void bidiAndZeroWidthCharactersInNamesAreReplaced() {
        // "mail.example.jp" written backwards behind a right-to-left override, and an invisible name part
        HeldCertificate ca = HeldCertificate.builder().commonName("Trusted\u202E\u2066 CA\uFEFF").certificateAuthority(0)
                .build();
        // (a dNSName is an IA5String: only ASCII survives its encoding, and the ASCII controls are covered above)
        HeldCertificate c = HeldCertificate.builder().commonName("\u202Epj.elpmaxe.liam\u200B\u2028\u009B")
                .signedBy(ca).build();

        CertificateSummary s = CertificateSummary.of(c.certificate());

        assertThat(s.subject()).isEqualTo("CN=\uFFFDpj.elpmaxe.liam\uFFFD\uFFFD\uFFFD");
        assertThat(s.commonName()).isEqualTo("\uFFFDpj.elpmaxe.liam\uFFFD\uFFFD\uFFFD");
        assertThat(s.presentedNames()).containsExactly("\uFFFDpj.elpmaxe.liam\uFFFD\uFFFD\uFFFD");
        assertThat(s.issuer()).isEqualTo("CN=Trusted\uFFFD\uFFFD CA\uFFFD");
    }

    @Test
    void ordinaryNamesAreLeftAlone() {
        HeldCertificate c = HeldCertificate.builder().commonName("メール サーバー\tsv1234").addDnsName("sv1234.xserver.jp")
                .build();

        CertificateSummary s = CertificateSummary.of(c.certificate());

        assertThat(s.commonName()).isEqualTo("メール サーバー\tsv1234");
        assertThat(s.dnsNames()).containsExactly("sv1234.xserver.jp");
    }
}
