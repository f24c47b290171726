package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.InMemoryDns;
import java.net.InetAddress;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** check_host() beyond the RFC's examples: limits, record selection, syntax, errors, IPv6. */
class SpfEvaluatorTest {

    private static final String SENDER = "you@example.test";

    private static SpfResult check(InMemoryDns dns, String ip) throws Exception {
        return new SpfEvaluator(dns).check(InetAddress.getByName(ip), SENDER, "mail.example.test");
    }

    private static SpfResult checkRecord(String record, String ip) throws Exception {
        return check(InMemoryDns.zone("example.test. TXT \"" + record + "\""), ip);
    }

    // ---- the 10-lookup limit (RFC 7208 §4.6.4) ----

    private static InMemoryDns includes(int n) {
        InMemoryDns dns = InMemoryDns.zone("example.test. TXT \"v=spf1 "
                + IntStream.rangeClosed(1, n).mapToObj(i -> "include:i" + i + ".test").collect(Collectors.joining(" "))
                + " -all\"");
        IntStream.rangeClosed(1, n).forEach(i -> dns.add("i" + i + ".test. TXT \"v=spf1 ?all\""));
        return dns;
    }

    @Test
    void tenLookupsAreAllowed() throws Exception {
        SpfResult r = check(includes(10), "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.FAIL);
        assertThat(r.dnsLookups()).isEqualTo(10);
        assertThat(r.decidedBy()).contains("-all");
    }

    @Test
    void theEleventhLookupIsAPermerror() throws Exception {
        SpfResult r = check(includes(11), "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problem()).contains(SpfProblem.TOO_MANY_LOOKUPS);
        assertThat(r.problemDetail()).contains("include:i11.test");
        assertThat(r.record()).hasValueSatisfying(t -> assertThat(t).startsWith("v=spf1 include:i1.test"));
    }

    @Test
    void nestedIncludesCountTowardsTheSameLimit() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 include:a.test include:b.test -all"
                a.test. TXT "v=spf1 a:h1.test a:h2.test a:h3.test a:h4.test a:h5.test ?all"
                b.test. TXT "v=spf1 mx:h1.test mx:h2.test mx:h3.test mx:h4.test ?all"
                h1.test. A 198.51.100.1
                h1.test. MX 10 h1.test.
                h2.test. A 198.51.100.2
                h2.test. MX 10 h2.test.
                h3.test. A 198.51.100.3
                h3.test. MX 10 h3.test.
                h4.test. A 198.51.100.4
                h4.test. MX 10 h4.test.
                h5.test. A 198.51.100.5
                """);

        SpfResult r = check(dns, "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR); // 2 + 5 + 4 = 11
        assertThat(r.problem()).contains(SpfProblem.TOO_MANY_LOOKUPS);
        assertThat(r.problemDetail()).contains("mx:h4.test");
    }

    @Test
    void anIncludeLoopEndsAtTheLimit() throws Exception {
        SpfResult r = checkRecord("v=spf1 include:example.test -all", "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problem()).contains(SpfProblem.TOO_MANY_LOOKUPS);
    }

    @Test
    void ip4Ip6AndAllNeedNoLookups() throws Exception {
        String many = IntStream.range(0, 30).mapToObj(i -> "ip4:198.51.100." + i).collect(Collectors.joining(" "));

        SpfResult r = checkRecord("v=spf1 " + many + " ip6:2001:db8::/32 ip4:192.0.2.1 -all", "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(r.dnsLookups()).isZero();
    }

    @Test
    void redirectCountsAsALookup() throws Exception {
        InMemoryDns dns = includes(10);
        dns.add("""
                r.test. TXT "v=spf1 include:i1.test include:i2.test include:i3.test include:i4.test include:i5.test include:i6.test include:i7.test include:i8.test include:i9.test include:i10.test redirect=s.test"
                s.test. TXT "v=spf1 +all"
                """);

        SpfResult r = new SpfEvaluator(dns).check(InetAddress.getByName("192.0.2.1"), "r.test", "x@r.test", "h");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problemDetail()).contains("redirect=s.test");
    }

    @Test
    void moreThanTenMxNamesIsAPermerror() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("example.test. TXT \"v=spf1 mx -all\"");
        IntStream.rangeClosed(1, 11).forEach(i -> dns.add("example.test. MX " + i + " mx" + i + ".example.test."));

        SpfResult r = check(dns, "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problem()).contains(SpfProblem.TOO_MANY_MX);
    }

    // ---- void lookups (§4.6.4) ----

    @Test
    void twoVoidLookupsAreAllowed() throws Exception {
        SpfResult r = checkRecord("v=spf1 a:gone1.test a:gone2.test -all", "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.FAIL);
        assertThat(r.voidLookups()).isEqualTo(2);
    }

    @Test
    void aThirdVoidLookupIsAPermerror() throws Exception {
        SpfResult r = checkRecord("v=spf1 a:gone1.test mx:gone2.test exists:gone3.test -all", "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problem()).contains(SpfProblem.TOO_MANY_VOID_LOOKUPS);
        assertThat(r.problemDetail()).contains("gone3.test");
    }

    @Test
    void noDataCountsAsVoidToo() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 a:n1.example.test a:n2.example.test a:n3.example.test -all"
                n1.example.test. TXT "no address here"
                n2.example.test. TXT "no address here"
                n3.example.test. TXT "no address here"
                """);

        assertThat(check(dns, "192.0.2.1").problem()).contains(SpfProblem.TOO_MANY_VOID_LOOKUPS);
    }

    // ---- record selection (§4.5) and the result "none" ----

    @Test
    void noRecordIsNone() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("example.test. TXT \"google-site-verification=abc\"");

        SpfResult r = check(dns, "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.NONE);
        assertThat(r.record()).isEmpty();
    }

    @Test
    void aDomainThatDoesNotExistIsNone() throws Exception {
        assertThat(check(InMemoryDns.zone("other.test. A 192.0.2.1"), "192.0.2.1").verdict()).isEqualTo(SpfVerdict.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf10 -all", "v=spf1-all", "spf1 -all", "v=spf2.0/pra -all"})
    void onlyVspf1FollowedBySpaceOrEndIsARecord(String txt) throws Exception {
        assertThat(checkRecord(txt, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.NONE);
    }

    @Test
    void theVersionIsCaseInsensitiveAndAnEmptyRecordIsNeutral() throws Exception {
        assertThat(checkRecord("V=SPF1 -ALL", "192.0.2.1").verdict()).isEqualTo(SpfVerdict.FAIL);
        assertThat(checkRecord("v=spf1", "192.0.2.1").verdict()).isEqualTo(SpfVerdict.NEUTRAL);
    }

    @Test
    void twoRecordsAreAPermerror() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 +all"
                example.test. TXT "v=spf1 -all"
                """);

        SpfResult r = check(dns, "192.0.2.1");

        assertThat(r.verdict()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problem()).contains(SpfProblem.MULTIPLE_RECORDS);
    }

    @Test
    void aRecordSplitIntoSeveralStringsIsJoinedWithoutSpaces() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("example.test. TXT \"v=spf1 ip4:192.0.2.0\" \"/24 -all\"");

        assertThat(check(dns, "192.0.2.77").verdict()).isEqualTo(SpfVerdict.PASS);
    }

    // ---- syntax (§4.6, §12): any error anywhere is permerror, even after a match ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            v=spf1 +all ip4:192.0.2.256             | SYNTAX
            v=spf1 ip4:192.0.2.1/33 -all            | SYNTAX
            v=spf1 ip4:192.0.2.0/024 -all           | SYNTAX
            v=spf1 ip4:192.0.02.1 -all              | SYNTAX
            v=spf1 ip6:2001:db8::/129 -all          | SYNTAX
            v=spf1 ip6:zz::1 -all                   | SYNTAX
            v=spf1 a:1.2.3.4 -all                   | SYNTAX
            v=spf1 a: -all                          | SYNTAX
            v=spf1 include -all                     | SYNTAX
            v=spf1 ptr/24 -all                      | SYNTAX
            v=spf1 all:example.test                 | SYNTAX
            v=spf1 ipv4:192.0.2.1 -all              | UNKNOWN_MECHANISM
            v=spf1 +redirect=example.net            | UNKNOWN_MECHANISM
            v=spf1 redirect=a.test redirect=b.test  | DUPLICATE_MODIFIER
            v=spf1 exp=a.test exp=b.test -all       | DUPLICATE_MODIFIER
            v=spf1 exists:%{x}.example.test -all    | INVALID_MACRO
            v=spf1 -all foo=%{z}                    | INVALID_MACRO
            v=spf1 -all exp=%{c}.example.test       | INVALID_MACRO
            """)
    void syntaxErrorsArePermerrors(String record, SpfProblem problem) throws Exception {
        SpfResult r = checkRecord(record, "192.0.2.1");

        assertThat(r.verdict()).as(r.toString()).isEqualTo(SpfVerdict.PERMERROR);
        assertThat(r.problem()).contains(problem);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "v=spf1 -all unknown-modifier=anything.%{d}",
        "v=spf1 -all unknown-modifier=%{c}",
        "v=spf1  a   -all  ",
        "v=spf1 a/24//64 -all",
        "v=spf1 a:example.test//64 -all",
        "v=spf1 exists:%{i}.%{d} -all",
        "v=spf1 -all exp=explain.%{d}",
        "v=spf1 mx:example.test. -all"})
    void validRecordsParse(String record) throws Exception {
        SpfRecord.parse(record);
    }

    // ---- mechanisms and modifiers ----

    @Test
    void qualifiersGiveTheirResults() throws Exception {
        assertThat(checkRecord("v=spf1 ~all", "192.0.2.1").verdict()).isEqualTo(SpfVerdict.SOFTFAIL);
        assertThat(checkRecord("v=spf1 ?all", "192.0.2.1").verdict()).isEqualTo(SpfVerdict.NEUTRAL);
        assertThat(checkRecord("v=spf1 -all", "192.0.2.1").verdict()).isEqualTo(SpfVerdict.FAIL);
        assertThat(checkRecord("v=spf1 ip4:192.0.2.1", "192.0.2.2").verdict()).isEqualTo(SpfVerdict.NEUTRAL);
    }

    @Test
    void redirectIsIgnoredWhenTheRecordHasAll() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 redirect=other.test -all"
                other.test. TXT "v=spf1 +all"
                """);

        assertThat(check(dns, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.FAIL);
    }

    @Test
    void redirectTakesTheTargetsResult() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 ip4:198.51.100.1 redirect=_spf.provider.test"
                _spf.provider.test. TXT "v=spf1 ip4:192.0.2.0/24 ~all"
                """);

        SpfResult pass = check(dns, "192.0.2.9");
        SpfResult soft = check(dns, "203.0.113.9");

        assertThat(pass.verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(pass.decidedBy()).contains("redirect=_spf.provider.test");
        assertThat(soft.verdict()).isEqualTo(SpfVerdict.SOFTFAIL);
    }

    @Test
    void includeMatchesOnlyOnPass() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 include:provider.test ?all"
                provider.test. TXT "v=spf1 ip4:192.0.2.0/24 -all"
                """);

        assertThat(check(dns, "192.0.2.5").verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(check(dns, "192.0.2.5").decidedBy()).contains("include:provider.test");
        assertThat(check(dns, "203.0.113.5").verdict()).isEqualTo(SpfVerdict.NEUTRAL); // the include's fail is no match
    }

    @Test
    void includeOrRedirectOfADomainWithoutRecordIsAPermerror() throws Exception {
        InMemoryDns inc = InMemoryDns.zone("example.test. TXT \"v=spf1 include:norecord.test -all\"\nnorecord.test. A 192.0.2.1");
        InMemoryDns red = InMemoryDns.zone("example.test. TXT \"v=spf1 redirect=norecord.test\"\nnorecord.test. A 192.0.2.1");

        assertThat(check(inc, "192.0.2.1").problem()).contains(SpfProblem.INCLUDE_WITHOUT_RECORD);
        assertThat(check(red, "192.0.2.1").problem()).contains(SpfProblem.REDIRECT_WITHOUT_RECORD);
        assertThat(check(red, "192.0.2.1").problemDetail()).contains("norecord.test");
    }

    @Test
    void ipv6ClientsMatchIp6AAndMxWithTheIpv6Prefix() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. AAAA 2001:db8:1::25
                example.test. A 192.0.2.25
                mx.example.test. AAAA 2001:db8:2::25
                example.test. MX 10 mx.example.test.
                """);
        dns.add("example.test. TXT \"v=spf1 ip4:0.0.0.0/0 ip6:2001:db8:3::/48 a//64 mx//64 -all\"");

        assertThat(check(dns, "2001:db8:3::1").verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(check(dns, "2001:db8:1::ffff").verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(check(dns, "2001:db8:2::1234").verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(check(dns, "2001:db8:4::1").verdict()).isEqualTo(SpfVerdict.FAIL); // ip4:0.0.0.0/0 is no IPv6 match
    }

    @Test
    void existsAlwaysAsksForAnARecord() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 exists:%{ir}.allow.example.test -all"
                1.2.0.192.allow.example.test. A 127.0.0.2
                """);

        assertThat(check(dns, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(check(dns, "192.0.2.2").verdict()).isEqualTo(SpfVerdict.FAIL);
        assertThat(dns.questions()).contains("A 1.2.0.192.allow.example.test");
    }

    @Test
    void theMacroDomainIsTheCurrentDomainInsideAnInclude() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 include:_spf.provider.test -all"
                _spf.provider.test. TXT "v=spf1 a:relay.%{d} -all"
                relay._spf.provider.test. A 192.0.2.44
                """);

        assertThat(check(dns, "192.0.2.44").verdict()).isEqualTo(SpfVerdict.PASS);
    }

    @Test
    void aCnameIsFollowedForTheRecordAndForA() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 a:www.example.test -all"
                www.example.test. CNAME host.provider.test.
                host.provider.test. A 192.0.2.80
                """);

        assertThat(check(dns, "192.0.2.80").verdict()).isEqualTo(SpfVerdict.PASS);
    }

    // ---- DNS errors: temperror, except inside ptr (§5.5) ----

    @Test
    void aServerFailureIsATemperror() throws Exception {
        InMemoryDns txt = InMemoryDns.zone("example.test. SERVFAIL");
        InMemoryDns inc = InMemoryDns.zone("example.test. TXT \"v=spf1 include:broken.test -all\"\nbroken.test. TIMEOUT");
        InMemoryDns a = InMemoryDns.zone("example.test. TXT \"v=spf1 a:broken.test -all\"\nbroken.test. SERVFAIL");

        assertThat(check(txt, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.TEMPERROR);
        assertThat(check(inc, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.TEMPERROR);
        assertThat(check(a, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.TEMPERROR);
        assertThat(check(a, "192.0.2.1").problemDetail()).contains("broken.test");
    }

    @Test
    void aFailingPtrLookupIsJustNoMatch() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.test. TXT "v=spf1 ptr ~all"
                1.2.0.192.in-addr.arpa. SERVFAIL
                """);

        assertThat(check(dns, "192.0.2.1").verdict()).isEqualTo(SpfVerdict.SOFTFAIL);
    }

    @Test
    void theLookupAloneReportsPresenceAndSyntax() {
        InMemoryDns dns = InMemoryDns.zone("""
                good.test. TXT "v=spf1 include:_spf.provider.test ~all"
                bad.test. TXT "v=spf1 ipv4:192.0.2.1 -all"
                two.test. TXT "v=spf1 -all"
                two.test. TXT "v=spf1 +all"
                down.test. TIMEOUT
                """);
        SpfEvaluator e = new SpfEvaluator(dns);

        assertThat(e.lookup("good.test").status()).isEqualTo(SpfRecordLookup.Status.FOUND);
        assertThat(e.lookup("bad.test").status()).isEqualTo(SpfRecordLookup.Status.INVALID);
        assertThat(e.lookup("bad.test").problem()).contains(SpfProblem.UNKNOWN_MECHANISM);
        assertThat(e.lookup("bad.test").detail()).contains("ipv4:192.0.2.1");
        assertThat(e.lookup("two.test").status()).isEqualTo(SpfRecordLookup.Status.MULTIPLE);
        assertThat(e.lookup("down.test").status()).isEqualTo(SpfRecordLookup.Status.DNS_FAILURE);
        assertThat(e.lookup("none.test").status()).isEqualTo(SpfRecordLookup.Status.NONE);
    }
}
