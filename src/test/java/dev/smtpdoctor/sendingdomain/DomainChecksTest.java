package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.testing.InMemoryDns;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sending-domain checks end to end over an in-memory zone: evidence and findings. */
class DomainChecksTest {

    /** A custom domain at a Japanese shared host, set up well. */
    private static final String GOOD = """
            example.jp.                 MX   10 mx.sv1234.hosting.test.
            mx.sv1234.hosting.test.     A    192.0.2.25
            example.jp.                 TXT  "v=spf1 include:_spf.hosting.test ~all"
            _spf.hosting.test.          TXT  "v=spf1 ip4:192.0.2.0/24 -all"
            default._domainkey.example.jp. TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC"
            _dmarc.example.jp.          TXT  "v=DMARC1; p=none; rua=mailto:dmarc@example.jp"
            sv1234.hosting.test.        A    192.0.2.10
            10.2.0.192.in-addr.arpa.    PTR  sv1234.hosting.test.
            """;

    private static DomainRequest request(String address, String ip, String host, String... selectors) throws Exception {
        return new DomainRequest(address, Optional.of(InetAddress.getByName(ip)), Optional.of(host), List.of(selectors));
    }

    private static List<FindingCode> codes(DomainReport r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    private static Finding finding(DomainReport r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code() == code).findFirst().orElseThrow(() ->
                new AssertionError(code + " not in " + r.findings()));
    }

    @Test
    void aWellSetUpDomain() throws Exception {
        DomainReport r = new DomainChecks(InMemoryDns.zone(GOOD))
                .check(request("you@example.jp", "192.0.2.10", "sv1234.hosting.test"));

        assertThat(r.mx().status()).isEqualTo(MxResult.Status.USABLE);
        assertThat(r.spf().orElseThrow().verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(r.dkim().confirmedSelectors()).containsExactly("default");
        assertThat(r.dmarc().effectivePolicy()).contains(DmarcRecord.Policy.NONE);
        assertThat(r.reverseDns().orElseThrow().status()).isEqualTo(ReverseDnsResult.Status.FORWARD_CONFIRMED);
        assertThat(r.gmail().allSendersMet()).isTrue();
        assertThat(r.gmail().bulkSendersMet()).isTrue();
        assertThat(codes(r)).containsExactly(FindingCode.SPF_AUTHORISES_SERVER, FindingCode.DKIM_CONFIRMED,
                FindingCode.DMARC_POLICY_NONE);
        assertThat(r.findings()).allMatch(f -> f.severity() == Severity.INFO);
        assertThat(finding(r, FindingCode.SPF_AUTHORISES_SERVER).args()).containsEntry("mechanism",
                "include:_spf.hosting.test").containsEntry("address", "192.0.2.10");
    }

    @Test
    void nothingSetUp() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.jp.             A    192.0.2.80
                sv1234.hosting.test.    A    192.0.2.10
                """);

        DomainReport r = new DomainChecks(dns).check(request("you@example.jp", "192.0.2.10", "sv1234.hosting.test"));

        assertThat(codes(r)).containsExactly(FindingCode.MX_IMPLICIT, FindingCode.SPF_MISSING,
                FindingCode.DKIM_NOT_CONFIRMED, FindingCode.DMARC_MISSING, FindingCode.PTR_MISSING);
        assertThat(finding(r, FindingCode.DKIM_NOT_CONFIRMED).severity()).isEqualTo(Severity.WARNING);
        assertThat(finding(r, FindingCode.DKIM_NOT_CONFIRMED).args()).containsEntry("selectors", "default")
                .containsEntry("spf", "not-pass");
        assertThat(r.gmail().allSendersMet()).isFalse();
    }

    @Test
    void aDkimLookupThatFailedHereIsNotAMissingKey() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.jp.                    A        192.0.2.80
                sv1234.hosting.test.           A        192.0.2.10
                default._domainkey.example.jp. SERVFAIL
                """);

        DomainReport r = new DomainChecks(dns).check(request("you@example.jp", "192.0.2.10", "sv1234.hosting.test"));

        assertThat(codes(r)).doesNotContain(FindingCode.DKIM_NOT_CONFIRMED, FindingCode.DKIM_CONFIRMED);
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.DOMAIN_DNS_FAILED
                        && "TXT".equals(f.args().get("type")))
                .singleElement().satisfies(f -> assertThat(f.args()).containsEntry("name", "default._domainkey.example.jp")
                        .containsEntry("kind", "lookup-failed"));
    }

    @Test
    void dkimNotFoundOnlyForTheSelectorsThatWereAnswered() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.jp.                    A        192.0.2.80
                sv1234.hosting.test.           A        192.0.2.10
                default._domainkey.example.jp. SERVFAIL
                """);

        DomainReport r = new DomainChecks(dns).check(new DomainRequest("you@example.jp", Optional.empty(),
                Optional.empty(), List.of("s1")));

        assertThat(finding(r, FindingCode.DKIM_NOT_CONFIRMED).args()).containsEntry("selectors", "s1");
        assertThat(codes(r)).contains(FindingCode.DOMAIN_DNS_FAILED);
    }

    @Test
    void spfThatDoesNotCoverTheServerAndAnEnforcingDmarc() throws Exception {
        InMemoryDns dns = InMemoryDns.zone(GOOD.replace("ip4:192.0.2.0/24", "ip4:198.51.100.0/24")
                .replace("p=none", "p=reject").replace("default._domainkey", "old._domainkey"));

        DomainReport r = new DomainChecks(dns).check(request("you@example.jp", "192.0.2.10", "sv1234.hosting.test"));

        Finding spf = finding(r, FindingCode.SPF_DOES_NOT_AUTHORISE_SERVER);
        assertThat(spf.severity()).isEqualTo(Severity.WARNING);
        assertThat(spf.args()).containsEntry("result", "softfail").containsEntry("host", "sv1234.hosting.test")
                .containsEntry("record", "v=spf1 include:_spf.hosting.test ~all");
        assertThat(codes(r)).contains(FindingCode.DKIM_NOT_CONFIRMED, FindingCode.DMARC_ENFORCED_WITHOUT_AUTH);
        assertThat(finding(r, FindingCode.DMARC_ENFORCED_WITHOUT_AUTH).args()).containsEntry("policy", "reject");
    }

    @Test
    void aGivenSelectorIsTriedFirstAndProviderSelectorsAreInferredFromMx() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.com. MX 1 aspmx.l.google.com.
                aspmx.l.google.com. A 192.0.2.26
                google._domainkey.example.com. TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkq"
                """);

        DomainReport r = new DomainChecks(dns).check(new DomainRequest("you@example.com", Optional.empty(),
                Optional.empty(), List.of(" S2024 ")));

        assertThat(r.dkim().selectors()).extracting(DkimResult.Selector::selector)
                .containsExactly("s2024", "google", "default");
        assertThat(r.dkim().selectors().get(0).source()).isEqualTo(DkimResult.Source.GIVEN);
        assertThat(r.dkim().selectors().get(1).source()).isEqualTo(DkimResult.Source.INFERRED);
        assertThat(r.dkim().confirmedSelectors()).containsExactly("google");
    }

    @Test
    void microsoft365SelectorsThroughTheirCname() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("""
                example.com. MX 0 example-com.mail.protection.outlook.com.
                example-com.mail.protection.outlook.com. A 192.0.2.27
                selector1._domainkey.example.com. CNAME selector1-example-com._domainkey.tenant.onmicrosoft.test.
                selector1-example-com._domainkey.tenant.onmicrosoft.test. TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG"
                selector2._domainkey.example.com. TXT "v=DKIM1; k=rsa; p="
                """);

        DomainReport r = new DomainChecks(dns).check(DomainRequest.of("you@example.com"));

        assertThat(r.dkim().selectors()).extracting(DkimResult.Selector::selector, DkimResult.Selector::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("selector1", DkimResult.Status.KEY_FOUND),
                        org.assertj.core.groups.Tuple.tuple("selector2", DkimResult.Status.REVOKED),
                        org.assertj.core.groups.Tuple.tuple("default", DkimResult.Status.NOT_FOUND));
    }

    @Test
    void dkimStatusesFromRecords() {
        assertThat(DkimCheck.status(InMemoryDns.zone("k.test. TXT \"v=DKIM1; p=abc\"").txt("k.test")))
                .isEqualTo(DkimResult.Status.KEY_FOUND);
        assertThat(DkimCheck.status(InMemoryDns.zone("k.test. TXT \"k=rsa; p=ab c\"").txt("k.test")))
                .isEqualTo(DkimResult.Status.KEY_FOUND);
        assertThat(DkimCheck.status(InMemoryDns.zone("k.test. TXT \"v=spf1 -all\"").txt("k.test")))
                .isEqualTo(DkimResult.Status.NOT_A_KEY);
        assertThat(DkimCheck.status(InMemoryDns.zone("k.test. TXT \"v=DKIM2; p=abc\"").txt("k.test")))
                .isEqualTo(DkimResult.Status.NOT_A_KEY);
        assertThat(DkimCheck.status(InMemoryDns.zone("k.test. SERVFAIL").txt("k.test")))
                .isEqualTo(DkimResult.Status.DNS_FAILURE);
        assertThat(DkimCheck.status(InMemoryDns.zone("x.test. A 192.0.2.1").txt("k.test")))
                .isEqualTo(DkimResult.Status.NOT_FOUND);
    }

    @Test
    void nullMxMeansTheConfirmationMailCannotArrive() throws Exception {
        InMemoryDns dns = InMemoryDns.zone("example.jp. MX 0 .\nexample.jp. A 192.0.2.80");

        DomainReport r = new DomainChecks(dns).check(DomainRequest.of("you@example.jp"));

        assertThat(r.mx().status()).isEqualTo(MxResult.Status.NULL_MX);
        Finding f = finding(r, FindingCode.MX_NULL);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.field()).contains(Field.ADDRESS);
    }

    @Test
    void receivingProblems() {
        DomainReport nx = new DomainChecks(InMemoryDns.zone("other.test. A 192.0.2.1")).check(DomainRequest.of("you@gone.test"));
        DomainReport nodata = new DomainChecks(InMemoryDns.zone("quiet.test. TXT \"hello\"")).check(DomainRequest.of("you@quiet.test"));
        DomainReport dangling = new DomainChecks(InMemoryDns.zone("d.test. MX 10 mx.gone.test.\nd.test. MX 20 mx2.gone.test."))
                .check(DomainRequest.of("you@d.test"));
        DomainReport failing = new DomainChecks(InMemoryDns.zone("f.test. SERVFAIL")).check(DomainRequest.of("you@f.test"));

        assertThat(finding(nx, FindingCode.MX_MISSING).args()).containsEntry("kind", "nxdomain");
        assertThat(finding(nodata, FindingCode.MX_MISSING).args()).containsEntry("kind", "nodata");
        assertThat(finding(dangling, FindingCode.MX_HOSTS_UNRESOLVABLE).args()).containsEntry("hosts",
                "mx.gone.test, mx2.gone.test");
        assertThat(failing.mx().status()).isEqualTo(MxResult.Status.DNS_FAILURE);
        assertThat(finding(failing, FindingCode.DOMAIN_DNS_FAILED).args()).containsEntry("type", "MX")
                .containsEntry("kind", "servfail");
    }

    @Test
    void reverseDnsThatDoesNotLeadBack() throws Exception {
        InMemoryDns dns = InMemoryDns.zone(GOOD.replace("sv1234.hosting.test.        A    192.0.2.10",
                "sv1234.hosting.test.        A    192.0.2.11"));

        DomainReport r = new DomainChecks(dns).check(request("you@example.jp", "192.0.2.10", "sv1234.hosting.test"));

        assertThat(r.reverseDns().orElseThrow().status()).isEqualTo(ReverseDnsResult.Status.NOT_FORWARD_CONFIRMED);
        assertThat(finding(r, FindingCode.PTR_NOT_FORWARD_CONFIRMED).args()).containsEntry("names", "sv1234.hosting.test");
    }

    @Test
    void withoutTheServersAddressSpfIsOnlyLookedUp() {
        InMemoryDns dns = InMemoryDns.zone(GOOD.replace("~all\"", "~all\"\nexample.jp. TXT \"v=spf1 -all\""));

        DomainReport r = new DomainChecks(dns).check(DomainRequest.of("you@example.jp"));

        assertThat(r.spf()).isEmpty();
        assertThat(r.reverseDns()).isEmpty();
        assertThat(finding(r, FindingCode.SPF_PERMERROR).args()).containsEntry("reason", "multiple-records");
    }

    @Test
    void tooManyLookupsHasItsOwnCode() throws Exception {
        StringBuilder zone = new StringBuilder(GOOD.replace("include:_spf.hosting.test", "include:_spf.hosting.test"
                + " a:a1.test a:a2.test a:a3.test a:a4.test a:a5.test a:a6.test a:a7.test a:a8.test a:a9.test a:a10.test"));
        for (int i = 1; i <= 10; i++) {
            zone.append("a").append(i).append(".test. A 198.51.100.").append(i).append('\n');
        }

        DomainReport r = new DomainChecks(InMemoryDns.zone(zone.toString()))
                .check(request("you@example.jp", "203.0.113.1", "elsewhere.test"));

        assertThat(finding(r, FindingCode.SPF_TOO_MANY_LOOKUPS).args()).containsEntry("limit", "10")
                .containsEntry("term", "a:a10.test");
    }

    /** A DNS that answers every question only after a long pause: the deadline wins, nothing hangs. */
    @Test
    void aSlowDnsServerCannotHoldUpTheReport() throws Exception {
        InMemoryDns zone = InMemoryDns.zone(GOOD);
        dev.smtpdoctor.dns.Dns slow = new dev.smtpdoctor.dns.Dns() {
            private <T> T later(java.util.function.Supplier<T> s) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return s.get();
            }

            @Override
            public dev.smtpdoctor.dns.DnsResult<InetAddress> addresses(String name) {
                return later(() -> zone.addresses(name));
            }

            @Override
            public dev.smtpdoctor.dns.DnsResult<dev.smtpdoctor.dns.MxRecord> mx(String name) {
                return later(() -> zone.mx(name));
            }

            @Override
            public dev.smtpdoctor.dns.DnsResult<dev.smtpdoctor.dns.SrvRecord> srv(String name) {
                return later(() -> zone.srv(name));
            }

            @Override
            public dev.smtpdoctor.dns.DnsResult<String> txt(String name) {
                return later(() -> zone.txt(name));
            }

            @Override
            public dev.smtpdoctor.dns.DnsResult<String> ptr(InetAddress address) {
                return later(() -> zone.ptr(address));
            }
        };
        long t0 = System.nanoTime();

        DomainReport r = new DomainChecks(slow).check(request("you@example.jp", "192.0.2.10", "sv1234.hosting.test"),
                java.time.Duration.ofMillis(300));

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
        assertThat(r.mx().status()).isEqualTo(MxResult.Status.DNS_FAILURE);
        assertThat(r.spf().orElseThrow().verdict()).isEqualTo(SpfVerdict.TEMPERROR);
        assertThat(r.dkim().confirmed()).isFalse();
        // DKIM is "not found" only when the names were answered (NXDOMAIN, NODATA): lookups that failed here are
        // DOMAIN_DNS_FAILED, never DKIM_NOT_CONFIRMED.
        assertThat(codes(r)).contains(FindingCode.DOMAIN_DNS_FAILED).doesNotContain(FindingCode.DKIM_NOT_CONFIRMED);
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.DOMAIN_DNS_FAILED)
                .allSatisfy(f -> assertThat(f.args().get("kind")).isIn("timeout", "temperror", "lookup-failed"));
    }

    @Test
    void aBareDomainIsCheckedForPostmaster() {
        DomainRequest r = DomainRequest.of("Example.JP.");

        assertThat(r.domain()).isEqualTo("example.jp");
        assertThat(r.sender()).isEqualTo("postmaster@example.jp");
    }
}
