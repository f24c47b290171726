package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.diagnosis.Probes.completedSsl;
import static dev.smtpdoctor.diagnosis.Probes.completedTls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.discovery.Discovered;
import dev.smtpdoctor.discovery.DiscoveryNote;
import dev.smtpdoctor.discovery.DiscoveryResult;
import dev.smtpdoctor.discovery.Proposal;
import dev.smtpdoctor.discovery.ProviderKnowledge;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Discovery's observations become findings: provider pitfalls from the knowledge base (once per provider,
 * not again from {@link ProviderRule}), the username form, untrusted discovered servers, SRV "not offered",
 * autoconfig problems — and every one of them reads well in English and Japanese.
 */
class DiscoveryRuleTest {

    static final ProviderKnowledge KB = ProviderKnowledge.builtIn();
    static final String DOMAIN = "example.jp";

    static DiscoveryResult recognised(String mx, String... submissionHosts) {
        var match = KB.match(mx).orElseThrow();
        List<Discovered> discovered = new ArrayList<>();
        CredentialPolicy policy = CredentialPolicy.forDomain(DOMAIN, KB);
        for (String h : submissionHosts) {
            Candidate c = Candidate.discovered(h, CandidateSource.PROVIDER_MX, new Proposal(OptionalInt.empty(),
                    Optional.empty(), Optional.empty(), Proposal.Channel.KNOWLEDGE_BASE, "MX " + mx,
                    Optional.of(match.provider().id())));
            discovered.add(new Discovered(c, policy.decide(c)));
        }
        return new DiscoveryResult(discovered, List.of(new DiscoveryNote.ProviderRecognised(match, mx)), policy);
    }

    static Observations with(Observations base, DiscoveryResult d) {
        return new Observations(base.settings(), base.lint(), base.probes(), base.allowPlaintextAuth(),
                base.now(), d);
    }

    static List<Finding> findings(Observations o, FindingCode... codes) {
        List<FindingCode> wanted = Arrays.asList(codes);
        return Diagnoser.assess(o).findings().stream().filter(f -> wanted.contains(f.code())).toList();
    }

    @Test
    void xserverRecognisedByMxGivesItsPitfallsOnceNotTwice() {
        Observations o = with(Probes.serverOnly("sv1234.xserver.jp").with(completedSsl("sv1234.xserver.jp")).build(),
                recognised("sv1234.xserver.jp", "sv1234.xserver.jp"));

        assertThat(findings(o, FindingCode.PROVIDER_FOREIGN_IP_FILTER)).singleElement()
                .satisfies(f -> assertThat(f.args()).containsEntry("provider", "xserver")
                        .containsEntry("setting", "SMTP認証の国外アクセス制限設定"));
        assertThat(findings(o, FindingCode.PROVIDER_RECOGNISED)).singleElement()
                .satisfies(f -> assertThat(f.args()).containsEntry("server", "sv1234.xserver.jp")
                        .containsEntry("username", "ADDRESS"));
        assertThat(findings(o, FindingCode.PROVIDER_CERTIFICATE_NAMES_SERVER)).hasSize(1);
    }

    @Test
    void withoutDiscoveryTheProviderRuleStillReportsTheFilter() {
        Observations o = Probes.serverOnly("sv1234.xserver.jp").with(completedSsl("sv1234.xserver.jp")).build();
        assertThat(findings(o, FindingCode.PROVIDER_FOREIGN_IP_FILTER)).hasSize(1);
        assertThat(findings(o, FindingCode.PROVIDER_RECOGNISED)).isEmpty();
    }

    @Test
    void kagoyaWarnsWhenTheUsernameIsAnAddressAndOnlyNotesItForAnAccountName() {
        DiscoveryResult kagoya = recognised("dmail.kagoya.net", "smtp.kagoya.net");
        Observations typedAddress = with(Probes.nothingTyped().username("you@example.jp").build(), kagoya);
        Observations typedAccount = with(Probes.nothingTyped().username("kir000000.info").build(), kagoya);

        assertThat(findings(typedAddress, FindingCode.PROVIDER_USERNAME_ACCOUNT_ID)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.field()).contains(Field.USERNAME);
            assertThat(f.args()).containsEntry("example", "kir000000.info");
        });
        assertThat(findings(typedAccount, FindingCode.PROVIDER_USERNAME_ACCOUNT_ID)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void microsoft365WarnsTwice() {
        Observations o = with(Probes.nothingTyped().with(completedTls("smtp.office365.com", 587)).build(),
                recognised("contoso-jp.mail.protection.outlook.com", "smtp.office365.com"));

        assertThat(findings(o, FindingCode.PROVIDER_SMTP_AUTH_DISABLED, FindingCode.PROVIDER_PASSWORD_AUTH_ENDING))
                .extracting(Finding::code).containsExactlyInAnyOrder(FindingCode.PROVIDER_SMTP_AUTH_DISABLED,
                        FindingCode.PROVIDER_PASSWORD_AUTH_ENDING);
    }

    @Test
    void untrustedDiscoveredServersAndOtherNotesBecomeInfoFindings() {
        Candidate evil = Candidate.discovered("smtp.evil.example", CandidateSource.SRV_SUBMISSIONS, new Proposal(
                OptionalInt.of(465), Optional.of(Security.SSL), Optional.empty(), Proposal.Channel.DNS,
                "_submissions._tcp.example.jp", Optional.empty()));
        DiscoveryResult d = new DiscoveryResult(List.of(new Discovered(evil, CredentialPolicy.Reason.OTHER_DOMAIN)),
                List.of(new DiscoveryNote.ServiceNotOffered(CandidateSource.SRV_SUBMISSION, "_submission._tcp.example.jp"),
                        new DiscoveryNote.AutoconfigUnusable("https://autoconfig.example.jp/mail/config-v1.1.xml",
                                DiscoveryNote.Problem.DOCTYPE_REFUSED),
                        new DiscoveryNote.AutoconfigOverHttp("http://autoconfig.example.jp/mail/config-v1.1.xml"),
                        new DiscoveryNote.LookupFailed("_submissions._tcp.example.jp", "SRV", "SERVFAIL"),
                        new DiscoveryNote.SrvTargetRefused(CandidateSource.SRV_SUBMISSIONS, "_submissions._tcp.example.jp",
                                "127.0.0.1")),
                CredentialPolicy.forDomain(DOMAIN, KB));
        Observations o = with(Probes.nothingTyped().build(), d);

        assertThat(findings(o, FindingCode.DISCOVERY_UNTRUSTED_SERVER)).singleElement()
                .satisfies(f -> assertThat(f.args()).containsEntry("host", "smtp.evil.example")
                        .containsEntry("reason", "OTHER_DOMAIN").containsEntry("domain", DOMAIN));
        assertThat(findings(o, FindingCode.DISCOVERY_SRV_NOT_OFFERED, FindingCode.DISCOVERY_AUTOCONFIG_UNUSABLE,
                FindingCode.DISCOVERY_AUTOCONFIG_HTTP_ONLY, FindingCode.DISCOVERY_LOOKUP_FAILED)).hasSize(4);
        assertThat(findings(o, FindingCode.DISCOVERY_SRV_TARGET_REFUSED)).singleElement()
                .satisfies(f -> assertThat(f.args()).containsEntry("target", "127.0.0.1")
                        .containsEntry("name", "_submissions._tcp.example.jp"));
    }

    @Test
    void everyDiscoveryFindingReadsCompletelyInBothLanguages() {
        List<Finding> all = new ArrayList<>();
        for (String mx : List.of("sv1234.xserver.jp", "www1.sakura.ne.jp", "mx1.onamae.ne.jp", "mx01.lolipop.jp",
                "mail36.conoha.ne.jp", "dmail.kagoya.net", "smtp.google.com", "x.mail.protection.outlook.com",
                "mx.zoho.jp", "in1-smtp.messagingengine.com", "mx01.mail.icloud.com")) {
            var m = KB.match(mx).orElseThrow();
            all.addAll(Diagnoser.assess(with(Probes.nothingTyped().build(),
                    recognised(mx, m.submissionHosts().toArray(String[]::new)))).findings());
        }
        for (DiscoveryNote.Problem p : DiscoveryNote.Problem.values()) {
            all.addAll(Diagnoser.assess(with(Probes.nothingTyped().build(), new DiscoveryResult(List.of(),
                    List.of(new DiscoveryNote.AutoconfigUnusable("https://a.example.jp/x", p)),
                    CredentialPolicy.basic()))).findings());
        }
        for (CredentialPolicy.Reason r : CredentialPolicy.Reason.values()) {
            Candidate c = Candidate.discovered("smtp.other.example", CandidateSource.AUTOCONFIG, new Proposal(
                    OptionalInt.empty(), Optional.empty(), Optional.empty(), Proposal.Channel.HTTP, "http://x", Optional.empty()));
            all.addAll(Diagnoser.assess(with(Probes.nothingTyped().build(), new DiscoveryResult(
                    List.of(new Discovered(c, r)), List.of(), CredentialPolicy.basic()))).findings());
        }
        assertThat(all).extracting(Finding::code).contains(FindingCode.PROVIDER_APP_PASSWORD,
                FindingCode.PROVIDER_USERNAME_ACCOUNT_ID, FindingCode.PROVIDER_CERTIFICATE_NAMES_SERVER,
                FindingCode.PROVIDER_SMTP_AUTH_DISABLED, FindingCode.DISCOVERY_UNTRUSTED_SERVER);
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            DiagnosisText text = new DiagnosisText(Messages.forLocale(l));
            for (Finding f : all) {
                String s = text.finding(f);
                assertThat(s).as(l + " " + f).doesNotContain("!finding.").doesNotMatch("(?s).*\\{[A-Za-z]+}.*");
                if (f.code() == FindingCode.DISCOVERY_AUTOCONFIG_UNUSABLE) {
                    String key = "finding." + f.code() + ".problem." + f.args().get("problem");
                    assertThat(Messages.forLocale(l).has(key)).as(key).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CandidateSource.class)
    void everySourceHasItsLabelsInBothLanguages(CandidateSource s) {
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Messages m = Messages.forLocale(l);
            assertThat(m.has("check.source." + s)).as(l + " check.source." + s).isTrue();
            assertThat(m.has("recommendation.source." + s)).as(l + " recommendation.source." + s).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(CredentialPolicy.Reason.class)
    void everyCredentialReasonHasItsLabelInBothLanguages(CredentialPolicy.Reason r) {
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            assertThat(Messages.forLocale(l).get("check.credentials." + r)).doesNotStartWith("!");
        }
    }
}
