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
        assertThat(KB.providers()).extracting(KnownProvider::id).contains("xserver", "sakura", "onamae", "lolipop",
                "conoha-wing", "kagoya", "google", "microsoft-365", "zoho");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everyFactHasASourceWithAUrlAndAStatus(KnownProvider p) {
        ProviderFacts.Entry e = p.facts();
        assertThat(e.sources()).isNotEmpty();
        e.sources().values().forEach(s -> {
            assertThat(URI.create(s.url()).getScheme()).isIn("http", "https");
            assertThat(s.status()).isIn("confirmed", "reported", "inferred", "unconfirmed");
        });
        Stream.concat(Stream.of(e.mx().source(), e.submission().source(), e.username().source()),
                e.pitfalls().stream().map(ProviderFacts.Pitfall::source)).forEach(k -> assertThat(e.sources()).containsKey(k));
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
                  "mx": {"patterns": ["(unclosed"], "source": "s"},
                  "submission": {"hosts": [], "hostPattern": "x", "display": "x", "modes": [{"port": 465, "security": "ssl"}], "source": "s"},
                  "username": {"form": "ADDRESS", "example": "x", "source": "s"}, "pitfalls": [], "examples": [{"mx": "a.b", "hosts": []}],
                  "sources": {"s": {"url": "https://example.test/", "status": "confirmed", "note": null}}}]}
                """;
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
}
