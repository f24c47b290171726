package dev.smtpdoctor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.CredentialPolicy.Reason;
import dev.smtpdoctor.discovery.Proposal.Channel;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6186 §6 as a table: which candidate may receive the password, and why. */
class CredentialPolicyTest {

    static final CredentialPolicy POLICY = CredentialPolicy.forDomain("example.jp", ProviderKnowledge.builtIn());

    @ParameterizedTest(name = "{0} {1} via {2} → {4}")
    @CsvSource({
            // host,                      source,           channel,        provider,       expected
            "mail.example.jp,             TYPED,            ,               ,               TYPED",
            "anything.example.net,        TYPED,            ,               ,               TYPED",
            "smtp.example.jp,             GUESS_SMTP,       ,               ,               GUESSED",
            "smtp.example.jp,             SRV_SUBMISSIONS,  DNS,            ,               OWN_DOMAIN",
            "example.jp,                  SRV_SUBMISSION,   DNS,            ,               OWN_DOMAIN",
            "smtp.example.jp.,            SRV_SUBMISSION,   DNS,            ,               OWN_DOMAIN",
            "smtp.evil.example,           SRV_SUBMISSIONS,  DNS,            ,               OTHER_DOMAIN",
            "evil-example.jp,             SRV_SUBMISSION,   DNS,            ,               OTHER_DOMAIN",
            "example.jp.evil.example,     SRV_SUBMISSION,   DNS,            ,               OTHER_DOMAIN",
            "smtp.example.jp,             AUTOCONFIG,       HTTPS,          ,               OWN_DOMAIN",
            "smtp.example.jp,             AUTOCONFIG,       HTTP,           ,               UNVERIFIED_CHANNEL",
            "smtp.evil.example,           AUTOCONFIG,       HTTPS,          ,               OTHER_DOMAIN",
            "smtp.example.jp,             SRV_SUBMISSION,   HTTPS,          ,               UNVERIFIED_CHANNEL",
            "sv1234.xserver.jp,           PROVIDER_MX,      KNOWLEDGE_BASE, xserver,        PROVIDER_KNOWLEDGE",
            "smtp.office365.com,          PROVIDER_MX,      KNOWLEDGE_BASE, microsoft-365,  PROVIDER_KNOWLEDGE",
            "evil.example,                PROVIDER_MX,      KNOWLEDGE_BASE, xserver,        NOT_VOUCHED_FOR",
            "sv1234.xserver.jp,           PROVIDER_MX,      KNOWLEDGE_BASE, no-such-one,    NOT_VOUCHED_FOR",
            "sv1234.xserver.jp,           PROVIDER_MX,      DNS,            xserver,        NOT_VOUCHED_FOR",
    })
    void decides(String host, CandidateSource source, Channel channel, String provider, Reason expected) {
        Candidate c = channel == null ? Candidate.of(host, source)
                : Candidate.discovered(host, source, new Proposal(OptionalInt.empty(), Optional.empty(), Optional.empty(),
                        channel, "test", Optional.ofNullable(provider)));

        assertThat(POLICY.decide(c)).isEqualTo(expected);
        assertThat(POLICY.allows(c)).isEqualTo(expected.allowed());
    }

    @ParameterizedTest
    @CsvSource({"TYPED, true", "SRV_SUBMISSIONS, false", "AUTOCONFIG, false", "PROVIDER_MX, false", "GUESS_MAIL, false"})
    void basicPolicyTrustsOnlyTheTypedServerAndSameServerNames(CandidateSource source, boolean allowed) {
        Candidate c = Candidate.discovered("smtp.example.jp", source, new Proposal(OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Channel.DNS, "test", Optional.empty()));
        assertThat(CredentialPolicy.basic().allows(c)).isEqualTo(allowed);
        assertThat(CredentialPolicy.basic().allows(new Candidate("x.example.net", CandidateSource.CERTIFICATE_NAME,
                Optional.of("mail.example.jp")))).isTrue();
        assertThat(CredentialPolicy.basic().allows(Candidate.of("x.example.net", CandidateSource.CERTIFICATE_NAME)))
                .isFalse();
    }
}
