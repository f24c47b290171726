package dev.smtpdoctor.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.model.Deadline;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single AUTH attempt of a check: who gets it, who waits, and when it comes back. */
class MatrixAuthGateTest {

    private static final Endpoint SSL = new Endpoint("mail.example.test", 465, Security.SSL);
    private static final Endpoint TLS = new Endpoint("mail.example.test", 587, Security.TLS);
    private static final Endpoint OTHER_HOST = new Endpoint("sv1234.hosting.test", 465, Security.SSL);
    private static final Endpoint PLAIN = new Endpoint("mail.example.test", 25, Security.NONE);

    private static Deadline seconds(int s) {
        return Deadline.after(Duration.ofSeconds(s), "test");
    }

    @Test
    void theCancelledAuthInTheClearIsOncePerServerAndNeverTheLoginAttempt() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ZERO);
        gate.register(PLAIN, 3);
        gate.register(SSL, 0);

        assertThat(gate.mayCheckAuthInClear(PLAIN, "192.0.2.1")).isTrue();
        assertThat(gate.mayCheckAuthInClear(new Endpoint("mail.example.test", 587, Security.NONE), "192.0.2.1"))
                .as("same server, another port").isFalse();
        assertThat(gate.mayCheckAuthInClear(new Endpoint("smtp.example.test", 25, Security.NONE), "192.0.2.1"))
                .as("same server, another name").isFalse();
        assertThat(gate.mayCheckAuthInClear(PLAIN, "192.0.2.2")).as("another server").isTrue();
        // The login attempt is untouched.
        assertThat(gate.acquire(SSL, "192.0.2.1", Deadline.after(Duration.ofSeconds(1), "t"))).isTrue();
    }

    @Test
    void oneAttemptPerCheckEvenAcrossHostsAndAddresses() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ZERO);
        gate.register(SSL, 0);
        gate.register(OTHER_HOST, 100);
        assertThat(gate.acquire(SSL, "127.0.0.1", seconds(5))).isTrue();
        gate.finished(SSL, true);
        assertThat(gate.acquire(OTHER_HOST, "127.0.0.2", seconds(5))).isFalse();
    }

    @Test
    void aHolderThatSentNothingGivesTheAttemptBack() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ZERO);
        gate.register(SSL, 0);
        gate.register(TLS, 10);
        assertThat(gate.acquire(SSL, "127.0.0.1", seconds(5))).isTrue();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquire(gate, TLS));
        gate.finished(SSL, false); // e.g. reset before any AUTH byte left
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theUnencryptedRouteWaitsForEveryEncryptedOne() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ZERO);
        gate.register(SSL, 0);
        gate.register(PLAIN, 30);
        CompletableFuture<Boolean> plain = CompletableFuture.supplyAsync(() -> acquire(gate, PLAIN));
        Thread.sleep(200);
        assertThat(plain).isNotDone();
        assertThat(gate.acquire(SSL, "127.0.0.1", seconds(5))).isTrue();
        gate.finished(SSL, true);
        assertThat(plain.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void waitingEndsAtTheDeadline() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ZERO);
        gate.register(SSL, 0);
        gate.register(PLAIN, 30);
        assertThat(gate.acquire(PLAIN, "127.0.0.1", Deadline.after(Duration.ofMillis(100), "test"))).isFalse();
    }

    @Test
    void theTypedSecureCombinationGoesFirstEvenBefore465() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ofSeconds(5));
        gate.register(SSL, 0, MatrixAuthGate.Priority.TYPED_SERVER);
        gate.register(TLS, 10, MatrixAuthGate.Priority.TYPED_COMBINATION);
        CompletableFuture<Boolean> ssl = CompletableFuture.supplyAsync(() -> acquire(gate, SSL));
        Thread.sleep(200);
        assertThat(ssl).as("465 waits for the typed 587 within the grace").isNotDone();
        assertThat(gate.acquire(TLS, "127.0.0.1", seconds(5))).as("the typed 587 does not wait for 465").isTrue();
        gate.finished(TLS, true);
        assertThat(ssl.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aGuessWaitsForTheTypedServerWithinTheGrace() throws Exception {
        MatrixAuthGate gate = new MatrixAuthGate(Duration.ofMillis(300));
        Endpoint guess = new Endpoint("smtp.example.test", 465, Security.SSL);
        gate.register(SSL, 0, MatrixAuthGate.Priority.TYPED_SERVER);
        gate.register(guess, 100, MatrixAuthGate.Priority.OTHER);
        long t0 = System.nanoTime();
        assertThat(gate.acquire(guess, "127.0.0.2", seconds(5))).as("never longer than the grace").isTrue();
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    private static boolean acquire(MatrixAuthGate gate, Endpoint e) {
        try {
            return gate.acquire(e, "127.0.0.1", seconds(5));
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
