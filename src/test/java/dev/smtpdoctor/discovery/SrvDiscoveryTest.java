package dev.smtpdoctor.discovery;

import dev.smtpdoctor.testing.InMemoryDns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.SrvRecord;
import dev.smtpdoctor.model.Security;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** RFC 6186 / RFC 8314 SRV records through an in-memory {@link dev.smtpdoctor.dns.Dns}. */
class SrvDiscoveryTest {

    final InMemoryDns dns = InMemoryDns.empty();

    DiscoveryResult discover() {
        return new Discovery(Optional.of(dns), Optional.empty(), ProviderKnowledge.builtIn(), Duration.ofSeconds(5))
                .discover("you@example.jp");
    }

    @Test
    void submissionsAndSubmissionGiveCandidatesWithPortAndSecurityInPriorityOrder() {
        dns.srv("_submissions._tcp.example.jp", new SrvRecord(10, 0, 465, "smtp2.example.jp."),
                        new SrvRecord(0, 5, 465, "smtp.example.jp."))
                .srv("_submission._tcp.example.jp", new SrvRecord(0, 0, 587, "smtp.example.jp."));

        DiscoveryResult r = discover();

        assertThat(r.discovered()).extracting(d -> d.candidate().host() + " " + d.candidate().source())
                .containsExactly("smtp.example.jp SRV_SUBMISSIONS", "smtp2.example.jp SRV_SUBMISSIONS");
        Proposal p = r.discovered().get(0).candidate().proposal().orElseThrow();
        assertThat(p.port()).isEqualTo(OptionalInt.of(465));
        assertThat(p.security()).contains(Security.SSL);
        assertThat(p.channel()).isEqualTo(Proposal.Channel.DNS);
        assertThat(p.origin()).isEqualTo("_submissions._tcp.example.jp");
        assertThat(r.discovered()).allSatisfy(d -> assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.OWN_DOMAIN));
    }

    @Test
    void submissionOnlyProposesStartTls() {
        dns.srv("_submission._tcp.example.jp", new SrvRecord(0, 0, 587, "mail.example.jp"));

        assertThat(discover().discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().source()).isEqualTo(CandidateSource.SRV_SUBMISSION);
            assertThat(d.candidate().proposal().orElseThrow().security()).contains(Security.TLS);
        });
    }

    @Test
    void targetDotMeansNotOfferedAndIsANoteNotACandidate() {
        dns.srv("_submissions._tcp.example.jp", new SrvRecord(0, 0, 0, "."));

        DiscoveryResult r = discover();

        assertThat(r.discovered()).isEmpty();
        assertThat(r.notes()).containsExactly(new DiscoveryNote.ServiceNotOffered(CandidateSource.SRV_SUBMISSIONS,
                "_submissions._tcp.example.jp"));
    }

    @Test
    void aTargetInAnotherDomainIsProposedButNeverTrusted() {
        dns.srv("_submission._tcp.example.jp", new SrvRecord(0, 0, 587, "smtp.example.jp.evil.example"));

        assertThat(discover().discovered()).singleElement()
                .satisfies(d -> assertThat(d.credentials()).isEqualTo(CredentialPolicy.Reason.OTHER_DOMAIN));
    }

    @Test
    void serverFailureIsNotedAndJunkTargetsAreDropped() {
        dns.fail("_submissions._tcp.example.jp")
                .srv("_submission._tcp.example.jp", new SrvRecord(0, 0, 587, "not a host name!"));

        DiscoveryResult r = discover();

        assertThat(r.discovered()).isEmpty();
        assertThat(r.notes()).containsExactly(
                new DiscoveryNote.LookupFailed("_submissions._tcp.example.jp", "SRV", "SERVFAIL"));
    }

    @Test
    void aTargetSpelledAsAnAddressIsRefusedWithANoteAndNeverBecomesACandidate() {
        dns.srv("_submissions._tcp.example.jp", new SrvRecord(0, 0, 465, "127.0.0.1."))
                .srv("_submission._tcp.example.jp", new SrvRecord(0, 0, 587, "[::1]"), new SrvRecord(5, 0, 587, "10.1"));

        DiscoveryResult r = discover();

        assertThat(r.discovered()).isEmpty();
        assertThat(r.notes()).contains(
                new DiscoveryNote.SrvTargetRefused(CandidateSource.SRV_SUBMISSIONS, "_submissions._tcp.example.jp",
                        "127.0.0.1"),
                new DiscoveryNote.SrvTargetRefused(CandidateSource.SRV_SUBMISSION, "_submission._tcp.example.jp",
                        "10.1"));
        // Nothing was resolved for it either: an address is no name to look up.
        assertThat(dns.questions()).noneMatch(q -> q.contains("127.0.0.1"));
    }

    @Test
    void invalidRecordsOfABetterPriorityDoNotPushAValidOneOut() {
        dns.srv("_submission._tcp.example.jp",
                new SrvRecord(0, 0, 587, "127.0.0.1"),
                new SrvRecord(1, 0, 587, "not a host name!"),
                new SrvRecord(2, 0, 0, "smtp0.example.jp"),       // port 0: unusable
                new SrvRecord(3, 0, 587, "bad..example.jp"),
                new SrvRecord(20, 0, 587, "smtp.example.jp"));

        DiscoveryResult r = discover();

        assertThat(r.discovered()).singleElement().satisfies(d -> {
            assertThat(d.candidate().host()).isEqualTo("smtp.example.jp");
            assertThat(d.candidate().proposal().orElseThrow().port()).isEqualTo(OptionalInt.of(587));
        });
    }

    @Test
    void atMostThreeTargetsPerServiceAndAtMostThreeNotes() {
        SrvRecord[] many = new SrvRecord[50];
        for (int i = 0; i < many.length; i++) {
            many[i] = i % 2 == 0 ? new SrvRecord(i, 0, 465, "192.0.2." + i) : new SrvRecord(i, 0, 465, "s" + i + ".example.jp");
        }
        dns.srv("_submissions._tcp.example.jp", many);

        DiscoveryResult r = discover();

        assertThat(r.discovered()).extracting(d -> d.candidate().host())
                .containsExactly("s1.example.jp", "s3.example.jp", "s5.example.jp");
        assertThat(r.notes()).filteredOn(n -> n instanceof DiscoveryNote.SrvTargetRefused).hasSize(3);
    }

    @Test
    void withoutDnsNothingIsAsked() {
        DiscoveryResult r = new Discovery(Optional.empty(), Optional.empty(), ProviderKnowledge.builtIn(),
                Duration.ofSeconds(1)).discover("you@example.jp");
        assertThat(r.discovered()).isEmpty();
        assertThat(dns.questions()).isEmpty();
    }
}
