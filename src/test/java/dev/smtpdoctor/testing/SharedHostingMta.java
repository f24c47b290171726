package dev.smtpdoctor.testing;

import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the Exim and OpenSMTPD harnesses share: a real MTA on 127.0.0.1, private to one test run, that is the
 * shared-hosting server (its TLS listeners present the test CA's certificate for the provider's name only,
 * {@link TestPki#PROVIDER_HOST}); its listeners on free ports, one user with a random password, its log, and its
 * life: a shutdown hook, an idempotent {@link #close()} that stops the daemon and removes the run directory
 * ({@code -Dsmtpdoctor.it.keep=true} keeps it). A subclass writes its configuration, starts its daemon, reads its
 * own log's session lines and stops the daemon.
 *
 * @param <L> the listeners, one free port each; their names say which well-known port each stands for
 */
public abstract class SharedHostingMta<L extends Enum<L>> implements AutoCloseable {

    public static final String HOST = TestPki.HOST;
    public static final String PROVIDER_HOST = TestPki.PROVIDER_HOST;
    public static final String USER = "user@example.test";

    protected static final Duration LOG_TIMEOUT = Duration.ofSeconds(5);

    /** The sessions in a stretch of the log: how many ended, how many are still open. */
    public record Sessions(int ended, int open) {
    }

    protected final Path run;
    protected final TestPki pki;
    protected final Map<L, Integer> ports;
    protected final String password;
    protected final MailLog log;
    /** What the log calls a session, for messages: "SMTP connections", "SMTP sessions". */
    private final String sessions;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    /**
     * @param name     for the shutdown hook's thread, e.g. "exim-it"
     * @param log      the file the daemon logs its sessions to
     * @param sessions what the log calls a session, for messages
     */
    protected SharedHostingMta(String name, Path run, Class<L> listeners, Path log, String sessions)
            throws IOException {
        this.run = run;
        this.pki = TestPki.create(run.resolve("pki"), true);
        L[] all = listeners.getEnumConstants();
        List<Integer> free = TestMtas.freePorts(all.length);
        Map<L, Integer> p = new EnumMap<>(listeners);
        for (L l : all) {
            p.put(l, free.get(l.ordinal()));
        }
        this.ports = Map.copyOf(p);
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        this.password = "it-" + HexFormat.of().formatHex(random);
        this.log = new MailLog(log);
        this.sessions = sessions;
        this.shutdownHook = new Thread(this::close, name + "-shutdown");
    }

    /** The sessions begun and ended in {@code lines} of the log. */
    protected abstract Sessions sessions(List<String> lines);

    /** Stops the daemon; never throws. */
    protected abstract void stopDaemon();

    // ---- what tests use ----------------------------------------------------------------------

    public int port(L listener) {
        return ports.get(listener);
    }

    public TrustConfig trust() {
        try {
            return TrustConfig.fromFile(pki.caFile());
        } catch (TrustConfigException e) {
            throw new IllegalStateException("the test CA file is unusable: " + pki.caFile(), e);
        }
    }

    public Credentials credentials() {
        return new Credentials(USER, password.toCharArray());
    }

    public Credentials wrongPassword() {
        return new Credentials(USER, (password + "-wrong").toCharArray());
    }

    /** The daemon's log. */
    public MailLog log() {
        return log;
    }

    /** A mark in the log taken when every session so far has ended. */
    public MailLog.Mark mark() {
        awaitQuiet(new MailLog.Mark(0));
        return log.mark();
    }

    /**
     * Waits until the daemon has logged the end of at least {@code count} sessions since {@code mark}, and of every
     * session it logged since then; returns the lines.
     */
    public List<String> awaitSessions(MailLog.Mark mark, int count) {
        return log.await(mark, lines -> {
            Sessions s = sessions(lines);
            return s.ended() >= count && s.open() == 0;
        }, LOG_TIMEOUT, count + " ended " + sessions);
    }

    public Path runDirectory() {
        return run;
    }

    // ---- life ---------------------------------------------------------------------------------

    /** Waits until every session logged since {@code mark} has ended. */
    protected void awaitQuiet(MailLog.Mark mark) {
        log.await(mark, lines -> sessions(lines).open() == 0, LOG_TIMEOUT, "end of every one of its " + sessions);
    }

    protected void addShutdownHook() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    protected void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway; close() is idempotent.
        }
    }

    /** Stops the daemon and removes the run directory. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopDaemon();
        removeShutdownHook();
        if (!TestMtas.KEEP) {
            TestMtas.delete(run);
        }
    }
}
