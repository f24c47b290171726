package dev.smtpdoctor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNamesTest {

    @ParameterizedTest
    @CsvSource({
            "smtp.example.jp, true", "sv1234.xserver.jp, true", "a_b.example.jp, true", "localhost, true",
            "xn--r8jz45g.jp, true", "smtp..example.jp, false", "-smtp.example.jp, false", "smtp-.example.jp, false",
            "1.2.3.999, false", "'', false", "smtp.example.jp., false"})
    void hostNames(String host, boolean valid) {
        assertThat(HostNames.isHostName(host)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({
            "::1, true", "::, true", "2001:db8::25, true", "fe80::1, true", "1:2:3:4:5:6:7:8, true",
            "::ffff:192.0.2.1, true", "1:2:3:4:5:6:7:8:9, false", "1::2::3, false", "2001:db8::g, false",
            "1:2:3, false", "smtp.example.jp, false", ":::1, false"})
    void ipv6Literals(String host, boolean valid) {
        assertThat(HostNames.isIpv6(host)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({
            "localhost, true", "smtp, true", "mail.local, true", "nas.home.arpa, true", "10.0.0.1, true",
            "172.16.0.1, true", "172.32.0.1, false", "192.168.0.1, true", "127.0.0.1, true", "169.254.1.1, true",
            "100.64.0.1, true", "::1, true", "fd00::1, true", "fe80::1, true", "fc::1, false",
            "203.0.113.5, false", "2001:db8::1, false", "smtp.example.jp, false", "localhost.example.jp, false"})
    void notPublic(String host, boolean local) {
        assertThat(HostNames.isNotPublic(host)).isEqualTo(local);
    }
}
