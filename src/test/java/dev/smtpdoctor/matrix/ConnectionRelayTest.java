package dev.smtpdoctor.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.NameVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The waiting half of {@link ConnectionRelay}; the offering half runs against a server in SameServerContinuationTest. */
class ConnectionRelayTest {

    private static final InetAddress PINNED = InetAddress.getLoopbackAddress();
    private static final Candidate.Pin PIN = new Candidate.Pin(PINNED, "ab");
    private static final Endpoint TYPED = new Endpoint("mail.example.test", 587, Security.NONE);
    private static final Endpoint NAME = new Endpoint("sv1234.hosting.test", 587, Security.NONE);

    private final ConnectionRelay relay = new ConnectionRelay();

    @Test
    void aCertificateNamesCellContinuesFromThePresentersCellOfTheSameMode() {
        Candidate name = Candidate.certificateName("sv1234.hosting.test", "mail.example.test",
                new Candidate.Pin(PINNED, "ab"));
        assertThat(ConnectionRelay.presenterOf(name, NAME)).hasValue(TYPED);
        assertThat(ConnectionRelay.presenterOf(Candidate.of("mail.example.test", CandidateSource.TYPED), TYPED))
                .isEmpty();
    }

    @Test
    void aPresenterNotConnectedToThePinnedAddressIsNotWaitedFor() throws Exception {
        relay.register(TYPED, Optional.empty());
        relay.register(NAME, Optional.of(TYPED));
        relay.connected(TYPED, InetAddress.getByName("127.0.0.2"));

        long t0 = System.nanoTime();
        assertThat(relay.await(TYPED, PIN, Deadline.after(Duration.ofSeconds(5), "test"))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
    }

    @Test
    void aConnectedPresentersResultIsWaitedFor() throws Exception {
        presenterGreeted();
        ProbeResult r = completed(TYPED);

        CompletableFuture<Optional<ConnectionRelay.End>> end = CompletableFuture.supplyAsync(() -> awaitQuietly(5));
        Thread.sleep(100);
        assertThat(end).isNotDone();
        relay.ended(TYPED, Optional.of(r));

        assertThat(end.get(5, TimeUnit.SECONDS)).hasValue(new ConnectionRelay.End.Finished(r));
    }

    @Test
    void aPresenterThatWillLogInItselfOrNeverStartedReleasesItsTaker() throws Exception {
        presenterGreeted();
        CompletableFuture<Optional<ConnectionRelay.End>> end = CompletableFuture.supplyAsync(() -> awaitQuietly(5));
        Thread.sleep(50);
        relay.secured(TYPED, tls("ab", ChainVerdict.Status.TRUSTED), true);
        assertThat(end.get(5, TimeUnit.SECONDS)).isEmpty();

        Endpoint other = new Endpoint("mail.example.test", 25, Security.NONE);
        relay.register(other, Optional.empty());
        relay.connected(other, PINNED);
        relay.ended(other, Optional.empty());
        assertThat(relay.await(other, PIN, Deadline.after(Duration.ofSeconds(5), "test")))
                .hasValue(new ConnectionRelay.End.Nothing());
    }

    @Test
    void theWaitEndsAtTheTakersDeadline() throws Exception {
        relay.register(TYPED, Optional.empty());
        relay.connected(TYPED, PINNED);
        relay.greeted(TYPED);
        long t0 = System.nanoTime();
        assertThat(relay.await(TYPED, PIN, Deadline.after(Duration.ofMillis(200), "test"))).isEmpty();
        assertThat(relay.offer(TYPED, null, Deadline.after(Duration.ofSeconds(5), "test")))
                .as("no one waits any more: nothing to offer to").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(150L, 3000L);
    }

    @Test
    void aPresenterStillWaitingForItsGreetingIsNotWaitedFor() throws Exception {
        relay.register(TYPED, Optional.empty());
        relay.connected(TYPED, PINNED); // a slow greeter, or a port that waits for a TLS handshake
        long t0 = System.nanoTime();
        assertThat(relay.await(TYPED, PIN, Deadline.after(Duration.ofSeconds(5), "test"))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);

        Endpoint ssl = new Endpoint("mail.example.test", 465, Security.SSL);
        relay.register(ssl, Optional.empty());
        relay.connected(ssl, PINNED);
        relay.secured(ssl, tls("ab", ChainVerdict.Status.TRUSTED), false); // implicit TLS: handshake before greeting
        CompletableFuture<Optional<ConnectionRelay.End>> end = CompletableFuture.supplyAsync(() -> {
            try {
                return relay.await(ssl, PIN, Deadline.after(Duration.ofSeconds(5), "test"));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(100);
        assertThat(end).isNotDone();
        relay.ended(ssl, Optional.empty());
        assertThat(end.get(5, TimeUnit.SECONDS)).hasValue(new ConnectionRelay.End.Nothing());
    }

    @Test
    void aNamesCellArrivingWakesAnOfferAtOnce() throws Exception {
        presenterGreeted();
        long t0 = System.nanoTime();
        CompletableFuture<Boolean> published = CompletableFuture.supplyAsync(
                () -> relay.publish(TYPED, null, Deadline.after(Duration.ofSeconds(20), "step")));
        Thread.sleep(100);
        assertThat(published).as("waits for the admitted cell").isNotDone();

        Optional<ConnectionRelay.End> end = relay.await(TYPED, PIN, Deadline.after(Duration.ofSeconds(5), "test"));

        assertThat(published.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(end).hasValueSatisfying(e -> assertThat(e).isInstanceOf(ConnectionRelay.End.Offered.class));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(ConnectionRelay.ARRIVAL_MILLIS);
    }

    @Test
    void anOfferWaitsOnlyBrieflyForANamesCellThatIsNotWaitingYet() {
        relay.register(TYPED, Optional.empty());
        relay.register(NAME, Optional.of(TYPED)); // admitted, but queued for a socket: never comes

        long t0 = System.nanoTime();
        assertThat(relay.offer(TYPED, null, Deadline.after(Duration.ofSeconds(20), "step"))).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                .isBetween(ConnectionRelay.ARRIVAL_MILLIS - 50, ConnectionRelay.ARRIVAL_MILLIS + 2000);
    }

    @Test
    void aPresenterShowingAnotherOrAnUntrustedCertificateIsNotWaitedFor() throws Exception {
        for (TlsObservation shown : List.of(tls("cd", ChainVerdict.Status.TRUSTED),
                tls("ab", ChainVerdict.Status.SELF_SIGNED))) {
            ConnectionRelay fresh = new ConnectionRelay();
            fresh.register(TYPED, Optional.empty());
            fresh.connected(TYPED, PINNED);
            fresh.greeted(TYPED);
            fresh.secured(TYPED, shown, false);
            long t0 = System.nanoTime();
            assertThat(fresh.await(TYPED, PIN, Deadline.after(Duration.ofSeconds(5), "test"))).isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        }
    }

    private static TlsObservation tls(String sha256, ChainVerdict.Status chain) {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        CertificateSummary leaf = new CertificateSummary("CN=sv1234.hosting.test", "sv1234.hosting.test",
                List.of("sv1234.hosting.test"), List.of(), "CN=CA", now.minusSeconds(86_400), now.plusSeconds(86_400),
                "01", sha256, false);
        return new TlsObservation("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of("mail.example.test"), List.of(leaf),
                new ChainVerdict(chain, ""), new NameVerdict("mail.example.test", leaf.dnsNames(), Optional.empty()),
                now, 1);
    }

    /** The typed name's cell, connected to the pinned address and greeted; the name's cell admitted after it. */
    private void presenterGreeted() {
        relay.register(TYPED, Optional.empty());
        relay.register(NAME, Optional.of(TYPED));
        relay.connected(TYPED, PINNED);
        relay.greeted(TYPED);
    }

    private Optional<ConnectionRelay.End> awaitQuietly(int seconds) {
        try {
            return relay.await(TYPED, PIN, Deadline.after(Duration.ofSeconds(seconds), "test"));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static ProbeResult completed(Endpoint e) {
        return new ProbeResult(e, new ProbeOutcome.Completed(), Optional.of("127.0.0.1"), Optional.empty(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), AuthResult.of(AuthResult.Status.NOT_REQUESTED),
                SenderResult.notTested(), 1, 0, List.of(), List.of(), false);
    }
}
