package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.InMemoryDns;
import java.net.InetAddress;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of RFC 7208 Appendix A, over the appendix's own zone (A intro): each record of A.1 is
 * published as example.com's SPF record and evaluated for the hosts the appendix names. A.2 and A.3
 * use the appendix's records; the SPF records of example.com and example.net in A.2 and the sending
 * hosts are this test's choice, since the appendix leaves them open.
 */
class SpfRfcExamplesTest {

    /** RFC 7208 Appendix A, the zone every example uses. */
    static final String APPENDIX_A_ZONE = """
            example.com.              A     192.0.2.10
            example.com.              A     192.0.2.11
            amy.example.com.          A     192.0.2.65
            bob.example.com.          A     192.0.2.66
            mail-a.example.com.       A     192.0.2.129
            mail-b.example.com.       A     192.0.2.130
            www.example.com.          CNAME example.com.
            example.com.              MX    10 mail-a.example.com.
            example.com.              MX    20 mail-b.example.com.
            example.org.              MX    10 mail-c.example.org.
            mail-c.example.org.       A     192.0.2.140
            10.2.0.192.in-addr.arpa.  PTR   example.com.
            11.2.0.192.in-addr.arpa.  PTR   example.com.
            65.2.0.192.in-addr.arpa.  PTR   amy.example.com.
            66.2.0.192.in-addr.arpa.  PTR   bob.example.com.
            129.2.0.192.in-addr.arpa. PTR   mail-a.example.com.
            130.2.0.192.in-addr.arpa. PTR   mail-b.example.com.
            140.2.0.192.in-addr.arpa. PTR   mail-c.example.org.
            4.0.0.10.in-addr.arpa.    PTR   bob.example.com.
            """;

    static Stream<Arguments> simpleExamples() {
        return Stream.of(
                // "any <ip> passes"
                row("v=spf1 +all", "192.0.2.129", SpfVerdict.PASS),
                row("v=spf1 +all", "198.51.100.1", SpfVerdict.PASS),
                // "hosts 192.0.2.10 and 192.0.2.11 pass"
                row("v=spf1 a -all", "192.0.2.10", SpfVerdict.PASS),
                row("v=spf1 a -all", "192.0.2.11", SpfVerdict.PASS),
                row("v=spf1 a -all", "192.0.2.65", SpfVerdict.FAIL),
                // "no sending hosts pass since example.org has no A records"
                row("v=spf1 a:example.org -all", "192.0.2.10", SpfVerdict.FAIL),
                row("v=spf1 a:example.org -all", "192.0.2.140", SpfVerdict.FAIL),
                // "sending hosts 192.0.2.129 and 192.0.2.130 pass"
                row("v=spf1 mx -all", "192.0.2.129", SpfVerdict.PASS),
                row("v=spf1 mx -all", "192.0.2.130", SpfVerdict.PASS),
                row("v=spf1 mx -all", "192.0.2.10", SpfVerdict.FAIL),
                // "sending host 192.0.2.140 passes"
                row("v=spf1 mx:example.org -all", "192.0.2.140", SpfVerdict.PASS),
                row("v=spf1 mx:example.org -all", "192.0.2.129", SpfVerdict.FAIL),
                // "sending hosts 192.0.2.129, 192.0.2.130, and 192.0.2.140 pass"
                row("v=spf1 mx mx:example.org -all", "192.0.2.129", SpfVerdict.PASS),
                row("v=spf1 mx mx:example.org -all", "192.0.2.130", SpfVerdict.PASS),
                row("v=spf1 mx mx:example.org -all", "192.0.2.140", SpfVerdict.PASS),
                row("v=spf1 mx mx:example.org -all", "192.0.2.65", SpfVerdict.FAIL),
                // "any sending host in 192.0.2.128/30 or 192.0.2.140/30 passes"
                row("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.128", SpfVerdict.PASS),
                row("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.131", SpfVerdict.PASS),
                row("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.143", SpfVerdict.PASS),
                row("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.132", SpfVerdict.FAIL),
                row("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.139", SpfVerdict.FAIL),
                // "sending host 192.0.2.65 passes (reverse DNS is valid and is in example.com)"
                row("v=spf1 ptr -all", "192.0.2.65", SpfVerdict.PASS),
                // "sending host 192.0.2.140 fails (reverse DNS is valid, but not in example.com)"
                row("v=spf1 ptr -all", "192.0.2.140", SpfVerdict.FAIL),
                // "sending host 10.0.0.4 fails (reverse IP is not valid)"
                row("v=spf1 ptr -all", "10.0.0.4", SpfVerdict.FAIL),
                // "sending host 192.0.2.65 fails", "sending host 192.0.2.129 passes"
                row("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.65", SpfVerdict.FAIL),
                row("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.129", SpfVerdict.PASS));
    }

    @ParameterizedTest(name = "A.1 {0} for {1} -> {2}")
    @MethodSource("simpleExamples")
    void appendixA1SimpleExamples(String record, String ip, SpfVerdict expected) throws Exception {
        InMemoryDns dns = InMemoryDns.zone(APPENDIX_A_ZONE).add("example.com. TXT \"" + record + "\"");

        SpfResult r = new SpfEvaluator(dns).check(InetAddress.getByName(ip), "user@example.com", "mail.example.net");

        assertThat(r.verdict()).as(r.toString()).isEqualTo(expected);
        assertThat(r.record()).contains(record);
    }

    static Stream<Arguments> multipleDomains() {
        return Stream.of(
                row("user@la.example.org", "192.0.2.129", SpfVerdict.PASS), // example.com's mx, through redirect + include
                row("user@ny.example.org", "198.51.100.7", SpfVerdict.PASS), // example.net's range
                row("user@sf.example.org", "192.0.2.65", SpfVerdict.FAIL),
                row("user@example.org", "192.0.2.130", SpfVerdict.PASS),
                row("user@example.org", "203.0.113.1", SpfVerdict.FAIL));
    }

    /** A.2: several domains sharing one policy through include and redirect. */
    @ParameterizedTest(name = "A.2 {0} from {1} -> {2}")
    @MethodSource("multipleDomains")
    void appendixA2MultipleDomains(String sender, String ip, SpfVerdict expected) throws Exception {
        InMemoryDns dns = InMemoryDns.zone(APPENDIX_A_ZONE).add("""
                example.org.    TXT "v=spf1 include:example.com include:example.net -all"
                la.example.org. TXT "v=spf1 redirect=example.org"
                ny.example.org. TXT "v=spf1 redirect=example.org"
                sf.example.org. TXT "v=spf1 redirect=example.org"
                example.com.    TXT "v=spf1 mx -all"
                example.net.    TXT "v=spf1 ip4:198.51.100.0/24 -all"
                """);

        SpfResult r = new SpfEvaluator(dns).check(InetAddress.getByName(ip), sender, "unknown");

        assertThat(r.verdict()).as(r.toString()).isEqualTo(expected);
    }

    static Stream<Arguments> dnsblStyle() {
        return Stream.of(
                row("mary@example.com", "203.0.113.9", SpfVerdict.PASS),
                row("fred@example.com", "203.0.113.9", SpfVerdict.PASS),
                row("fred+bulk@example.com", "203.0.113.9", SpfVerdict.PASS), // %{l1r+}: the part before "+"
                row("joel@example.com", "192.168.15.15", SpfVerdict.PASS),
                row("joel@example.com", "192.168.15.16", SpfVerdict.PASS),
                row("joel@example.com", "192.168.15.17", SpfVerdict.FAIL),
                row("alice@example.com", "203.0.113.9", SpfVerdict.FAIL),
                row("alice@example.com", "192.0.2.129", SpfVerdict.PASS)); // the mx
    }

    /** A.3: mobile and remote users listed in DNS, found through exists: and macros. */
    @ParameterizedTest(name = "A.3 {0} from {1} -> {2}")
    @MethodSource("dnsblStyle")
    void appendixA3DnsblStylePerUserPolicy(String sender, String ip, SpfVerdict expected) throws Exception {
        InMemoryDns dns = InMemoryDns.zone(APPENDIX_A_ZONE).add("""
                example.com. TXT "v=spf1 mx include:mobile-users._spf.%{d} include:remote-users._spf.%{d} -all"
                mobile-users._spf.example.com. TXT "v=spf1 exists:%{l1r+}.%{d}"
                remote-users._spf.example.com. TXT "v=spf1 exists:%{ir}.%{l1r+}.%{d}"
                mary.mobile-users._spf.example.com. A 127.0.0.2
                fred.mobile-users._spf.example.com. A 127.0.0.2
                15.15.168.192.joel.remote-users._spf.example.com. A 127.0.0.2
                16.15.168.192.joel.remote-users._spf.example.com. A 127.0.0.2
                """);

        SpfResult r = new SpfEvaluator(dns).check(InetAddress.getByName(ip), sender, "unknown");

        assertThat(r.verdict()).as(r.toString()).isEqualTo(expected);
    }

    private static Arguments row(Object... values) {
        return Arguments.of(values);
    }
}
