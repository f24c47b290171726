package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.RuleTable.Case;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code, hint and message the diagnosis can produce has an English and a Japanese text, with the
 * same placeholders, and every finding of every rule table renders without a missing key or an unfilled
 * placeholder.
 */
class DiagnosisTextsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.-]*)}");
    private static final List<String> SECTION = List.of("finding.", "gmail.", "recommendation.", "risk.", "ask.",
            "next.", "known.", "explain.");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = DiagnosisTextsTest.class.getResourceAsStream("/dev/smtpdoctor/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> diagnosisKeys(Properties p) {
        Set<String> keys = new TreeSet<>();
        for (String k : p.stringPropertyNames()) {
            if (SECTION.stream().anyMatch(k::startsWith) && !k.startsWith("finding.INPUT_")) {
                keys.add(k);
            }
        }
        return keys;
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyEmittableCodeHasEnglishAndJapaneseTexts() throws IOException {
        Properties en = load("Messages.properties");
        Properties ja = load("Messages_ja.properties");
        for (FindingCode c : FindingCode.values()) {
            if (c.name().startsWith("INPUT_")) {
                continue; // input lint owns those texts
            }
            for (String key : List.of("finding." + c.name(), "finding." + c.name() + ".title")) {
                assertThat(en.getProperty(key)).as(key + " (en)").isNotBlank();
                assertThat(ja.getProperty(key)).as(key + " (ja)").isNotBlank();
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties en = load("Messages.properties");
        Properties ja = load("Messages_ja.properties");
        assertThat(diagnosisKeys(ja)).isEqualTo(diagnosisKeys(en));
        for (String key : diagnosisKeys(en)) {
            assertThat(placeholders(ja.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    @Test
    void everyVariantTheRulesCanSelectExists() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String hint : List.of("username-form", "username-full-address", "username-account-id", "app-password-google",
                "app-password-zoho", "m365-smtp-auth-disabled", "m365-basic-auth-retired", "temporary", "app-password",
                "username-account-name")) {
            keys.add("finding.AUTH_FAILED.hint." + hint);
        }
        for (String hint : List.of("ssl-on-starttls-port", "tls-on-ssl-port")) {
            keys.add("finding.SECURITY_MODE_MISMATCH.hint." + hint);
        }
        for (String kind : List.of("self-signed", "unknown-ca", "invalid", "not-yet-valid")) {
            keys.add("finding.TLS_UNTRUSTED_CHAIN.kind." + kind);
        }
        for (dev.smtpdoctor.discovery.KnownProvider p : dev.smtpdoctor.discovery.ProviderKnowledge.builtIn().providers()) {
            if (p.hasPitfall("PROVIDER_FOREIGN_IP_FILTER")) {
                keys.add("finding.PROVIDER_FOREIGN_IP_FILTER.provider." + p.id());
            }
        }
        for (Recommendation.Risk r : Recommendation.Risk.values()) {
            keys.add("risk." + r.name());
        }
        for (Recommendation.Ask a : Recommendation.Ask.values()) {
            keys.add("ask." + a.name());
        }
        for (Recommendation.NextAction a : Recommendation.NextAction.values()) {
            keys.add("next." + a.name());
        }
        for (Recommendation.Kind k : Recommendation.Kind.values()) {
            keys.add("recommendation." + k.name());
        }
        for (KnownMessage k : KnownMessage.values()) {
            keys.add(k.meaningKey());
            keys.add(k.checkKey());
        }
        for (GmailVerdict.Status s : GmailVerdict.Status.values()) {
            keys.add("gmail.status." + s.name());
        }
        for (Security s : Security.values()) {
            keys.add("gmail.security." + s.id());
        }
        Properties en = load("Messages.properties");
        Properties ja = load("Messages_ja.properties");
        for (String key : keys) {
            assertThat(en.getProperty(key)).as(key + " (en)").isNotBlank();
            assertThat(ja.getProperty(key)).as(key + " (ja)").isNotBlank();
        }
    }

    /** Observations of every rule table, plus the end-to-end ones. */
    static Stream<Observations> corpus() {
        return Stream.of(ReachabilityRulesTest.dns(), ReachabilityRulesTest.connect(), ReachabilityRulesTest.port25(),
                        ReachabilityRulesTest.greeting(), TlsRulesTest.securityMode(), TlsRulesTest.startTls(),
                        TlsRulesTest.tlsHandshake(), TlsRulesTest.certificate(), TlsRulesTest.certificateName(),
                        AuthRulesTest.authOffer(), AuthRulesTest.authRequiresTls(), AuthRulesTest.authFailed(),
                        AuthRulesTest.sender(), ServerAndProviderRulesTest.provider(),
                        ServerAndProviderRulesTest.serverBehaviour(), ServerAndProviderRulesTest.internalError(),
                        ReplyDeviationRuleTest.replyDeviation())
                .flatMap(s -> s).map(Case::observations);
    }

    @Test
    void everyFindingOfEveryTableRendersInBothLanguages() {
        List<Observations> all = new ArrayList<>(corpus().toList());
        all.add(DiagnoserTest.xserverClassic());
        Set<FindingCode> seen = new TreeSet<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            DiagnosisText text = new DiagnosisText(Messages.forLocale(locale));
            for (Observations o : all) {
                Assessment a = Diagnoser.assess(o);
                for (Finding f : a.findings()) {
                    seen.add(f.code());
                    assertRendered(text.finding(f), f.toString());
                    assertRendered(text.title(f.code()), f.code().name());
                }
                for (GmailVerdict v : a.gmail()) {
                    assertRendered(text.verdict(v), v.toString());
                }
                var answer = dev.smtpdoctor.report.Answer.of(a.recommendation(), o.settings().address(), List.of(),
                        java.util.Optional.empty(), Messages.forLocale(locale));
                List<String> lines = new java.util.ArrayList<>();
                answer.verdict().ifPresent(lines::add);
                answer.why().ifPresent(lines::add);
                answer.intro().ifPresent(lines::add);
                answer.fields().forEach(x -> lines.add(x.label() + x.value()));
                lines.addAll(answer.notes());
                lines.addAll(answer.risks());
                lines.addAll(answer.asks());
                answer.next().ifPresent(lines::add);
                for (String line : lines) {
                    assertRendered(line, a.recommendation().toString());
                }
            }
        }
        // The tables exercise every code the rules can emit.
        Set<FindingCode> emittable = new TreeSet<>();
        for (FindingCode c : FindingCode.values()) {
            if (!c.name().startsWith("INPUT_") && !DiscoveryRule.CODES.contains(c)
                    && !dev.smtpdoctor.sendingdomain.DomainChecks.CODES.contains(c)) {
                emittable.add(c);
            }
        }
        assertThat(seen).isEqualTo(emittable);
    }

    @Test
    void explanationsRenderInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            DiagnosisText text = new DiagnosisText(Messages.forLocale(locale));
            for (KnownMessage k : KnownMessage.values()) {
                for (String line : text.explanation(Explanation.of(k, k.text()))) {
                    assertRendered(line, k.name());
                }
            }
        }
    }

    @Test
    void japaneseUsesGmailsOwnLabels() {
        DiagnosisText ja = new DiagnosisText(Messages.forLocale(Locale.JAPANESE));
        assertThat(ja.security(Security.TLS)).isEqualTo("TLS を使用したセキュリティで保護された接続（推奨）");
        assertThat(ja.security(Security.SSL)).isEqualTo("SSL を使用したセキュリティで保護された接続");
        assertThat(ja.security(Security.NONE)).isEqualTo("保護されていない接続");
        Finding f = Finding.of(FindingCode.SECURITY_MODE_MISMATCH, Severity.ERROR, Field.SECURITY,
                Finding.args("host", "mail.example.jp", "port", "587", "chosen", "ssl", "expected", "tls",
                        "hint", "ssl-on-starttls-port"));
        assertThat(ja.finding(f)).contains("ポート 587", "「TLS を使用したセキュリティで保護された接続（推奨）」");
    }

    @Test
    void aStepArgumentIsShownInTheUsersLanguage() {
        Finding f = Finding.of(FindingCode.SERVER_TIMEOUT, Severity.ERROR,
                Finding.args("host", "h", "port", "465", "step", "AUTH"));
        assertThat(new DiagnosisText(Messages.forLocale(Locale.ENGLISH)).finding(f)).contains("during Login (AUTH)");
    }

    private static void assertRendered(String text, String what) {
        assertThat(text).as(what).doesNotContain("!finding.", "!gmail.", "!recommendation.", "!risk.", "!ask.",
                "!next.", "!known.", "!explain.", "!step.");
        assertThat(PLACEHOLDER.matcher(text).find()).as("unfilled placeholder in: " + text).isFalse();
    }
}
