package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsServerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            192.0.2.53,          192.0.2.53,  53
            ' 192.0.2.53:5353 ', 192.0.2.53,  5353
            [2001:db8::53]:5300, 2001:db8::53, 5300
            [2001:db8::53],      2001:db8::53, 53
            2001:db8::53,        2001:db8::53, 53
            ::1,                 ::1,          53
            """)
    void addressAndOptionalPort(String text, String address, int port) throws Exception {
        DnsServer s = DnsServer.parse(text);

        assertThat(s.address()).isEqualTo(InetAddress.getByName(address));
        assertThat(s.port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns.example.test", "dns.example.test:53", "192.0.2.53:0", "192.0.2.53:65536", "192.0.2",
        "192.0.2.256", "[192.0.2.53]:53x", "2001:db8::53:5300:zz", "", ":53", "[]:53"})
    void rejected(String text) {
        assertThatThrownBy(() -> DnsServer.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.53:5353", "[2001:db8::53]:53"})
    void printsInAFormItParses(String text) {
        DnsServer s = DnsServer.parse(text);

        assertThat(DnsServer.parse(s.toString())).isEqualTo(s);
    }
}
