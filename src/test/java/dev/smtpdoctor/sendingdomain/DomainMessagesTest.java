package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.report.DiagnosisText;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.testing.InMemoryDns;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code the domain checks report has an English and a Japanese sentence and title; every
 * placeholder is an argument the finding carries; every argument value that selects an extra sentence
 * has one in both languages.
 */
class DomainMessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private static Properties load(String suffix) {
        String path = "/" + Messages.BUNDLE.replace('.', '/') + suffix + ".properties";
        try (InputStream in = DomainMessagesTest.class.getResourceAsStream(path)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Properties EN = load("");
    private static final Properties JA = load("_ja");

    @Test
    void everyCodeHasBothLanguages() {
        for (FindingCode code : DomainChecks.CODES) {
            for (String key : List.of("finding." + code, "finding." + code + ".title")) {
                assertThat(EN.getProperty(key)).as(key + " (en)").isNotBlank();
                assertThat(JA.getProperty(key)).as(key + " (ja)").isNotBlank().isNotEqualTo(EN.getProperty(key));
            }
        }
        for (String key : List.of("domain.heading", "domain.gmail-rules", "domain.spf-approximation",
                "domain.rule.all.met", "domain.rule.all.not-confirmed", "domain.rule.bulk.met",
                "domain.rule.bulk.not-met", "opt.dns-server", "error.dns-server")) {
            assertThat(EN.getProperty(key)).as(key).isNotBlank();
            assertThat(JA.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyPermerrorReasonHasASentence() {
        for (SpfProblem p : SpfProblem.values()) {
            if (p == SpfProblem.TOO_MANY_LOOKUPS || p == SpfProblem.DNS_FAILURE) {
                continue; // their own codes: SPF_TOO_MANY_LOOKUPS, DOMAIN_DNS_FAILED
            }
            String key = "finding.SPF_PERMERROR.reason." + p.id();
            assertThat(EN.getProperty(key)).as(key).isNotBlank();
            assertThat(JA.getProperty(key)).as(key).isNotBlank();
        }
    }

    /** Findings of every code, from scenarios, rendered in both languages with nothing left unfilled. */
    @Test
    void placeholdersAreArgumentsTheFindingsCarry() throws Exception {
        List<Finding> all = scenarios();
        Set<FindingCode> seen = EnumSet.noneOf(FindingCode.class);
        for (Finding f : all) {
            seen.add(f.code());
            for (Properties bundle : List.of(EN, JA)) {
                Matcher m = PLACEHOLDER.matcher(bundle.getProperty("finding." + f.code()));
                while (m.find()) {
                    assertThat(f.args()).as(f.code() + " {" + m.group(1) + "}").containsKey(m.group(1));
                }
            }
            for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                String text = new DiagnosisText(Messages.forLocale(l)).finding(f);
                assertThat(text).as(f.toString()).doesNotContain("!finding").doesNotMatch("(?s).*\\{[a-z]+}.*");
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(DomainChecks.CODES);
    }

    private static List<Finding> scenarios() throws Exception {
        InetAddress server = InetAddress.getByName("192.0.2.10");
        List<String> zones = List.of(
                // pass, DKIM found, p=none, PTR confirmed
                """
                example.jp. MX 10 mx.example.jp.
                mx.example.jp. A 192.0.2.25
                example.jp. TXT "v=spf1 ip4:192.0.2.0/24 -all"
                default._domainkey.example.jp. TXT "p=abc"
                _dmarc.example.jp. TXT "v=DMARC1; p=none"
                10.2.0.192.in-addr.arpa. PTR sv.example.jp.
                sv.example.jp. A 192.0.2.99
                """,
                // fail, p=reject, implicit MX, no PTR
                """
                example.jp. A 192.0.2.80
                example.jp. TXT "v=spf1 -all"
                _dmarc.example.jp. TXT "v=DMARC1; p=reject"
                """,
                // nothing, null MX, invalid DMARC
                """
                example.jp. MX 0 .
                _dmarc.example.jp. TXT "v=DMARC1; p=nope"
                """,
                // dangling MX, permerror, failing PTR
                """
                example.jp. MX 10 gone.test.
                example.jp. TXT "v=spf1 ipv4:192.0.2.1 -all"
                10.2.0.192.in-addr.arpa. SERVFAIL
                """,
                // no such domain, too many lookups
                """
                other.jp. A 192.0.2.1
                """);
        List<Finding> out = new ArrayList<>();
        for (String zone : zones) {
            out.addAll(new DomainChecks(InMemoryDns.zone(zone)).check(new DomainRequest("you@example.jp",
                    Optional.of(server), Optional.of("sv.example.jp"), List.of())).findings());
        }
        StringBuilder many = new StringBuilder("example.jp. TXT \"v=spf1");
        for (int i = 0; i < 11; i++) {
            many.append(" a:h").append(i).append(".test");
        }
        many.append(" -all\"\n");
        for (int i = 0; i < 11; i++) {
            many.append("h").append(i).append(".test. A 198.51.100.").append(i).append('\n');
        }
        out.addAll(new DomainChecks(InMemoryDns.zone(many.toString())).check(new DomainRequest("you@example.jp",
                Optional.of(server), Optional.empty(), List.of())).findings());
        Set<String> distinct = new HashSet<>();
        return out.stream().filter(f -> distinct.add(f.code() + " " + f.args())).toList();
    }
}
