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
 */
public abstract class SharedHostingMta implements AutoCloseable {

    public static final String HOST = TestPki.HOST;
    public static final String PROVIDER_HOST = TestPki.PROVIDER_HOST;
    public static final String USER = "user@example.test";

    protected static final Duration LOG_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The listeners, each on its own free port, standing for one of Gmail's ports; what each offers is the
     * subclass's to say.
     */
    public enum Listener {
        /** "465": implicit TLS, the provider-name certificate. */
        SSL_465(465),
        /** "587": STARTTLS, the provider-name certificate, AUTH only after TLS. */
        STARTTLS_587(587),
        /** "25": no STARTTLS. */
        PLAIN_25(25);

        /** The port of Gmail's dialog it stands for. */
        public final int gmailPort;

        Listener(int gmailPort) {
            this.gmailPort = gmailPort;
        }
    }

    /** The sessions in a stretch of the log: how many ended, how many are still open. */
    public record Sessions(int ended, int open) {
    }

    protected final Path run;
    protected final TestPki pki;
    protected final Map<Listener, Integer> ports;
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
    protected SharedHostingMta(String name, Path run, Path log, String sessions) throws IOException {
        this.run = run;
        this.pki = TestPki.create(run.resolve("pki"), true);
        List<Integer> free = TestMtas.freePorts(Listener.values().length);
        Map<Listener, Integer> p = new EnumMap<>(Listener.class);
        for (Listener l : Listener.values()) {
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

    public int port(Listener listener) {
        return ports.get(listener);
    }

    /** Each of Gmail's ports (465, 587, 25) → the port of the listener standing for it. */
    public Map<Integer, Integer> gmailPorts() {
        Map<Integer, Integer> out = new java.util.HashMap<>();
        ports.forEach((l, port) -> out.put(l.gmailPort, port));
        return Map.copyOf(out);
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
