package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.InMemoryDns;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Every text of a DNS answer — TXT strings, MX, SRV and PTR names, CNAME aliases, failed names — comes out printable. */
class SanitisedDnsTest {

    private static final String ZONE = """
            example.jp TXT "v=spf1 \u001B[2J\u009B31m\u202E -all" "\u200B\uFEFF\tend"
            example.jp MX 10 mx\u202E.example.jp
            _submissions._tcp.example.jp SRV 0 1 465 smtp\u2066\u2069.example.jp
            alias.example.jp CNAME target\u200D.example.jp
            target\u200D.example.jp TXT "t"
            10.2.0.192.in-addr.arpa PTR host\u200F.example.jp
            """;

    private final Dns dns = SanitisedDns.of(InMemoryDns.zone(ZONE));

    @Test
    void answersAreCleaned() throws Exception {
        // TAB is kept where text enters: it keeps "v=spf1\tmx" a broken SPF record, as receivers see it
        assertThat(dns.txt("example.jp").records())
                .containsExactly("v=spf1 \uFFFD[2J\uFFFD31m\uFFFD -all\uFFFD\uFFFD\tend");
        assertThat(dns.mx("example.jp").records()).containsExactly(new MxRecord(10, "mx\uFFFD.example.jp"));
        assertThat(dns.srv("_submissions._tcp.example.jp").records())
                .containsExactly(new SrvRecord(0, 1, 465, "smtp\uFFFD\uFFFD.example.jp"));
        assertThat(((DnsResult.Found<String>) dns.txt("alias.example.jp")).cnameChain())
                .containsExactly("target\uFFFD.example.jp");
        assertThat(dns.ptr(InetAddress.getByName("192.0.2.10")).records()).containsExactly("host\uFFFD.example.jp");
        assertThat(dns.txt("nothing\u202E.example.jp")).isEqualTo(new DnsResult.NoSuchDomain<>("nothing\uFFFD.example.jp"));
    }

    @Test
    void wrappingTwiceIsOneWrapper() {
        assertThat(SanitisedDns.of(dns)).isSameAs(dns);
    }
}
