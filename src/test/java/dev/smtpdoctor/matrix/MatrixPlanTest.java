package dev.smtpdoctor.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.discovery.Proposal;
import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.NameVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The matrix's deciding half, without a socket: budgets, cells and their order, which names to follow. */
class MatrixPlanTest {

    private static final Candidate TYPED = Candidate.of("mail.example.jp", CandidateSource.TYPED);
    private static final Candidate.Pin PIN = new Candidate.Pin(InetAddress.getLoopbackAddress(), "ab");

    @Test
    void aPortFoundSpeakingImplicitTlsGetsItsSslCellOnceAndOnlyForAnAdmittedHost() {
        MatrixPlan plan = new MatrixPlan(List.of());
        List<MatrixPlan.Cell> cells = plan.admit(TYPED);
        Mode ssl587 = new Mode(587, Security.SSL);

        Optional<MatrixPlan.Cell> first = plan.followUp(TYPED, ssl587);
        assertThat(first).hasValueSatisfying(c -> {
            assertThat(c.mode()).isEqualTo(ssl587);
            assertThat(c.order()).isNotIn(cells.stream().map(MatrixPlan.Cell::order).toList());
        });
        assertThat(plan.followUp(TYPED, ssl587)).as("the 587/TLS and 587/NONE probes both find it").isEmpty();
        assertThat(plan.followUp(TYPED, new Mode(465, Security.SSL))).as("already planned").isEmpty();
        assertThat(plan.followUp(Candidate.of("other.example.jp", CandidateSource.GUESS_SMTP), ssl587))
                .as("not admitted").isEmpty();
    }

    @Test
    void everyHostGetsTheStandardModesMostSecureFirstAndTheTypedOneGetsWhatWasTyped() {
        MatrixPlan plan = new MatrixPlan(List.of(new Mode(2525, Security.TLS)));

        List<MatrixPlan.Cell> typed = plan.admit(TYPED);
        List<MatrixPlan.Cell> guess = plan.admit(Candidate.of("smtp.example.jp", CandidateSource.GUESS_SMTP));

        assertThat(typed).extracting(MatrixPlan.Cell::mode).containsExactly(new Mode(465, Security.SSL),
                new Mode(587, Security.TLS), new Mode(25, Security.TLS), new Mode(25, Security.NONE),
                new Mode(587, Security.NONE), new Mode(2525, Security.TLS));
        assertThat(guess).extracting(MatrixPlan.Cell::mode).doesNotContain(new Mode(2525, Security.TLS));
        assertThat(guess).allSatisfy(g -> assertThat(g.order()).isGreaterThan(typed.get(typed.size() - 1).order()));
        assertThat(plan.admit(TYPED)).as("a host is admitted once").isEmpty();
    }

    @Test
    void aDiscoveredSourcesProposalIsProbedToo() {
        Candidate srv = Candidate.discovered("smtp.example.jp", CandidateSource.SRV_SUBMISSION, new Proposal(
                OptionalInt.of(2587), Optional.of(Security.TLS), Optional.empty(), Proposal.Channel.DNS, "srv",
                Optional.empty()));

        assertThat(new MatrixPlan(List.of()).admit(srv)).extracting(MatrixPlan.Cell::mode)
                .contains(new Mode(2587, Security.TLS));
    }

    @Test
    void discoveredHostsAndCertificateNamesHaveSeparateBudgets() {
        MatrixPlan plan = new MatrixPlan(List.of());
        for (int i = 0; i < MatrixPlan.MAX_CANDIDATES + 3; i++) {
            plan.admit(Candidate.of("h" + i + ".example.jp", CandidateSource.GUESS_SMTP));
        }
        assertThat(plan.candidate("h7.example.jp")).isPresent();
        assertThat(plan.candidate("h8.example.jp")).as("past the host budget").isEmpty();

        List<String> admitted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "sv" + i + ".hosting.test";
            if (!plan.admit(Candidate.certificateName(name, "h0.example.jp", PIN)).isEmpty()) {
                admitted.add(name);
            }
        }
        assertThat(admitted).as("certificate names never crowded out by discovered hosts")
                .hasSize(MatrixPlan.MAX_CERTIFICATE_CANDIDATES);
    }

    @Test
    void namesAreFollowedOnlyFromVerifiedCertificatesOfTrustedServersOnceEach() {
        CredentialPolicy policy = CredentialPolicy.basic();
        Candidate guess = Candidate.of("smtp.example.jp", CandidateSource.GUESS_SMTP);
        Optional<Credentials> none = Optional.empty();

        MatrixPlan plan = new MatrixPlan(List.of());
        plan.admit(TYPED);
        TlsObservation trusted = observation(ChainVerdict.Status.TRUSTED, "mail.example.jp", "sv1.hosting.test",
                "*.hosting.test", "bad_name.test", "sv2.hosting.test");

        assertThat(plan.namesToFollow(TYPED, trusted, policy, none))
                .containsExactly("sv1.hosting.test", "sv2.hosting.test");
        assertThat(plan.namesToFollow(TYPED, trusted, policy, none)).as("each name once per check").isEmpty();
        assertThat(new MatrixPlan(List.of()).namesToFollow(guess, trusted, policy, none))
                .as("a guess is not trusted").isEmpty();
        assertThat(new MatrixPlan(List.of()).namesToFollow(TYPED,
                observation(ChainVerdict.Status.SELF_SIGNED, "sv1.hosting.test"), policy, none))
                .as("a chain that did not verify").isEmpty();
    }

    @Test
    void namesInAGuessesVerifiedCertificateAreFollowedWhenTheGuessIsUnderTheAddresssOwnDomain() {
        // Issue 10: shared hosting with only the address typed — mail.<domain> presents the provider's certificate.
        Candidate guess = Candidate.of("mail.example.jp", CandidateSource.GUESS_MAIL);
        TlsObservation providers = observation(ChainVerdict.Status.TRUSTED, "sv1.hosting.test");

        assertThat(new MatrixPlan(List.of()).namesToFollow(guess, providers,
                CredentialPolicy.forDomain("example.jp", dev.smtpdoctor.discovery.ProviderKnowledge.builtIn()),
                Optional.empty())).containsExactly("sv1.hosting.test");
        assertThat(new MatrixPlan(List.of()).namesToFollow(guess, providers, CredentialPolicy.basic(), Optional.empty()))
                .as("no domain known: a guess is not trusted").isEmpty();
    }

    @Test
    void aNameHoldingThePasswordIsNeverFollowed() {
        Optional<Credentials> creds = Optional.of(new Credentials("you@example.jp", "Secret-Pw1".toCharArray()));

        assertThat(new MatrixPlan(List.of()).namesToFollow(TYPED,
                observation(ChainVerdict.Status.TRUSTED, "secret-pw1.leak.test", "sv1.hosting.test"),
                CredentialPolicy.basic(), creds)).containsExactly("sv1.hosting.test");
    }

    private static TlsObservation observation(ChainVerdict.Status chain, String... names) {
        CertificateSummary leaf = new CertificateSummary("CN=" + names[0], names[0], List.of(names), List.of(),
                "CN=Test CA", Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400L * 3650), "1", "ab", false);
        return new TlsObservation("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of("mail.example.jp"), List.of(leaf),
                new ChainVerdict(chain, ""), new NameVerdict("mail.example.jp", List.of(names), Optional.empty()),
                Instant.EPOCH, 3650);
    }
}
