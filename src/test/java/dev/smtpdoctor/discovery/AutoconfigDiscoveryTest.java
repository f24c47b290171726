package dev.smtpdoctor.discovery;

import dev.smtpdoctor.http.FetchResult;
import static dev.smtpdoctor.discovery.AutoconfigServers.AUTOCONFIG_HOST;
import static dev.smtpdoctor.discovery.AutoconfigServers.AUTOCONFIG_PATH;
import static dev.smtpdoctor.discovery.AutoconfigServers.DOMAIN;
import static dev.smtpdoctor.discovery.AutoconfigServers.WELL_KNOWN_PATH;
import static dev.smtpdoctor.discovery.AutoconfigServers.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.AutoconfigServers.Route;
import dev.smtpdoctor.model.Security;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domain's autoconfig file, fetched from real HTTPS and HTTP servers on 127.0.0.1 with a certificate
 * from a test CA: a valid file, an XXE attempt, an oversize file, a slow server, the plain-HTTP fallback,
 * an untrusted certificate, and a redirect to plain HTTP.
 */
class AutoconfigDiscoveryTest {

    static final String ADDRESS = "you@" + DOMAIN;
    final AutoconfigServers servers = new AutoconfigServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    DiscoveryResult discover(Duration limit) {
        return new Discovery(Optional.empty(), Optional.of(servers.fetcher()), ProviderKnowledge.builtIn(), limit)
                .discover(ADDRESS);
    }

    @Test
    void validFileOverHttpsGivesATrustedCandidateWithItsPortSecurityAndUsername() {
        servers.https(AUTOCONFIG_PATH, Route.ok(config("smtp.example.test", 465, "SSL", "%EMAILADDRESS%")));

        DiscoveryResult r = discover(Duration.ofSeconds(5));

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            Candidate c = d.candidate();
            assertThat(c.host()).isEqualTo("smtp.example.test");
            assertThat(c.source()).isEqualTo(CandidateSource.AUTOCONFIG);
            Proposal p = c.proposal().orElseThrow();
            assertThat(p.port()).isEqualTo(OptionalInt.of(465));
            assertThat(p.security()).contains(Security.SSL);
            assertThat(p.username()).contains(ADDRESS);
            assertThat(p.channel()).isEqualTo(Proposal.Channel.HTTPS);
            assertThat(p.origin()).startsWith("https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH);
            assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.OWN_DOMAIN);
        });
        assertThat(r.notes()).isEmpty();
        // Thunderbird's query: the address goes to the HTTPS server; the plain fallback was never needed.
        assertThat(servers.requests()).contains("https " + AUTOCONFIG_HOST + " " + AUTOCONFIG_PATH
                + "?emailaddress=you%40example.test").noneMatch(q -> q.startsWith("http "));
    }

    @Test
    void wellKnownPathIsUsedWhenTheAutoconfigHostHasNone() {
        servers.refuse(AUTOCONFIG_HOST)
                .https(WELL_KNOWN_PATH, Route.ok(config("mail.example.test", 587, "STARTTLS", "%EMAILLOCALPART%")));

        DiscoveryResult r = discover(Duration.ofSeconds(5));

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("mail.example.test");
            assertThat(d.candidate().proposal().orElseThrow().security()).contains(Security.TLS);
            assertThat(d.candidate().proposal().orElseThrow().username()).contains("you");
        });
    }

    @Test
    void aFileNamingAServerOutsideTheDomainIsProposedButNotTrusted() {
        servers.https(AUTOCONFIG_PATH, Route.ok(config("smtp.evil.example", 465, "SSL", "%EMAILADDRESS%")));

        DiscoveryResult r = discover(Duration.ofSeconds(5));

        assertThat(r.discovered()).singleElement()
                .satisfies(d -> assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.OTHER_DOMAIN));
    }

    @Test
    void xxeAttemptIsRefusedWithoutResolvingAnyEntity(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret-host.example.test");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE clientConfig [
                  <!ENTITY file SYSTEM "%s">
                  <!ENTITY net SYSTEM "https://%s%s/leak">
                ]>
                <clientConfig version="1.1"><emailProvider id="x"><outgoingServer type="smtp">
                  <hostname>&file;</hostname><port>465</port><socketType>SSL</socketType><username>&net;</username>
                </outgoingServer></emailProvider></clientConfig>
                """.formatted(secret.toUri(), AUTOCONFIG_HOST, ":" + servers.httpsPort());
        servers.https(AUTOCONFIG_PATH, Route.ok(xxe));

        DiscoveryResult r = discover(Duration.ofSeconds(5));

        assertThat(r.discovered()).isEmpty();
        assertThat(r.notes()).contains(new DiscoveryNote.AutoconfigUnusable(
                "https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH + "?emailaddress=you%40example.test",
                DiscoveryNote.Problem.DOCTYPE_REFUSED));
        assertThat(servers.requests()).noneMatch(q -> q.contains("/leak"));
        assertThat(r.toString()).doesNotContain("secret-host");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<clientConfig><emailProvider><outgoingServer type=\"smtp\"><hostname>&lol3;</hostname>"
                + "</outgoingServer></emailProvider></clientConfig>";

        AutoconfigFile.Parsed p = AutoconfigFile.parse(bomb.getBytes(StandardCharsets.UTF_8), ADDRESS);

        assertThat(p.problem()).contains(AutoconfigFile.Problem.DOCTYPE_REFUSED);
        assertThat(p.servers()).isEmpty();
    }

    @Test
    void oversizeFileIsCutAtTheLimitWithContentLength() {
        servers.https(AUTOCONFIG_PATH, new Route(200, padded(200 * 1024), Duration.ZERO, false));

        DiscoveryResult r = discover(Duration.ofSeconds(5));

        assertThat(r.discovered()).isEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(DiscoveryNote.AutoconfigUnusable.class,
                u -> assertThat(u.problem()).isEqualTo(DiscoveryNote.Problem.TOO_LARGE)));
    }

    @Test
    void oversizeFileIsCutAtTheLimitWhenChunked() {
        FetchResult r = servers.fetcher().get(java.net.URI.create("https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH),
                AutoconfigDiscovery.MAX_BYTES, Duration.ofSeconds(5));
        assertThat(r).isInstanceOf(FetchResult.HttpStatus.class); // no route yet: 404

        servers.https(AUTOCONFIG_PATH, new Route(200, padded(AutoconfigDiscovery.MAX_BYTES + 1), Duration.ZERO, true));
        r = servers.fetcher().get(java.net.URI.create("https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH),
                AutoconfigDiscovery.MAX_BYTES, Duration.ofSeconds(5));

        assertThat(r).isInstanceOf(FetchResult.TooLarge.class);
    }

    @Test
    void aFileJustUnderTheLimitIsRead() {
        servers.https(AUTOCONFIG_PATH, new Route(200, padded(AutoconfigDiscovery.MAX_BYTES), Duration.ZERO, true));

        FetchResult r = servers.fetcher().get(java.net.URI.create("https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH),
                AutoconfigDiscovery.MAX_BYTES, Duration.ofSeconds(5));

        assertThat(r).isInstanceOfSatisfying(FetchResult.Body.class, b -> {
            assertThat(b.bytes()).hasSize(AutoconfigDiscovery.MAX_BYTES);
            assertThat(b.verified()).isTrue();
            assertThat(AutoconfigFile.parse(b.bytes(), ADDRESS).servers()).extracting(AutoconfigFile.OutgoingServer::hostname)
                    .containsExactly("smtp.example.test");
        });
    }

    @Test
    void slowServerIsAbandonedAtTheTimeLimit() {
        servers.https(AUTOCONFIG_PATH, new Route(200, config("smtp.example.test", 465, "SSL", "x").getBytes(
                StandardCharsets.UTF_8), Duration.ofSeconds(20), false));

        long t0 = System.nanoTime();
        DiscoveryResult r = discover(Duration.ofMillis(800));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ms).isLessThan(5_000);
        assertThat(r.discovered()).isEmpty();
    }

    @Test
    void slowServerGivesTimedOutFromTheFetcher() {
        servers.https(AUTOCONFIG_PATH, new Route(200, new byte[10], Duration.ofSeconds(20), false));

        FetchResult r = servers.fetcher().get(java.net.URI.create("https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH),
                AutoconfigDiscovery.MAX_BYTES, Duration.ofMillis(500));

        assertThat(r).isInstanceOf(FetchResult.TimedOut.class);
    }

    @Test
    void plainHttpFallbackIsUsedButNeverTrustedAndNeverGetsTheAddress() {
        servers.refuse(DOMAIN).http(AUTOCONFIG_PATH, Route.ok(config("smtp.example.test", 587, "STARTTLS", "%EMAILADDRESS%")));

        DiscoveryResult r = discover(Duration.ofSeconds(5));

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("smtp.example.test");
            assertThat(d.candidate().proposal().orElseThrow().channel()).isEqualTo(Proposal.Channel.HTTP);
            assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.UNVERIFIED_CHANNEL);
        });
        assertThat(r.notes()).contains(new DiscoveryNote.AutoconfigOverHttp("http://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH));
        assertThat(servers.requests()).filteredOn(q -> q.startsWith("http ")).singleElement()
                .satisfies(q -> assertThat(q).doesNotContain("emailaddress").doesNotContain("you"));
    }

    @Test
    void untrustedCertificateIsATlsFailureAndTheFileIsNotUsed() {
        try (AutoconfigServers stranger = new AutoconfigServers(false)) {
            stranger.https(AUTOCONFIG_PATH, Route.ok(config("smtp.example.test", 465, "SSL", "%EMAILADDRESS%")));

            DiscoveryResult r = new Discovery(Optional.empty(), Optional.of(stranger.fetcher()),
                    ProviderKnowledge.builtIn(), Duration.ofSeconds(5)).discover(ADDRESS);

            assertThat(r.discovered()).isEmpty();
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(
                    DiscoveryNote.AutoconfigUnusable.class,
                    u -> assertThat(u.problem()).isEqualTo(DiscoveryNote.Problem.TLS_FAILED)));
            assertThat(stranger.requests()).noneMatch(q -> q.startsWith("https "));
        }
    }

    @Test
    void redirectFromHttpsToHttpIsNotFollowedButHttpsToHttpsIs() {
        java.net.URI start = java.net.URI.create("https://" + AUTOCONFIG_HOST + AUTOCONFIG_PATH);
        servers.https(AUTOCONFIG_PATH, Route.redirect("http://" + AUTOCONFIG_HOST + "/plain.xml"))
                .http("/plain.xml", Route.ok(config("smtp.example.test", 465, "SSL", "x")));

        assertThat(servers.fetcher().get(start, 1024 * 64, Duration.ofSeconds(5)))
                .isEqualTo(new FetchResult.HttpStatus(start, 302));
        assertThat(servers.requests()).noneMatch(q -> q.contains("/plain.xml"));

        servers.https(AUTOCONFIG_PATH, Route.redirect("https://" + DOMAIN + "/moved.xml"))
                .https("/moved.xml", Route.ok(config("smtp.example.test", 465, "SSL", "x")));
        assertThat(servers.fetcher().get(start, 1024 * 64, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(FetchResult.Body.class, b -> {
                    assertThat(b.finalUri().toString()).isEqualTo("https://" + DOMAIN + "/moved.xml");
                    assertThat(b.verified()).isTrue();
                });
    }

    /** A valid file padded with an XML comment to exactly {@code size} bytes. */
    static byte[] padded(int size) {
        String base = config("smtp.example.test", 465, "SSL", "%EMAILADDRESS%");
        int pad = size - base.getBytes(StandardCharsets.UTF_8).length - "<!---->".length();
        return (base + "<!--" + "x".repeat(Math.max(0, pad)) + "-->").getBytes(StandardCharsets.UTF_8);
    }
}
