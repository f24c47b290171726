package dev.smtpdoctor.discovery;

import dev.smtpdoctor.testing.InMemoryDns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.model.Security;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data file {@code providers.json} is valid (every fact has a source with a URL and a status, every
 * pattern compiles, every example matches and yields hosts the provider operates, every pitfall is a
 * finding code with English and Japanese text), and MX matching gives what the issue asks for.
 */
class ProviderKnowledgeTest {

    static final ProviderKnowledge KB = ProviderKnowledge.builtIn();

    static Stream<KnownProvider> providers() {
        return KB.providers().stream();
    }

    @Test
    void coversTheProvidersOfTheBrief() {
        assertThat(KB.providers()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(KB.providers()).extracting(KnownProvider::id).contains("xserver", "sakura", "onamae", "lolipop",
                "conoha-wing", "kagoya", "google", "microsoft-365", "zoho", "fastmail", "godaddy", "ionos", "ovh",
                "hostinger", "namecheap", "icloud", "yahoo", "yahoo-japan", "outlook-com", "gandi", "infomaniak", "strato",
                "dreamhost");
    }

    /** The fact keys of an entry: every one must name a source. */
    static List<String> factSources(ProviderFacts.Entry e) {
        List<String> keys = new java.util.ArrayList<>(List.of(e.domainsSource(), e.submission().source(),
                e.username().source()));
        if (e.mx() != null) {
            keys.add(e.mx().source());
        }
        e.pitfalls().forEach(p -> keys.add(p.source()));
        return keys;
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everyFactHasASourceWithAnHttpsUrlAndAStatus(KnownProvider p) {
        ProviderFacts.Entry e = p.facts();
        assertThat(e.sources()).isNotEmpty();
        e.sources().forEach((key, s) -> {
            URI url = URI.create(s.url());
            assertThat(url.getScheme()).as(key).isEqualTo("https");
            assertThat(url.getHost()).as(key).contains(".");
            assertThat(s.status()).as(key).isIn("confirmed", "reported", "inferred", "unconfirmed");
            if (s.checked() != null) {
                assertThat(s.checked()).as(key).matches("20\\d\\d-(0[1-9]|1[0-2])");
            }
        });
        assertThat(factSources(e)).allSatisfy(k -> assertThat(e.sources()).containsKey(k));
        assertThat(e.submission().hostForm()).isIn("FIXED", "PER_SERVER", "PER_ACCOUNT", "CUSTOMER_DOMAIN");
    }

    @Test
    void everySourceIsUsedByAFact() {
        for (KnownProvider p : KB.providers()) {
            assertThat(factSources(p.facts())).as(p.id()).containsAll(p.facts().sources().keySet());
        }
    }

    /**
     * Patterns are well-formed: every host a provider's {@code hostPattern} accepts lies under that provider's own
     * domains, and its dots are literal (the host with a dot replaced by a letter is refused) — a loose pattern
     * would let the password go to a host the provider does not run.
     */
    @ParameterizedTest
    @MethodSource("providers")
    void hostPatternsAcceptOnlyTheProvidersOwnHostsAndTheirDotsAreLiteral(KnownProvider p) {
        List<String> accepted = Stream.concat(Stream.of(p.submissionDisplay().split("[ ,()]+")),
                p.facts().examples().stream().flatMap(x -> x.hosts().stream()))
                .filter(h -> dev.smtpdoctor.model.HostName.isStrict(h) && p.operates(h)).distinct().toList();
        if (p.hostPattern().isPresent() && !p.facts().submission().hostForm().equals("CUSTOMER_DOMAIN")) {
            assertThat(accepted).as(p.id() + ": the host shown to the user is one the pattern accepts").isNotEmpty();
        }
        for (String h : accepted) {
            assertThat(p.recognises(h)).as(h + " lies under the domains of " + p.id()).isTrue();
            for (int i = h.indexOf('.'); i >= 0; i = h.indexOf('.', i + 1)) {
                String loose = h.substring(0, i) + "x" + h.substring(i + 1);
                assertThat(p.operates(loose)).as(p.id() + " accepts " + loose).isFalse();
            }
            assertThat(p.operates(h + ".evil.example")).isFalse();
            if (!p.facts().submission().hostForm().equals("PER_ACCOUNT")) { // any <account>.sakura.ne.jp is Sakura's
                assertThat(p.operates("evil" + h)).as("evil" + h).isFalse();
            }
        }
        p.mxPatterns().forEach(m -> assertThat(m.pattern()).doesNotStartWith(".*"));
    }

    @Test
    void noTwoProvidersClaimTheSameDomainOrOneBelowAnothers() {
        for (KnownProvider a : KB.providers()) {
            for (KnownProvider b : KB.providers()) {
                if (a != b) {
                    a.facts().domains().forEach(d -> assertThat(b.recognises(d)).as(d + " of " + a.id() + " claimed by "
                            + b.id()).isFalse());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everyProviderIsRecognisedFromItsOwnServerName(KnownProvider p) {
        for (String d : p.facts().domains()) {
            assertThat(KB.recognise(d)).as(d).map(KnownProvider::id).contains(p.id());
            assertThat(KB.recognise("*." + d)).as("*." + d).map(KnownProvider::id).contains(p.id());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void examplesMatchAndYieldOnlyHostsTheProviderOperates(KnownProvider p) {
        for (ProviderFacts.Example ex : p.facts().examples()) {
            Optional<KnownProvider.Match> m = KB.match(ex.mx());
            assertThat(m).as(ex.mx()).isPresent();
            assertThat(m.get().provider().id()).isEqualTo(p.id());
            assertThat(m.get().submissionHosts()).containsExactlyElementsOf(ex.hosts());
            m.get().submissionHosts().forEach(h -> assertThat(p.operates(h)).as(h).isTrue());
        }
        assertThat(p.modes()).isNotEmpty().allSatisfy(mode -> assertThat(mode.port()).isBetween(1, 65535));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everyPitfallIsAFindingCodeWithTextInBothLanguages(KnownProvider p) throws IOException {
        Properties en = bundle("");
        Properties ja = bundle("_ja");
        for (ProviderFacts.Pitfall pitfall : p.facts().pitfalls()) {
            FindingCode code = FindingCode.valueOf(pitfall.finding());
            assertThat(en.getProperty("finding." + code)).as(code + " en").isNotBlank();
            assertThat(ja.getProperty("finding." + code)).as(code + " ja").isNotBlank();
        }
    }

    @Test
    void hostPatternsDoNotReachBeyondTheProvidersOwnDomains() {
        for (String stranger : List.of("evil.example", "sv1234.xserver.jp.evil.example", "smtp.gmail.com.evil.example",
                "xsmtp.office365.com", "smtppro.zoho.evil")) {
            assertThat(KB.providers()).as(stranger).noneMatch(p -> p.operates(stranger));
        }
    }

    @Test
    void invalidDataIsRefusedWithTheEntryNamed() {
        String bad = """
                {"_readme": [], "schema": 1, "providers": [{"id": "broken", "name": "B", "nameJa": "B",
                  "domains": ["hosting.test"], "domainsSource": "s",
                  "mx": {"patterns": ["(unclosed"], "source": "s"},
                  "submission": {"hosts": [], "hostPattern": "x", "display": "x", "hostForm": "FIXED",
                    "modes": [{"port": 465, "security": "ssl"}], "source": "s"},
                  "username": {"form": "ADDRESS", "example": "x", "source": "s"}, "pitfalls": [], "examples": [{"mx": "a.b", "hosts": []}],
                  "sources": {"s": {"url": "https://example.test/", "status": "confirmed", "note": null}}}]}
                """;
        String plainHttp = bad.replace("(unclosed", "a\\\\.b").replace("https://example.test/", "http://example.test/");
        assertThatThrownBy(() -> ProviderKnowledge.parse(new ByteArrayInputStream(plainHttp.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.sources.s")
                .hasMessageContaining("https");
        String entry = """
                {"id": "%s", "name": "B", "nameJa": "B", "domains": ["%s"], "domainsSource": "s",
                  "submission": {"hosts": [], "display": "x", "hostForm": "FIXED",
                    "modes": [{"port": 465, "security": "ssl"}], "source": "s"},
                  "username": {"form": "ADDRESS", "example": "x", "source": "s"}, "pitfalls": [], "examples": [],
                  "sources": {"s": {"url": "https://example.test/", "status": "confirmed"}}}
                """;
        String twoClaims = "{\"_readme\": [], \"schema\": 1, \"providers\": [" + entry.formatted("other", "mail.hosting.test")
                + "," + entry.formatted("broken", "hosting.test") + "]}";
        assertThatThrownBy(() -> ProviderKnowledge.parse(new ByteArrayInputStream(twoClaims.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail.hosting.test is also claimed by broken");
        assertThatThrownBy(() -> ProviderKnowledge.parse(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.mx");
        String noSource = bad.replace("(unclosed", "a\\\\.b").replace("\"source\": \"s\"}, \"pitfalls\"",
                "\"source\": \"missing\"}, \"pitfalls\"");
        assertThatThrownBy(() -> ProviderKnowledge.parse(new ByteArrayInputStream(noSource.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.username");
    }

    // ---- matching through discovery -------------------------------------------------------------------

    static DiscoveryResult discover(InMemoryDns dns, String address) {
        return new Discovery(Optional.of(dns), Optional.empty(), KB, Duration.ofSeconds(5)).discover(address);
    }

    @Test
    void xserverMxGivesTheSvHostTrustedWithSslAndTheForeignIpFilter() {
        InMemoryDns dns = InMemoryDns.empty().mx("example.jp", new MxRecord(10, "sv1234.xserver.jp."));

        DiscoveryResult r = discover(dns, "you@example.jp");

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("sv1234.xserver.jp");
            assertThat(d.candidate().source()).isEqualTo(CandidateSource.PROVIDER_MX);
            assertThat(d.candidate().proposal().orElseThrow().security()).contains(Security.SSL);
            assertThat(d.candidate().proposal().orElseThrow().username()).contains("you@example.jp");
            assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.PROVIDER_KNOWLEDGE);
        });
        assertThat(r.recognised("xserver")).isTrue();
        assertThat(pitfalls(r)).contains("PROVIDER_FOREIGN_IP_FILTER", "PROVIDER_CERTIFICATE_NAMES_SERVER");
    }

    @Test
    void anMxOnTheCustomersOwnDomainIsRecognisedByItsReverseName() throws Exception {
        InetAddress a = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10});
        InMemoryDns dns = InMemoryDns.empty().mx("example.jp", new MxRecord(0, "example.jp."))
                .address("example.jp", a).ptr(a, "sv5678.xserver.jp.");

        DiscoveryResult r = discover(dns, "you@example.jp");

        assertThat(r.discovered()).extracting(d -> d.candidate().host()).containsExactly("sv5678.xserver.jp");
        assertThat(r.discovered().get(0).candidate().proposal().orElseThrow().origin())
                .isEqualTo("MX example.jp → sv5678.xserver.jp → xserver");
    }

    @Test
    void kagoyaSaysTheUsernameIsAnAccountIdAndProposesNoAddress() {
        InMemoryDns dns = InMemoryDns.empty().mx("example.jp", new MxRecord(10, "dmail.kagoya.net"));

        DiscoveryResult r = discover(dns, "you@example.jp");

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("smtp.kagoya.net");
            assertThat(d.candidate().proposal().orElseThrow().username()).isEmpty();
        });
        KnownProvider kagoya = KB.byId("kagoya").orElseThrow();
        assertThat(kagoya.facts().username().form()).isEqualTo("ACCOUNT_ID");
        assertThat(kagoya.facts().username().example()).isEqualTo("kir000000.info");
        assertThat(pitfalls(r)).containsExactly("PROVIDER_USERNAME_ACCOUNT_ID");
    }

    @Test
    void microsoft365WarnsAboutSmtpAuthAndTheEndOfPasswordLogin() {
        InMemoryDns dns = InMemoryDns.empty().mx("example.jp", new MxRecord(0, "example-jp.mail.protection.outlook.com"));

        DiscoveryResult r = discover(dns, "you@example.jp");

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("smtp.office365.com");
            assertThat(d.candidate().proposal().orElseThrow().port()).hasValue(587);
            assertThat(d.candidate().proposal().orElseThrow().security()).contains(Security.TLS);
        });
        assertThat(pitfalls(r)).containsExactly("PROVIDER_SMTP_AUTH_DISABLED", "PROVIDER_PASSWORD_AUTH_ENDING");
    }

    @Test
    void zohoRegionComesFromTheMx() {
        InMemoryDns dns = InMemoryDns.empty().mx("example.jp", new MxRecord(10, "mx.zoho.jp"),
                new MxRecord(20, "mx2.zoho.jp"));

        assertThat(discover(dns, "you@example.jp").discovered()).extracting(d -> d.candidate().host())
                .containsExactly("smtppro.zoho.jp");
    }

    @Test
    void unknownMxAndNullMxGiveNothing() {
        assertThat(discover(InMemoryDns.empty().mx("example.jp", new MxRecord(10, "mx.unknown.example")), "you@example.jp")
                .discovered()).isEmpty();
        assertThat(discover(InMemoryDns.empty().mx("example.jp", new MxRecord(0, ".")), "you@example.jp")
                .discovered()).isEmpty();
    }

    private static List<String> pitfalls(DiscoveryResult r) {
        return r.notes().stream().filter(n -> n instanceof DiscoveryNote.ProviderRecognised)
                .flatMap(n -> ((DiscoveryNote.ProviderRecognised) n).match().provider().facts().pitfalls().stream())
                .map(ProviderFacts.Pitfall::finding).toList();
    }

    private static Properties bundle(String suffix) throws IOException {
        try (InputStream in = ProviderKnowledgeTest.class.getResourceAsStream("/dev/smtpdoctor/Messages" + suffix
                + ".properties")) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    @org.junit.jupiter.api.Test
    void aProviderIsRecognisedFromAServerOrCertificateNameUnderItsDomains() {
        ProviderKnowledge kb = ProviderKnowledge.builtIn();
        org.assertj.core.api.Assertions.assertThat(kb.recognise("sv1234.xserver.jp").map(KnownProvider::id)).contains("xserver");
        org.assertj.core.api.Assertions.assertThat(kb.recognise("*.xserver.jp").map(KnownProvider::id)).contains("xserver");
        org.assertj.core.api.Assertions.assertThat(kb.recognise("SMTP.Office365.com.").map(KnownProvider::id))
                .contains("microsoft-365");
        org.assertj.core.api.Assertions.assertThat(kb.recognise("evil-xserver.jp")).as("label-wise, not by text").isEmpty();
        org.assertj.core.api.Assertions.assertThat(kb.recognise("mail.example.jp")).isEmpty();
        org.assertj.core.api.Assertions.assertThat(kb.recognise("kir000.kagoya.net").orElseThrow().wantsAccountId()).isTrue();
    }

    // ---- the providers added for issue 11 -------------------------------------------------------------

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "smtp.mail.yahoo.com,       yahoo",
            "smtp.mail.yahoo.co.jp,     yahoo-japan",
            "smtp-mail.outlook.com,     outlook-com",
            "ssl0.ovh.net,              ovh",
            "mail.privateemail.com,     namecheap",
            "mx2.privateemail.com,      namecheap",
            "smtp.strato.de,            strato",
            "mail.infomaniak.com,       infomaniak",
            "smtpout.secureserver.net,  godaddy",
            "smtp.ionos.com,            ionos",
            "smtp.ocn.ne.jp,            ocn",
            "mail.gandi.net,            gandi",
            "SMTP.Hostinger.COM.,       hostinger"})
    void newProvidersAreRecognisedFromTheirServerNames(String host, String id) {
        assertThat(KB.recognise(host).map(KnownProvider::id)).as(host).contains(id);
    }

    /** Names under a provider's domain that its customers' own servers carry must not count as the provider's. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"vps-1234abcd.vps.ovh.net", "ns1234.ip-1-2-3.eu",
            "static.4.3.2.1.clients.your-server.de", "ip-1-2-3-4.ip.secureserver.net", "p1234-ipngn100.tokyo.ocn.ne.jp",
            "fp76e1.tkyc.ap.nifty.com", "evil-privateemail.com", "outlook.com", "yahoo.com"})
    void customersServersUnderAProvidersDomainAreNotThatProvider(String host) {
        assertThat(KB.recognise(host)).as(host).isEmpty();
        assertThat(KB.providers()).as(host).noneMatch(p -> p.operates(host));
    }

    @Test
    void namecheapMxGivesItsSubmissionServerTrustedByTheKnowledgeBase() {
        InMemoryDns dns = InMemoryDns.empty().mx("example.com", new MxRecord(10, "mx1.privateemail.com"),
                new MxRecord(10, "mx2.privateemail.com"));

        DiscoveryResult r = discover(dns, "you@example.com");

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("mail.privateemail.com");
            assertThat(d.candidate().proposal().orElseThrow().security()).contains(Security.SSL);
            assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.PROVIDER_KNOWLEDGE);
        });
        assertThat(r.recognised("namecheap")).isTrue();
    }

    @Test
    void aCertificateNamingANewProvidersServerIsTrustedOnlyForThatExactHost() {
        CredentialPolicy policy = CredentialPolicy.forDomain("example.com", KB);
        Candidate.Pin pin = new Candidate.Pin(InetAddress.getLoopbackAddress(), "ab");

        assertThat(policy.decide(Candidate.certificateName("ssl0.ovh.net", "mail.example.com", pin)))
                .isEqualTo(CredentialPolicy.Reason.PROVIDER_KNOWLEDGE);
        assertThat(policy.decide(Candidate.certificateName("ssl1.ovh.net", "mail.example.com", pin)))
                .isEqualTo(CredentialPolicy.Reason.CERTIFICATE_NAME_UNCONFIRMED);
        assertThat(policy.decide(Candidate.certificateName("mail.your-server.de", "mail.example.de", pin)))
                .isEqualTo(CredentialPolicy.Reason.PROVIDER_KNOWLEDGE);
    }

    @Test
    void theNewFactsReadAsTheSourcesSay() {
        KnownProvider yahooJapan = KB.byId("yahoo-japan").orElseThrow();
        assertThat(yahooJapan.wantsAccountId()).isTrue();
        assertThat(yahooJapan.modes()).containsExactly(new dev.smtpdoctor.model.Mode(465, Security.SSL));
        KnownProvider ovh = KB.byId("ovh").orElseThrow();
        assertThat(ovh.hasPitfall("PROVIDER_CERTIFICATE_NAMES_SERVER")).isTrue();
        assertThat(KB.byId("yahoo").orElseThrow().hasPitfall("PROVIDER_APP_PASSWORD")).isTrue();
        assertThat(KB.byId("infomaniak").orElseThrow().facts().sources().get("ports").status()).isEqualTo("confirmed");
        assertThat(KB.byId("xserver").orElseThrow().facts().submission().hostForm()).isEqualTo("PER_SERVER");
    }

    @Test
    void docsListEveryProviderWithItsSources() throws IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/providers.md"));
        for (KnownProvider p : KB.providers()) {
            assertThat(docs).as(p.id()).contains("| `" + p.id() + "` |");
            p.facts().sources().values().forEach(s -> assertThat(docs).as(p.id()).contains("(" + s.url() + ")"));
        }
    }
}
