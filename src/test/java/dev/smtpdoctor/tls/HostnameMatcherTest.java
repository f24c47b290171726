package dev.smtpdoctor.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testkit.HeldCertificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
        "mail.example.jp, mail.example.jp",
        "MAIL.Example.JP, mail.example.jp",
        "mail.example.jp, MAIL.EXAMPLE.JP",
        "mail.example.jp., mail.example.jp",
        "mail.example.jp, mail.example.jp.",
        "mail.example.jp, *.example.jp",
        "MAIL.example.jp, *.EXAMPLE.jp",
        "sv1234.xserver.jp, *.xserver.jp",
        "mail.example.co.jp, *.example.co.jp",
    })
    void matches(String host, String presented) {
        assertThat(HostnameMatcher.matches(host, presented)).isTrue();
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
        "mail.example.jp, smtp.example.jp",
        "mail.example.jp, example.jp",
        "example.jp, *.example.jp",
        "a.b.example.jp, *.example.jp",
        "example.jp, *.jp",
        "mail.jp, *.jp",
        "mail.example.jp, mail*.example.jp",
        "mail.example.jp, m*.example.jp",
        "mail.example.jp, *",
        "mail.example.jp, *.*.jp",
        "mail.example.jp, mail.*.jp",
        "mail.example.jp.evil.test, mail.example.jp",
        "mail.example.jp, mail.example.jp.evil.test",
        "xmail.example.jp, mail.example.jp",
    })
    void doesNotMatch(String host, String presented) {
        assertThat(HostnameMatcher.matches(host, presented)).isFalse();
    }

    @Test
    void emptyNamesNeverMatch() {
        assertThat(HostnameMatcher.matches("", "")).isFalse();
        assertThat(HostnameMatcher.matches("mail.example.jp", "")).isFalse();
        assertThat(HostnameMatcher.match("", List.of("", "*.example.jp"))).isEmpty();
    }

    @Test
    void uLabelHostMatchesALabelCertificate() {
        // お名前.jp style hosts: the user types Unicode, certificates carry the A-label.
        String ascii = java.net.IDN.toASCII("メール.例え.jp");

        assertThat(ascii).startsWith("xn--");
        assertThat(HostnameMatcher.matches("メール.例え.jp", ascii)).isTrue();
        assertThat(HostnameMatcher.matches(ascii, "メール.例え.jp")).isTrue();
        assertThat(HostnameMatcher.matches("bücher.example", "xn--bcher-kva.example")).isTrue();
        assertThat(HostnameMatcher.matches("BÜCHER.example", "xn--bcher-kva.example")).isTrue();
    }

    @Test
    void wildcardOverUnicodeDomain() {
        String ascii = java.net.IDN.toASCII("例え.jp");

        assertThat(HostnameMatcher.matches("mail.例え.jp", "*." + ascii)).isTrue();
        assertThat(HostnameMatcher.matches("mail." + ascii, "*.例え.jp")).isTrue();
        assertThat(HostnameMatcher.matches("例え.jp", "*." + ascii)).isFalse();
    }

    @Test
    void differentUnicodeNamesDoNotMatch() {
        assertThat(HostnameMatcher.matches("bücher.example", "xn--bcher-kva.example.jp")).isFalse();
        assertThat(HostnameMatcher.matches("bucher.example", "xn--bcher-kva.example")).isFalse();
    }

    @Test
    void invalidNamesNeverMatch() {
        String tooLongLabel = "a".repeat(64) + ".example.jp";

        assertThat(HostnameMatcher.matches(tooLongLabel, tooLongLabel)).isFalse();
        assertThat(HostnameMatcher.matches("mail..example.jp", "mail..example.jp")).isFalse();
    }

    @Test
    void matchReportsWhichNameCovered() {
        List<String> presented = List.of("sv1234.xserver.jp", "*.xserver.jp", "mail.example.jp");

        assertThat(HostnameMatcher.match("mail.example.jp", presented)).contains("mail.example.jp");
        assertThat(HostnameMatcher.match("sv9.xserver.jp", presented)).contains("*.xserver.jp");
        assertThat(HostnameMatcher.match("SV1234.xserver.jp.", presented)).contains("sv1234.xserver.jp");
        assertThat(HostnameMatcher.match("smtp.example.jp", presented)).isEmpty();
        assertThat(HostnameMatcher.match("mail.example.jp", List.of())).isEmpty();
    }

    @Test
    void commonNameIsUsedOnlyWithoutSubjectAltNames() {
        HeldCertificate cnOnly = HeldCertificate.builder().commonName("mail.example.jp").build();
        HeldCertificate withSan = HeldCertificate.builder().commonName("mail.example.jp")
                .addDnsName("sv1234.xserver.jp").build();

        CertificateSummary cnSummary = CertificateSummary.of(cnOnly.certificate());
        CertificateSummary sanSummary = CertificateSummary.of(withSan.certificate());

        assertThat(cnSummary.dnsNames()).isEmpty();
        assertThat(cnSummary.presentedNames()).containsExactly("mail.example.jp");
        assertThat(HostnameMatcher.match("mail.example.jp", cnSummary.presentedNames())).contains("mail.example.jp");
        // RFC 6125 §6.4.4: once there is a DNS-ID the CN is not consulted.
        assertThat(sanSummary.presentedNames()).containsExactly("sv1234.xserver.jp");
        assertThat(HostnameMatcher.match("mail.example.jp", sanSummary.presentedNames())).isEmpty();
    }

    @Test
    void certificateSummaryShowsEverythingAUserNeeds() {
        HeldCertificate ca = HeldCertificate.builder().commonName("Test Root CA").certificateAuthority(0).build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("sv1234.xserver.jp")
                .addDnsName("sv1234.xserver.jp").addDnsName("*.xserver.jp").addIpAddress("192.0.2.7")
                .signedBy(ca).build();

        CertificateSummary s = CertificateSummary.of(leaf.certificate());

        assertThat(s.subject()).isEqualTo("CN=sv1234.xserver.jp");
        assertThat(s.commonName()).isEqualTo("sv1234.xserver.jp");
        assertThat(s.issuer()).isEqualTo("CN=Test Root CA");
        assertThat(s.dnsNames()).containsExactly("sv1234.xserver.jp", "*.xserver.jp");
        assertThat(s.ipAddresses()).containsExactly("192.0.2.7");
        assertThat(s.presentedNames()).containsExactly("sv1234.xserver.jp", "*.xserver.jp");
        assertThat(s.selfIssued()).isFalse();
        assertThat(s.sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(s.serialHex()).isEqualTo(leaf.certificate().getSerialNumber().toString(16));
        assertThat(s.notAfter()).isEqualTo(leaf.certificate().getNotAfter().toInstant());
        assertThat(CertificateSummary.of(ca.certificate()).selfIssued()).isTrue();
    }

    @Test
    void commonNameWithEscapedComma() {
        HeldCertificate odd = HeldCertificate.builder().commonName("Example, Inc. mail").build();

        assertThat(CertificateSummary.of(odd.certificate()).commonName()).isEqualTo("Example, Inc. mail");
    }
}
