package dev.smtpdoctor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which hosts the lint warns Google cannot reach (the syntax of names is model.HostNameTest's). */
class NotPublicHostTest {

    @ParameterizedTest
    @CsvSource({
            "localhost, true", "smtp, true", "mail.local, true", "nas.home.arpa, true", "10.0.0.1, true",
            "172.16.0.1, true", "172.32.0.1, false", "192.168.0.1, true", "127.0.0.1, true", "169.254.1.1, true",
            "100.64.0.1, true", "::1, true", "fd00::1, true", "fe80::1, true", "fc::1, false",
            "203.0.113.5, false", "2001:db8::1, false", "smtp.example.jp, false", "localhost.example.jp, false"})
    void notPublic(String host, boolean local) {
        assertThat(ServerField.isNotPublic(host)).isEqualTo(local);
    }
}
