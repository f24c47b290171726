package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.testing.knot.KnotServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sending-domain checks against a real DNS server (Knot) on loopback serving example.test,
 * provider.test and reverse DNS for 127.0.0.x (see the zone files next to {@link KnotServer}).
 */
class DomainChecksIT {

    private static KnotServer knot;
    private static DomainChecks checks;

    @BeforeAll
    static void start() {
        knot = KnotServer.start();
        checks = new DomainChecks(knot.dns(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        if (knot != null) {
            knot.close();
        }
    }

    private static DomainReport check(String address, String serverIp, String... selectors) throws Exception {
        return checks.check(new DomainRequest(address, Optional.of(InetAddress.getByName(serverIp)),
                Optional.of("mail.example.test"), List.of(selectors)));
    }

    private static List<FindingCode> codes(DomainReport r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    @Test
    void theTestDomainEndToEnd() throws Exception {
        DomainReport r = check("you@example.test", "127.0.0.25", "selector1");

        assertThat(r.mx().status()).isEqualTo(MxResult.Status.USABLE);
        assertThat(r.mx().hosts()).extracting(MxResult.Host::exchange).containsExactly("mx1.example.test", "mx2.example.test");
        SpfResult spf = r.spf().orElseThrow();
        assertThat(spf.verdict()).isEqualTo(SpfVerdict.PASS); // 127.0.0.24/30 through include:_spf.provider.test
        assertThat(spf.decidedBy()).contains("include:_spf.provider.test");
        assertThat(spf.dnsLookups()).isEqualTo(2);
        assertThat(r.dkim().confirmedSelectors()).containsExactly("selector1", "default"); // selector1 via a CNAME
        assertThat(r.dmarc().effectivePolicy()).contains(DmarcRecord.Policy.QUARANTINE);
        assertThat(r.reverseDns().orElseThrow().confirmedName()).contains("mail.example.test");
        assertThat(r.gmail().bulkSendersMet()).isTrue();
        assertThat(codes(r)).containsExactly(FindingCode.SPF_AUTHORISES_SERVER, FindingCode.DKIM_CONFIRMED);
    }

    @Test
    void aServerOutsideSpfWithBrokenReverseDns() throws Exception {
        DomainReport r = check("you@example.test", "127.0.0.40");

        assertThat(r.spf().orElseThrow().verdict()).isEqualTo(SpfVerdict.FAIL); // the include's ~all is no match; -all
        assertThat(codes(r)).contains(FindingCode.PTR_NOT_FORWARD_CONFIRMED);
    }

    @Test
    void aSubdomainUsesTheOrganisationalDmarcRecordAndRedirect() throws Exception {
        DomainReport r = check("you@sub.example.test", "127.0.0.25");

        assertThat(r.spf().orElseThrow().verdict()).isEqualTo(SpfVerdict.PASS);
        assertThat(r.spf().orElseThrow().decidedBy()).contains("redirect=_spf.provider.test");
        assertThat(r.dmarc().queried()).isEqualTo("_dmarc.example.test");
        assertThat(r.dmarc().effectivePolicy()).contains(DmarcRecord.Policy.NONE); // sp=none
        assertThat(codes(r)).contains(FindingCode.DMARC_POLICY_NONE, FindingCode.DKIM_NOT_CONFIRMED);
    }

    @Test
    void domainsThatCannotReceiveTheConfirmationMail() throws Exception {
        assertThat(codes(check("you@nullmx.example.test", "127.0.0.25"))).contains(FindingCode.MX_NULL);
        assertThat(codes(check("you@nothing.example.test", "127.0.0.25"))).contains(FindingCode.MX_MISSING);
        assertThat(codes(check("you@dangling-mx.example.test", "127.0.0.25"))).contains(FindingCode.MX_HOSTS_UNRESOLVABLE);
        assertThat(codes(check("you@nomx.example.test", "127.0.0.25"))).contains(FindingCode.MX_IMPLICIT);
    }

    @Test
    void spfLimitsAndFailuresOverRealDns() throws Exception {
        DomainReport many = check("you@toomany.example.test", "127.0.0.99");
        DomainReport voids = check("you@voids.example.test", "127.0.0.99");
        DomainReport failing = check("you@failing.example.test", "127.0.0.99");

        assertThat(codes(many)).contains(FindingCode.SPF_TOO_MANY_LOOKUPS);
        assertThat(voids.spf().orElseThrow().problem()).contains(SpfProblem.TOO_MANY_VOID_LOOKUPS);
        assertThat(failing.spf().orElseThrow().verdict()).isEqualTo(SpfVerdict.TEMPERROR);
        assertThat(codes(failing)).contains(FindingCode.DOMAIN_DNS_FAILED);
    }
}
