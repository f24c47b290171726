package dev.smtpdoctor.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Greets like Postfix postscreen does with its default {@code postscreen_greet_banner}: the first line of a
 * multi-line greeting ({@code 220-host ESMTP}) at once, then silence for the greet wait, then the final
 * {@code 220 } line from the real server. Clients must wait for the final line (RFC 5321 §4.2.1, §4.5.3.2:
 * up to 5 minutes); one that gives up early sees a "slow server".
 *
 * <p>SubEthaSMTP has no greeting delay, but it asks its {@link SessionHandler} to accept each session on
 * the session's own thread just before it sends its {@code 220} line; waiting there delays the greeting
 * without a proxy. On implicit-TLS listeners the first write also runs the handshake, so the delay
 * starts after it, as with Postfix's {@code smtpd_tls_wrappermode}.
 *
 * <p>The server waits a little longer than asked ({@link #GUARD}): a client starts its clock after its own
 * side of the TCP or TLS handshake, a few milliseconds after the server may have started waiting, and it
 * must still measure at least the configured delay — the diagnosis judges the delay by that number.
 *
 * <p>{@link #release()} ends every wait at once (the session is then refused with 421), so closing the
 * demo never waits for a greeting delay. Thread-safe; one instance serves every listener of a demo.
 */
final class PostscreenGreeting implements SessionHandler {

    static final Duration GUARD = Duration.ofMillis(50);

    private final String hostName;
    private final Duration delay;
    private final CountDownLatch closing = new CountDownLatch(1);

    PostscreenGreeting(String hostName, Duration delay) {
        this.hostName = hostName;
        this.delay = delay;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        try {
            session.sendResponse("220-" + hostName + " ESMTP");
            if (closing.await(delay.plus(GUARD).toNanos(), TimeUnit.NANOSECONDS)) {
                return SessionAcceptance.failure(421, "4.3.2 " + hostName + " Service shutting down");
            }
            return SessionAcceptance.success();
        } catch (java.io.IOException e) {
            return SessionAcceptance.failure(421, "4.4.2 " + hostName + " Error: connection lost");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SessionAcceptance.failure(421, "4.3.2 " + hostName + " Service shutting down");
        }
    }

    @Override
    public void onSessionEnd(Session session) {
    }

    /** The configured delay: the least a client measures. */
    Duration delay() {
        return delay;
    }

    /** Wakes every session waiting for its greeting; later sessions are refused at once. */
    void release() {
        closing.countDown();
    }
}
