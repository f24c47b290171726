package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.testing.InMemoryDns;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DMARC policy discovery (RFC 7489 §6.6.3) and the record's tags (§6.3). */
class DmarcLookupTest {

    @Test
    void theDomainsOwnRecord() {
        InMemoryDns dns = InMemoryDns.zone(
                "_dmarc.example.jp. TXT \"v=DMARC1; p=quarantine; pct=50; rua=mailto:d@example.jp,mailto:x@report.test\"");

        DmarcResult r = new DmarcLookup(dns).lookup("example.jp");

        assertThat(r.status()).isEqualTo(DmarcResult.Status.FOUND);
        assertThat(r.queried()).isEqualTo("_dmarc.example.jp");
        assertThat(r.organisational()).isFalse();
        assertThat(r.effectivePolicy()).contains(DmarcRecord.Policy.QUARANTINE);
        assertThat(r.record().orElseThrow().pct()).isEqualTo(50);
        assertThat(r.record().orElseThrow().rua()).containsExactly("mailto:d@example.jp", "mailto:x@report.test");
    }

    @Test
    void fallsBackToTheOrganisationalDomainAndAppliesSp() {
        InMemoryDns dns = InMemoryDns.zone("_dmarc.example.co.jp. TXT \"v=DMARC1; p=reject; sp=none\"");

        DmarcResult r = new DmarcLookup(dns).lookup("shop.example.co.jp");

        assertThat(r.status()).isEqualTo(DmarcResult.Status.FOUND);
        assertThat(r.queried()).isEqualTo("_dmarc.example.co.jp");
        assertThat(r.organisational()).isTrue();
        assertThat(r.effectivePolicy()).contains(DmarcRecord.Policy.NONE);
        assertThat(dns.questions()).containsExactly("TXT _dmarc.shop.example.co.jp", "TXT _dmarc.example.co.jp");
    }

    @Test
    void withoutSpASubdomainGetsP() {
        InMemoryDns dns = InMemoryDns.zone("_dmarc.example.com. TXT \"v=DMARC1; p=reject\"");

        assertThat(new DmarcLookup(dns).lookup("mail.example.com").effectivePolicy()).contains(DmarcRecord.Policy.REJECT);
    }

    @Test
    void noRecordAnywhere() {
        InMemoryDns dns = InMemoryDns.zone("_dmarc.example.com. TXT \"some other text\"");

        DmarcResult r = new DmarcLookup(dns).lookup("a.example.com");

        assertThat(r.status()).isEqualTo(DmarcResult.Status.NONE);
        assertThat(r.queried()).isEqualTo("_dmarc.example.com");
    }

    @Test
    void aDnsFailureStopsDiscovery() {
        InMemoryDns dns = InMemoryDns.zone("""
                _dmarc.a.example.com. SERVFAIL
                _dmarc.example.com. TXT "v=DMARC1; p=reject"
                """);

        DmarcResult r = new DmarcLookup(dns).lookup("a.example.com");

        assertThat(r.status()).isEqualTo(DmarcResult.Status.DNS_FAILURE);
        assertThat(r.dnsKind()).contains("servfail");
    }

    @Test
    void twoRecordsMeanNoDmarc() {
        InMemoryDns dns = InMemoryDns.zone("""
                _dmarc.example.com. TXT "v=DMARC1; p=none"
                _dmarc.example.com. TXT "v=DMARC1; p=reject"
                """);

        assertThat(new DmarcLookup(dns).lookup("example.com").status()).isEqualTo(DmarcResult.Status.MULTIPLE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            v=DMARC1; p=bogus; rua=mailto:d@example.com | FOUND   | NONE
            v=DMARC1; rua=mailto:d@example.com          | FOUND   | NONE
            v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com | FOUND | NONE
            v=DMARC1; p=bogus                           | INVALID |
            v=DMARC1                                    | INVALID |
            v=DMARC1;p=REJECT                           | FOUND   | REJECT
            v=DMARC1 ; p = quarantine                   | FOUND   | QUARANTINE
            """)
    void aMissingOrInvalidPolicyIsNoneWithAValidRuaElseIgnored(String record, DmarcResult.Status status,
                                                                DmarcRecord.Policy policy) {
        DmarcResult r = new DmarcLookup(InMemoryDns.zone("_dmarc.example.com. TXT \"" + record + "\"")).lookup("example.com");

        assertThat(r.status()).isEqualTo(status);
        assertThat(r.effectivePolicy().orElse(null)).isEqualTo(policy);
    }

    @Test
    void onlyRecordsStartingWithTheVersionTagCount() {
        assertThat(DmarcRecord.isDmarc("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("p=none; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=dmarc1; p=none")).isFalse(); // "MUST match precisely"
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
    }

    @Test
    void pctOutOfRangeMeansTheDefault() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=none; pct=150").pct()).isEqualTo(100);
        assertThat(DmarcRecord.parse("v=DMARC1; p=none; pct=0").pct()).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            example.jp, example.jp
            mail.example.jp, example.jp
            a.b.example.co.jp, example.co.jp
            example.co.jp, example.co.jp
            shop.example.ne.jp, example.ne.jp
            city.example.lg.jp, example.lg.jp
            www.example.co.uk, example.co.uk
            x.y.example.com, example.com
            EXAMPLE.COM., example.com
            """)
    void organisationalDomainApproximation(String domain, String org) {
        assertThat(DomainNames.organisationalDomain(domain)).isEqualTo(org);
    }

    @Test
    void multiLabelNames() {
        assertThat(List.of("example.com", "a.b.c", "example.com.")).allMatch(DomainNames::isMultiLabel);
        assertThat(List.of("com", "", "a..b", "x." + "y".repeat(64), "a." + "b.".repeat(130) + "c"))
                .noneMatch(DomainNames::isMultiLabel);
    }
}
