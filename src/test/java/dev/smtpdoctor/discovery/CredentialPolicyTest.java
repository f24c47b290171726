package dev.smtpdoctor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.CredentialPolicy.Reason;
import dev.smtpdoctor.discovery.Proposal.Channel;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
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
            "smtp.example.jp,             GUESS_SMTP,       ,               ,               OWN_DOMAIN_VERIFIED",
            "mail.example.jp,             GUESS_MAIL,       ,               ,               OWN_DOMAIN_VERIFIED",
            "example.jp,                  GUESS_DOMAIN,     ,               ,               OWN_DOMAIN_VERIFIED",
            "smtp.evil-example.jp,        GUESS_SMTP,       ,               ,               GUESSED",
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
    void basicPolicyTrustsOnlyTheTypedServer(CandidateSource source, boolean allowed) {
        Candidate c = Candidate.discovered("smtp.example.jp", source, new Proposal(OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Channel.DNS, "test", Optional.empty()));
        assertThat(CredentialPolicy.basic().allows(c)).isEqualTo(allowed);
    }

    private static final Candidate.Pin PIN = new Candidate.Pin(java.net.InetAddress.getLoopbackAddress(), "ab");

    @Test
    void aCertificateNameGetsThePasswordOnlyWhenTheKnowledgeBaseOrTheUserVouchesForIt() {
        Candidate attackers = Candidate.certificateName("relay.attacker.test", "mail.example.jp", PIN);
        Candidate confirmed = Candidate.certificateName("sv1.hosting.test", "mail.example.jp", PIN);
        Candidate xserver = Candidate.certificateName("sv1234.xserver.jp", "mail.example.jp", PIN);
        CredentialPolicy p = CredentialPolicy.basic().withKnowledge(ProviderKnowledge.builtIn())
                .withConfirmedNames(java.util.Set.of("SV1.Hosting.test."));

        assertThat(p.decide(attackers)).isEqualTo(Reason.CERTIFICATE_NAME_UNCONFIRMED);
        assertThat(p.decide(confirmed)).isEqualTo(Reason.USER_CONFIRMED);
        assertThat(p.decide(xserver)).isEqualTo(Reason.PROVIDER_KNOWLEDGE);
        assertThat(CredentialPolicy.basic().decide(xserver)).as("no knowledge base: DNS alone")
                .isEqualTo(Reason.CERTIFICATE_NAME_UNCONFIRMED);
        // Not pinned to the address that presented the certificate: never.
        assertThat(p.decide(new Candidate("sv1.hosting.test", CandidateSource.CERTIFICATE_NAME,
                Optional.of("mail.example.jp")))).isEqualTo(Reason.NOT_VOUCHED_FOR);
    }

    @Test
    void namesAreFollowedOnlyInCertificatesOfServersThePolicyTrusts() {
        Candidate typed = Candidate.of("mail.example.jp", CandidateSource.TYPED);
        Candidate outsideSrv = Candidate.discovered("mx.attacker.test", CandidateSource.SRV_SUBMISSIONS,
                new Proposal(OptionalInt.empty(), Optional.empty(), Optional.empty(), Channel.DNS, "test",
                        Optional.empty()));
        Candidate ownSrv = Candidate.discovered("smtp.example.jp", CandidateSource.SRV_SUBMISSIONS,
                new Proposal(OptionalInt.empty(), Optional.empty(), Optional.empty(), Channel.DNS, "test",
                        Optional.empty()));
        Candidate guess = Candidate.of("mail.example.jp", CandidateSource.GUESS_MAIL);
        Candidate certName = Candidate.certificateName("sv1.hosting.test", "mail.example.jp", PIN);

        assertThat(POLICY.mayFollowCertificateOf(typed)).isTrue();
        assertThat(POLICY.mayFollowCertificateOf(ownSrv)).isTrue();
        assertThat(POLICY.mayFollowCertificateOf(outsideSrv)).as("a forged SRV outside the domain").isFalse();
        assertThat(POLICY.mayFollowCertificateOf(guess)).as("a guess under the address's own domain").isTrue();
        assertThat(CredentialPolicy.basic().mayFollowCertificateOf(guess)).as("no domain known").isFalse();
        assertThat(POLICY.withConfirmedNames(java.util.Set.of("sv1.hosting.test")).mayFollowCertificateOf(certName))
                .as("never a chain of certificate names, even a confirmed one").isFalse();
    }

    @Test
    void aGuessNeverUsesThePlaintextConsent() {
        Candidate guess = Candidate.of("mail.example.jp", CandidateSource.GUESS_MAIL);
        Candidate typed = Candidate.of("mail.example.jp", CandidateSource.TYPED);

        assertThat(POLICY.allows(guess)).isTrue();
        assertThat(POLICY.mayUsePlaintextConsent(guess)).as("only over TLS with a verified certificate").isFalse();
        assertThat(POLICY.mayUsePlaintextConsent(typed)).isTrue();
    }
}
