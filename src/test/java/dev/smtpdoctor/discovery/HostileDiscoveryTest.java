package dev.smtpdoctor.discovery;

import dev.smtpdoctor.testing.InMemoryDns;
import static dev.smtpdoctor.discovery.AutoconfigServers.AUTOCONFIG_HOST;
import static dev.smtpdoctor.discovery.AutoconfigServers.AUTOCONFIG_PATH;
import static dev.smtpdoctor.discovery.AutoconfigServers.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.discovery.AutoconfigServers.Route;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.dns.SrvRecord;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.testing.FakeSmtpServer;
import dev.smtpdoctor.testing.RecordingResolverProvider;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6186 §6 end to end through {@link SmtpDoctor#diagnose}: a hostile SRV record or autoconfig file that
 * points to a server in another domain gets that server probed — it is a candidate like any other — but
 * the password never reaches it: no AUTH line arrives at the fake server. The control case (an SRV target
 * under the user's own domain) shows the same setup does deliver the password where policy allows.
 *
 * <p>The fake server speaks implicit TLS on "port 465" only, with a certificate from the test CA, so the
 * only thing that can stop the AUTH is the credential policy. Every other name and port is refused by
 * the test resolver; nothing asks the machine's DNS.
 */
class HostileDiscoveryTest {

    static final String ADDRESS = "you@" + DOMAIN;
    static final String PASSWORD = "s3cret-Pass";
    static final String EVIL = "smtp.evil.example";
    static final String OWN = "smtp." + DOMAIN;

    final FakeSmtpServer smtp = new FakeSmtpServer();
    final InMemoryDns dns = InMemoryDns.empty();
    final AutoconfigServers web = new AutoconfigServers();

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        web.close();
    }

    /** Connections to {@code host}:465 go to the fake server; everything else does not exist. */
    Resolver smtpResolver(String host) {
        return (h, port) -> {
            if (h.equals(host) && port == 465) {
                return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtp.port()));
            }
            throw new UnknownHostException(h + " (tests never use DNS)");
        };
    }

    Diagnosis diagnose(String serverHost, boolean withHttp) {
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(smtpResolver(serverHost)).trust(AutoconfigServers.trust())
                .dns(dns).httpFetcher(withHttp ? web.fetcher() : null).discoveryLimit(Duration.ofSeconds(5)).build();
        RawFields fields = RawFields.builder().address(ADDRESS).username(ADDRESS).password(PASSWORD.toCharArray()).build();
        return doctor.diagnose(new CheckRequest(fields, false, Timeouts.ofStep(Duration.ofSeconds(5))), ProbeListener.NONE);
    }

    void scriptWithoutAuth(String host) {
        smtp.implicitTls(certificate(host));
        smtp.output("220 " + host + " ESMTP");
        smtp.expect("EHLO *");
        smtp.output("250-" + host, "250-AUTH PLAIN LOGIN", "250 8BITMIME");
        smtp.expect("QUIT");
        smtp.output("221 2.0.0 Bye");
    }

    static HeldCertificate certificate(String host) {
        return HeldCertificate.builder().commonName(host).addDnsName(host).signedBy(AutoconfigServers.ROOT).build();
    }

    @Test
    void hostileSrvTargetInAnotherDomainIsProbedWithoutThePassword() throws Exception {
        dns.srv("_submissions._tcp." + DOMAIN, new SrvRecord(0, 0, 465, EVIL + "."));
        scriptWithoutAuth(EVIL);

        Diagnosis d = diagnose(EVIL, false);

        assertNoAuthArrived();
        smtp.verifyInteractionCompleted();
        assertThat(d.discovery()).singleElement().satisfies(x -> {
            assertThat(x.candidate().host()).isEqualTo(EVIL);
            assertThat(x.credentials()).isEqualTo(CredentialPolicy.Reason.OTHER_DOMAIN);
        });
        assertThat(d.probes()).filteredOn(p -> p.candidate().host().equals(EVIL))
                .isNotEmpty().allSatisfy(p -> assertThat(p.credentialsAllowed()).isFalse());
        assertThat(d.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FindingCode.DISCOVERY_UNTRUSTED_SERVER));
        d.recommendation().flatMap(r -> r.choice()).ifPresent(c -> {
            assertThat(c.server()).isEqualTo(EVIL);
            assertThat(c.confirmWithProvider()).isTrue();
            assertThat(c.loginVerified()).isFalse();
        });
        assertReportsMentionIt(d);
    }

    @Test
    void hostileAutoconfigPointingElsewhereIsProbedWithoutThePassword() throws Exception {
        web.https(AUTOCONFIG_PATH, Route.ok(AutoconfigServers.config(EVIL, 465, "SSL", "%EMAILADDRESS%")));
        scriptWithoutAuth(EVIL);

        Diagnosis d = diagnose(EVIL, true);

        assertNoAuthArrived();
        smtp.verifyInteractionCompleted();
        assertThat(d.discovery()).singleElement().satisfies(x -> {
            assertThat(x.candidate().source()).isEqualTo(CandidateSource.AUTOCONFIG);
            assertThat(x.credentials()).isEqualTo(CredentialPolicy.Reason.OTHER_DOMAIN);
        });
        assertThat(web.requests()).anyMatch(q -> q.startsWith("https " + AUTOCONFIG_HOST));
    }

    @Test
    void autoconfigOverPlainHttpNeverGetsThePasswordEvenInsideTheDomain() throws Exception {
        web.refuse(DOMAIN).http(AUTOCONFIG_PATH, Route.ok(AutoconfigServers.config(OWN, 465, "SSL", "%EMAILADDRESS%")));
        // The https autoconfig host answers 404, so discovery falls back to plain HTTP.
        scriptWithoutAuth(OWN);

        Diagnosis d = diagnose(OWN, true);

        assertNoAuthArrived();
        smtp.verifyInteractionCompleted();
        assertThat(d.discovery()).singleElement()
                .satisfies(x -> assertThat(x.credentials()).isEqualTo(CredentialPolicy.Reason.UNVERIFIED_CHANNEL));
        assertThat(d.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FindingCode.DISCOVERY_AUTOCONFIG_HTTP_ONLY));
    }

    @Test
    void controlSrvTargetUnderTheOwnDomainDoesReceiveThePasswordOnce() throws Exception {
        dns.srv("_submissions._tcp." + DOMAIN, new SrvRecord(0, 0, 465, OWN + "."));
        smtp.implicitTls(certificate(OWN));
        smtp.output("220 " + OWN + " ESMTP");
        smtp.expect("EHLO *");
        smtp.output("250-" + OWN, "250 AUTH PLAIN LOGIN");
        smtp.expectAuth("PLAIN", "235 2.7.0 Authentication successful");
        smtp.expect("MAIL FROM:<" + ADDRESS + ">").output("250 2.1.0 OK");
        smtp.expect("RCPT TO:<" + ADDRESS + ">").output("250 2.1.5 OK");
        smtp.expect("RSET").output("250 2.0.0 OK");
        smtp.expect("QUIT").output("221 2.0.0 Bye");

        Diagnosis d = diagnose(OWN, false);

        smtp.verifyInteractionCompleted();
        assertThat(smtp.authAttempts()).singleElement().satisfies(a -> assertThat(a.password()).contains(PASSWORD));
        assertThat(d.recommendation().flatMap(r -> r.choice())).hasValueSatisfying(c -> {
            assertThat(c.server()).isEqualTo(OWN);
            assertThat(c.source()).isEqualTo(CandidateSource.SRV_SUBMISSIONS);
            assertThat(c.loginVerified()).isTrue();
            assertThat(c.confirmWithProvider()).isFalse();
        });
    }

    @Test
    void aProposedPortOutsideTheStandardModesIsProbedToo() {
        dns.srv("_submission._tcp." + DOMAIN, new SrvRecord(0, 0, 2525, OWN + "."));

        Diagnosis d = diagnose("none.invalid", false);

        assertThat(d.probes()).filteredOn(p -> p.candidate().host().equals(OWN))
                .extracting(p -> p.result().endpoint().port() + " " + p.result().endpoint().security())
                .contains("2525 TLS", "465 SSL", "587 TLS");
    }

    @Test
    void withoutDnsOrFetcherDiscoveryIsSkipped() {
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(smtpResolver("none.invalid")).trust(AutoconfigServers.trust())
                .build();
        RawFields fields = RawFields.builder().address(ADDRESS).build();
        Diagnosis d = doctor.diagnose(new CheckRequest(fields, false, Timeouts.ofStep(Duration.ofSeconds(2))),
                ProbeListener.NONE);
        assertThat(d.discovery()).isEmpty();
        assertThat(d.probes()).extracting(p -> p.candidate().source()).doesNotContain(CandidateSource.SRV_SUBMISSIONS,
                CandidateSource.AUTOCONFIG, CandidateSource.PROVIDER_MX);
        assertThat(web.requests()).isEmpty();
    }

    @Test
    void discoveryNeverAsksTheMachinesDns() {
        dns.srv("_submissions._tcp." + DOMAIN, new SrvRecord(0, 0, 465, EVIL + "."));
        web.https(AUTOCONFIG_PATH, Route.ok(AutoconfigServers.config(EVIL, 465, "SSL", "%EMAILADDRESS%")));
        scriptWithoutAuth(EVIL);

        diagnose(EVIL, true);

        assertThat(RecordingResolverProvider.lookups())
                .noneMatch(n -> n.endsWith(DOMAIN) || n.endsWith("evil.example"));
    }

    private void assertNoAuthArrived() {
        assertThat(smtp.receivedLines()).isNotEmpty()
                .noneMatch(l -> l.toUpperCase(Locale.ROOT).startsWith("AUTH"))
                .noneMatch(l -> l.contains(PASSWORD));
        assertThat(smtp.authAttempts()).isEmpty();
    }

    private static void assertReportsMentionIt(Diagnosis d) {
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            String text = new CheckTextReport(Messages.forLocale(l)).render(d, dev.smtpdoctor.report.CheckTextReport.Detail.DETAILS);
            assertThat(text).contains(EVIL).doesNotContain("!check.").doesNotContain("!finding.")
                    .doesNotContain("!recommendation.").doesNotContain(PASSWORD);
        }
        JsonNode json = CheckJson.document(d, "check", "test");
        assertThat(json.get("discovery")).hasSize(1);
        JsonNode x = json.get("discovery").get(0);
        assertThat(x.get("host").asText()).isEqualTo(EVIL);
        assertThat(x.get("source").asText()).isEqualTo("SRV_SUBMISSIONS");
        assertThat(x.get("credentialsAllowed").asBoolean()).isFalse();
        assertThat(x.get("credentialsReason").asText()).isEqualTo("OTHER_DOMAIN");
        assertThat(json.toString()).doesNotContain(PASSWORD).contains("DISCOVERY_UNTRUSTED_SERVER");
        assertThat(Optional.ofNullable(json.get("recommendation").get("confirmWithProvider")).map(JsonNode::asBoolean)
                .orElse(true)).isTrue();
    }
}
