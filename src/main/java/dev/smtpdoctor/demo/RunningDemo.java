package dev.smtpdoctor.demo;

import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A started scenario: its servers listen on 127.0.0.1 until {@link #close()}. Holds everything a diagnosis
 * run needs to treat the demo like the real world:
 * <ul>
 *   <li>{@link #resolver()} instead of the system resolver: the demo's names, its ports, nothing else;
 *   <li>{@link #trust()} (or {@link #caFile()}, as {@code --ca-file} would give it) instead of the system
 *       trust store: the demo CA, which plays the publicly trusted CAs Gmail relies on;
 *   <li>{@link #address()}, {@link #typed()} and {@link #passwordToUse()}: the user's input.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} cuts any pending greeting delay short, stops every server, waits for all
 * their threads to end and deletes the CA file; it is idempotent.
 */
public final class RunningDemo implements AutoCloseable {

    private static final InetAddress LOOPBACK = loopbackV4();

    private final DemoScenario scenario;
    private final Plan plan;
    private final X509Certificate ca;
    private final Path caFile;
    private final TrustConfig trust;
    private final DemoNetwork network;
    private final List<SmtpListener> listeners;
    private final RefusingPort refusing;
    private final Optional<PostscreenGreeting> greeting;
    private boolean closed;

    private RunningDemo(DemoScenario scenario, Plan plan, X509Certificate ca, Path caFile, TrustConfig trust,
                        DemoNetwork network, List<SmtpListener> listeners, RefusingPort refusing,
                        Optional<PostscreenGreeting> greeting) {
        this.scenario = scenario;
        this.plan = plan;
        this.ca = ca;
        this.caFile = caFile;
        this.trust = trust;
        this.network = network;
        this.listeners = List.copyOf(listeners);
        this.refusing = refusing;
        this.greeting = greeting;
    }

    static RunningDemo start(DemoScenario scenario, DemoOptions options) {
        // Cold, the JDK's TLS stack takes ~150 ms to load: load it while the committed certificates are read.
        Thread warmUp = Thread.ofVirtual().name(SmtpListener.THREAD_PREFIX + "tls-warm-up").start(RunningDemo::loadTls);
        DemoCertificates certificates = DemoCertificates.get();
        Plan plan = scenario.plan(certificates);
        joinQuietly(warmUp);
        Optional<SSLContext> tls = plan.certificate().map(DemoCertificate::serverContext);
        Optional<PostscreenGreeting> greeting = plan.delayGreeting()
                ? Optional.of(new PostscreenGreeting(plan.machineName(), options.greetingDelay()))
                : Optional.empty();
        SessionHandler sessions = greeting.<SessionHandler>map(g -> g).orElse(SessionHandler.acceptAll());
        Mailboxes mailboxes = new Mailboxes(plan.accounts());
        List<SmtpListener> started = new ArrayList<>();
        RefusingPort refusing = null;
        Path caFile = null;
        try {
            refusing = RefusingPort.open(LOOPBACK);
            List<DemoListener> shown = new ArrayList<>();
            for (Plan.Port p : plan.ports()) {
                SmtpListener l = SmtpListener.start(LOOPBACK, plan.machineName(), p.logicalPort(), p.transport(),
                        p.transport().offersTls() ? tls : Optional.empty(), p.submission(), mailboxes, sessions);
                started.add(l);
                shown.add(new DemoListener(plan.hosts(), p.logicalPort(), p.transport(), l.address()));
            }
            caFile = Files.createTempFile("smtp-doctor-demo-ca-", ".pem");
            Files.write(caFile, certificates.caCertificatePem());
            TrustConfig trust = TrustConfig.fromFile(caFile);
            DemoNetwork network = new DemoNetwork(LOOPBACK, shown, refusing.address());
            return new RunningDemo(scenario, plan, certificates.ca().certificate(), caFile, trust, network, started,
                    refusing, greeting);
        } catch (IOException | TrustConfigException | RuntimeException e) {
            greeting.ifPresent(PostscreenGreeting::release);
            started.forEach(SmtpListener::stop);
            if (refusing != null) {
                refusing.close();
            }
            deleteQuietly(caFile);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the demo: " + e.getMessage(), e);
        }
    }

    public DemoScenario scenario() {
        return scenario;
    }

    /**
     * The demo CA (a committed test fixture, its key public): trust its certificate, and only it, instead of
     * the system store, and only for the demo. It plays the public CAs Gmail trusts; it signed the demo's
     * leaf certificates and nothing else.
     */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** The demo CA's certificate as PEM, as {@code --ca-file} takes it; deleted on {@link #close()}. */
    public Path caFile() {
        return caFile;
    }

    /** Trusts exactly the demo CA: what {@code --ca-file} {@link #caFile()} gives. */
    public TrustConfig trust() {
        return trust;
    }

    /** Answers for the demo's host names (127.0.0.1) and moves logical ports to the real ones. */
    public Resolver resolver() {
        return network;
    }

    /** The same object as {@link #resolver()}, with its listing: names, listeners, {@code locate}. */
    public DemoNetwork network() {
        return network;
    }

    /** The address being added in Gmail's step 1: {@code taro@example-shop.test}. */
    public String address() {
        return DemoScenario.ADDRESS;
    }

    /** What the user typed into Gmail's SMTP page. */
    public TypedSettings typed() {
        return plan.typed();
    }

    /** {@link #typed()} in the diagnosis's terms, with a password given. */
    public SendAsSettings sendAsSettings() {
        TypedSettings t = plan.typed();
        return new SendAsSettings(address(), Optional.of(t.server()), OptionalInt.of(t.port()),
                Optional.of(t.security()), Optional.of(t.username()), true);
    }

    /** The demo mailboxes' real password: a fixed, public, non-secret value. */
    public String demoPassword() {
        return DemoScenario.PASSWORD;
    }

    /**
     * What the user typed into Gmail's password field, and so what the demo run must send: the demo
     * password, except in {@link DemoScenario#WRONG_PASSWORD}.
     */
    public String passwordToUse() {
        return plan.passwordToUse();
    }

    /** {@link TypedSettings#username()} and {@link #passwordToUse()}; the caller may wipe them. */
    public Credentials credentials() {
        return new Credentials(plan.typed().username(), plan.passwordToUse().toCharArray());
    }

    /** The least time a client waits for the final greeting line; zero unless the scenario delays it. */
    public Duration greetingDelay() {
        return greeting.isPresent() ? greeting.get().delay() : Duration.ZERO;
    }

    /** Stops the servers, waits for their threads and deletes the CA file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        greeting.ifPresent(PostscreenGreeting::release);
        for (SmtpListener l : listeners) {
            l.stop();
        }
        refusing.close();
        deleteQuietly(caFile);
    }

    @Override
    public String toString() {
        return "RunningDemo[" + scenario.id() + ", " + network.listeners() + "]";
    }

    private static void loadTls() {
        try {
            SSLContext.getInstance("TLS").init(null, null, null);
        } catch (java.security.GeneralSecurityException e) {
            // Only a warm-up: the real context is built (and fails loudly) later.
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file with a public certificate in it: harmless if it stays.
        }
    }

    private static InetAddress loopbackV4() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }
}
