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
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The waiting half of {@link ConnectionRelay}; the offering half runs against a server in SameServerContinuationTest. */
class ConnectionRelayTest {

    private static final InetAddress PINNED = InetAddress.getLoopbackAddress();
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
        assertThat(relay.await(TYPED, PINNED, Deadline.after(Duration.ofSeconds(5), "test"))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
    }

    @Test
    void aConnectedPresentersResultIsWaitedFor() throws Exception {
        relay.register(TYPED, Optional.empty());
        relay.register(NAME, Optional.of(TYPED));
        relay.connected(TYPED, PINNED);
        ProbeResult r = completed(TYPED);

        CompletableFuture<Optional<Object>> end = CompletableFuture.supplyAsync(() -> awaitQuietly(5));
        Thread.sleep(100);
        assertThat(end).isNotDone();
        relay.ended(TYPED, Optional.of(r));

        assertThat(end.get(5, TimeUnit.SECONDS)).hasValue(r);
    }

    @Test
    void aPresenterThatWillLogInItselfOrNeverStartedReleasesItsTaker() throws Exception {
        relay.register(TYPED, Optional.empty());
        relay.register(NAME, Optional.of(TYPED));
        relay.connected(TYPED, PINNED);
        CompletableFuture<Optional<Object>> end = CompletableFuture.supplyAsync(() -> awaitQuietly(5));
        Thread.sleep(50);
        relay.secured(TYPED, false);
        assertThat(end.get(5, TimeUnit.SECONDS)).isEmpty();

        Endpoint other = new Endpoint("mail.example.test", 25, Security.NONE);
        relay.register(other, Optional.empty());
        relay.connected(other, PINNED);
        relay.ended(other, Optional.empty());
        assertThat(relay.await(other, PINNED, Deadline.after(Duration.ofSeconds(5), "test"))).isEmpty();
    }

    @Test
    void theWaitEndsAtTheTakersDeadline() throws Exception {
        relay.register(TYPED, Optional.empty());
        relay.connected(TYPED, PINNED);
        long t0 = System.nanoTime();
        assertThat(relay.await(TYPED, PINNED, Deadline.after(Duration.ofMillis(200), "test"))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(150L, 3000L);
    }

    private Optional<Object> awaitQuietly(int seconds) {
        try {
            return relay.await(TYPED, PINNED, Deadline.after(Duration.ofSeconds(seconds), "test"));
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
