package dev.smtpdoctor.http;

import dev.smtpdoctor.model.Deadline;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closes the socket it guards when the deadline passes, which ends a connect, a TLS handshake or a
 * read blocked on it at once; the socket timeout alone restarts with every byte a server sends.
 * One per fetch; {@link #close} (the fetch is over) stops it.
 */
final class Watchdog implements AutoCloseable {
    private final AtomicReference<Socket> guarded = new AtomicReference<>();
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Thread thread;

    Watchdog(Deadline deadline) {
        thread = Thread.ofVirtual().name("fetch-deadline").start(() -> {
            try {
                Thread.sleep(Math.max(1, deadline.remainingMillis()));
            } catch (InterruptedException e) {
                return; // the fetch ended in time
            }
            fired.set(true);
            closeQuietly(guarded.get());
        });
    }

    /** From now on the deadline closes {@code socket} (and no longer the one guarded before). */
    void guard(Socket socket) {
        guarded.set(socket);
        if (fired.get()) {
            closeQuietly(socket); // the deadline passed while it was being created
        }
    }

    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
