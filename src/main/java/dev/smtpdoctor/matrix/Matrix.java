package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.matrix.MatrixPlan.Cell;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthGate;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.probe.ForwardingProbeListener;
import dev.smtpdoctor.probe.Handover;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Relay;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the {@link MatrixPlan}: every cell concurrently, one virtual thread per probe, bounded by
 * {@code maxSockets} connections at once and one overall deadline, and grows the matrix while it runs: when a
 * trusted server's verified certificate names another host that resolves to the address that presented it,
 * that host (usually the hosting provider's real server name, the secure fix) joins at once rather than in a
 * second round, pinned to that address ({@link PinningResolver}), and goes on from the probes that found it where
 * the conversation allows ({@link ConnectionRelay}), so the whole check takes about as long as its slowest probe.
 *
 * <p>Credentials go only to candidates the {@link CredentialPolicy} allows (typed, a discovered server from a
 * trusted channel, a certificate name the knowledge base or the user vouches for), and through
 * {@link MatrixAuthGate} once per check; a pinned name whose server shows another certificate never gets it.
 * One instance per check; not reusable.
 */
public final class Matrix {

    private static final Duration AUTH_GRACE = Duration.ofSeconds(2);
    /** Time kept at the end of a check for late probes to finish and report. */
    private static final Duration RESULT_MARGIN = Duration.ofMillis(500);
    /** The least time worth starting a probe with. */
    private static final Duration LATEST_START = Duration.ofMillis(200);

    private final Prober prober;
    private final Resolver resolver;
    private final int maxSockets;
    private final CredentialPolicy policy;

    public Matrix(Prober prober, Resolver resolver, int maxSockets, CredentialPolicy policy) {
        this.prober = prober;
        this.resolver = resolver;
        this.maxSockets = maxSockets;
        this.policy = policy;
    }

    /**
     * What to probe.
     *
     * @param candidates  initial hosts in preference order (typed first)
     * @param extraModes  combinations to add for the typed host: the first is what the user chose (standard or not),
     *                    and when it is encrypted the login test goes there first
     * @param overall     the whole matrix's time limit
     */
    public record Request(List<Candidate> candidates, List<Mode> extraModes, Optional<Credentials> credentials,
                          Optional<String> mailFrom, boolean allowPlaintextAuth, Timeouts timeouts,
                          Duration overall) {
    }

    public List<CandidateProbe> run(Request request, ProbeListener listener) {
        return new Run(request, listener).execute();
    }

    private final class Run {
        private final Request request;
        private final ProbeListener userListener;
        private final MatrixPlan plan;
        private final MatrixAuthGate gate = new MatrixAuthGate(AUTH_GRACE);
        private final Semaphore sockets = new Semaphore(maxSockets);
        private final Deadline deadline;
        /** Cells of pinned names whose server showed another certificate: never given the AUTH attempt. */
        private final Set<Endpoint> certificateChanged = ConcurrentHashMap.newKeySet();
        private final Prober pinnedProber;
        private final List<Future<?>> tasks = new CopyOnWriteArrayList<>();
        private final List<CandidateProbe> results = new CopyOnWriteArrayList<>();
        private final Map<Endpoint, Cell> cells = new ConcurrentHashMap<>();
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final ConnectionRelay relay = new ConnectionRelay();

        Run(Request request, ProbeListener listener) {
            this.request = request;
            this.userListener = listener;
            this.plan = new MatrixPlan(request.extraModes());
            this.deadline = Deadline.after(request.overall(), "check");
            this.pinnedProber = prober.withResolver(new PinningResolver(resolver, plan::candidate));
        }

        List<CandidateProbe> execute() {
            try {
                for (Candidate c : request.candidates()) {
                    start(c);
                }
                awaitAll();
            } finally {
                // Probes still running at the deadline are interrupted, which closes their sockets at once; each then
                // ends with what it saw (a login already accepted included) and reports, within a short grace.
                executor.shutdownNow();
                try {
                    executor.awaitTermination(RESULT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<CandidateProbe> sorted = new ArrayList<>(results);
            sorted.sort(Comparator.comparingInt(p -> cells.get(p.result().endpoint()).order()));
            return List.copyOf(sorted);
        }

        private synchronized void start(Candidate c) {
            if (executor.isShutdown()) {
                return;
            }
            for (Cell cell : plan.admit(c)) {
                Endpoint e = cell.endpoint();
                cells.put(e, cell);
                gate.register(e, cell.order(), priority(cell));
                relay.register(e, ConnectionRelay.presenterOf(c, e));
                tasks.add(executor.submit(() -> probe(cell, e)));
            }
        }

        /** The typed combination, when secure, takes the login test first; then the typed server; then the rest. */
        private MatrixAuthGate.Priority priority(Cell cell) {
            if (cell.candidate().source() != CandidateSource.TYPED) {
                return MatrixAuthGate.Priority.OTHER;
            }
            boolean typedCombination = !request.extraModes().isEmpty() && request.extraModes().get(0).equals(cell.mode())
                    && cell.mode().security().encrypted();
            return typedCombination ? MatrixAuthGate.Priority.TYPED_COMBINATION : MatrixAuthGate.Priority.TYPED_SERVER;
        }

        private synchronized void followUp(Candidate c, Mode mode) {
            if (executor.isShutdown()) {
                return;
            }
            plan.followUp(c, mode).ifPresent(cell -> {
                Endpoint e = cell.endpoint();
                cells.put(e, cell);
                gate.register(e, cell.order(), priority(cell));
                relay.register(e, ConnectionRelay.presenterOf(c, e));
                tasks.add(executor.submit(() -> probe(cell, e)));
            });
        }

        private void probe(Cell cell, Endpoint e) {
            boolean permit = false;
            Optional<Endpoint> from = ConnectionRelay.presenterOf(cell.candidate(), e);
            boolean waited = false;
            try {
                // A probe that cannot start early enough to end before the check does is not started at all.
                permit = startBy() > 0 && sockets.tryAcquire(startBy(), TimeUnit.MILLISECONDS);
                if (!permit) {
                    gate.finished(e);
                    return;
                }
                boolean mayAuth = policy.allows(cell.candidate());
                boolean plaintextConsent = request.allowPlaintextAuth()
                        && policy.mayUsePlaintextConsent(cell.candidate());
                Optional<Handover> taken = Optional.empty();
                if (from.isPresent()) {
                    waited = true;
                    Candidate.Pin pin = cell.candidate().pin().orElseThrow();
                    // The wait leaves time for a probe of its own when nothing can be taken over.
                    ConnectionRelay.End end = relay.await(from.get(), pin, Deadline.after(Duration.ofMillis(
                            Math.max(0, startBy() - LATEST_START.toMillis())), "start")).orElse(null);
                    if (end instanceof ConnectionRelay.End.Offered(Handover h)) {
                        boolean mine = startBy() > 0 && SameConversation.mayContinue(h, pin)
                                && h.claim();
                        taken = mine ? Optional.of(h) : Optional.empty();
                        if (!mine) {
                            h.decline();
                        }
                    } else if (end instanceof ConnectionRelay.End.Finished(ProbeResult presenter)) {
                        Optional<ProbeResult> same = SameConversation.resultFor(presenter, e, pin.address(),
                                mayAuth && request.credentials().isPresent(), plaintextConsent,
                                mayAuth && request.mailFrom().isPresent());
                        if (same.isPresent()) {
                            userListener.note(e, "same conversation as " + presenter.endpoint() + ": not repeated");
                            gate.finished(e);
                            finish(cell, same.get(), mayAuth, true);
                            return;
                        }
                    }
                    if (taken.isEmpty() && startBy() <= 0) {
                        gate.finished(e);
                        return;
                    }
                }
                ProbeRequest pr = new ProbeRequest(e, mayAuth ? request.credentials() : Optional.empty(),
                        mayAuth ? request.mailFrom() : Optional.empty(), plaintextConsent,
                        withinCheck(request.timeouts()), new CellGate(), request.credentials(), new CellRelay(taken));
                ProbeResult r = pinnedProber.probe(pr, new Watcher());
                finish(cell, r, mayAuth, !certificateChanged.contains(e));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                gate.finished(e);
            } finally {
                if (!waited) {
                    from.ifPresent(relay::notWaiting);
                }
                relay.ended(e, Optional.empty());
                if (permit) {
                    sockets.release();
                }
            }
        }

        /** How long from now a probe may still start and end before the check does. */
        private long startBy() {
            return deadline.remainingMillis() - RESULT_MARGIN.toMillis() - LATEST_START.toMillis();
        }

        /** A cell's result, however it came: its waiters go on, and an implicit-TLS port gets its SSL cell. */
        private void finish(Cell cell, ProbeResult r, boolean mayAuth, boolean sameCertificate) {
            relay.ended(r.endpoint(), Optional.of(r));
            results.add(new CandidateProbe(cell.candidate(), r, mayAuth, sameCertificate));
            if (r.outcome() instanceof ProbeOutcome.ProtocolViolation v && v.kind() == Kind.IMPLICIT_TLS) {
                // The port speaks TLS at once: try it with SSL, which Gmail's dialog offers on any port.
                followUp(cell.candidate(), new Mode(r.endpoint().port(), Security.SSL));
            }
        }

        /**
         * A probe that starts late (a certificate name, a wait for a socket) gets only what is left of the
         * check's time, minus a margin to report: every probe that starts also ends, with a result, before
         * the check does — none is dropped half-way.
         */
        private Timeouts withinCheck(Timeouts t) {
            long left = Math.max(LATEST_START.toMillis(), deadline.remainingMillis() - RESULT_MARGIN.toMillis());
            Duration total = t.total().toMillis() <= left ? t.total() : Duration.ofMillis(left);
            Duration step = t.step().compareTo(total) <= 0 ? t.step() : total;
            return new Timeouts(step, total);
        }

        /** Waits for every task, including those added while waiting, until the overall deadline. */
        private void awaitAll() {
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    tasks.get(i).get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    // A probe never throws for what a server does; a listener bug is contained by the prober.
                    // An Error (out of memory, stack overflow) is not lost with its cell: it ends the check.
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                }
            }
        }

        /**
         * Seen before the AUTH step on the probe's own thread: a pinned name whose server shows another
         * certificate is not the same server and is barred from the attempt before it could make it. The names
         * of a trusted certificate are followed on tasks of their own.
         */
        private void certificateSeen(Endpoint endpoint, String address, TlsObservation observation) {
            Cell cell = cells.get(endpoint);
            if (cell == null) {
                return;
            }
            Optional<Candidate.Pin> pin = cell.candidate().pin();
            if (pin.isPresent() && !pin.get().sameCertificate(observation.leaf())) {
                certificateChanged.add(endpoint);
                userListener.note(endpoint, "not the certificate this name was found in: not the same server");
            }
            Optional<InetAddress> presentedAt = literal(address);
            if (presentedAt.isEmpty() || observation.leaf().isEmpty()) {
                return;
            }
            Candidate.Pin found = new Candidate.Pin(presentedAt.get(), observation.leaf().get().sha256());
            String presenter = cell.candidate().host();
            for (String name : plan.namesToFollow(cell.candidate(), observation, policy, request.credentials())) {
                relay.lookupStarted(presenter);
                tasks.add(executor.submit(() -> {
                    try {
                        considerCertificateName(name, presenter, endpoint.port(), found);
                    } finally {
                        relay.lookupEnded(presenter);
                    }
                }));
            }
        }

        /**
         * A certificate name joins when Gmail, typing it, would reach the machine that presented the certificate:
         * its answers include that address. It is then probed at that address only and must show the same
         * certificate again.
         */
        private void considerCertificateName(String name, String presentedBy, int port, Candidate.Pin pin) {
            try {
                for (InetSocketAddress a : resolver.resolve(name, port)) {
                    if (a.getAddress().equals(pin.address())) {
                        start(Candidate.certificateName(name, presentedBy, pin));
                        return;
                    }
                }
            } catch (UnknownHostException e) {
                // A certificate name that does not resolve is no candidate.
            }
        }

        /** The check's one AUTH attempt, never for a cell whose server showed another certificate. */
        private final class CellGate implements AuthGate {
            @Override
            public boolean acquire(Endpoint endpoint, String address, Deadline d) throws InterruptedException {
                return !certificateChanged.contains(endpoint) && gate.acquire(endpoint, address, d);
            }

            @Override
            public boolean mayCheckAuthInClear(Endpoint endpoint, String address) {
                return gate.mayCheckAuthInClear(endpoint, address);
            }

            @Override
            public void finished(Endpoint endpoint, boolean attempted) {
                gate.finished(endpoint, attempted);
            }
        }

        /** A cell's side of the {@link ConnectionRelay}: the connection it continues, if any, and its offer. */
        private final class CellRelay implements Relay {
            private final Optional<Handover> taken;

            CellRelay(Optional<Handover> taken) {
                this.taken = taken;
            }

            @Override
            public boolean offer(Endpoint endpoint, Handover handover, Deadline d) {
                return relay.offer(endpoint, handover, d);
            }

            @Override
            public Optional<Handover> take(Endpoint endpoint) {
                return taken;
            }
        }

        /**
         * Forwards every event to the caller's listener, looks at each certificate as it arrives and tells the
         * {@link ConnectionRelay} where each probe is.
         */
        private final class Watcher extends ForwardingProbeListener {
            Watcher() {
                super(userListener);
            }

            @Override
            public void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
                if (step == Step.CONNECT) {
                    literal(detail).ifPresent(a -> relay.connected(endpoint, a));
                } else if (step == Step.GREETING) {
                    relay.greeted(endpoint);
                }
                super.stepSucceeded(endpoint, step, durationMillis, detail);
            }

            @Override
            public void tlsEstablished(Endpoint endpoint, String address, TlsObservation observation) {
                certificateSeen(endpoint, address, observation);
                Cell cell = cells.get(endpoint);
                // A probe that may carry the login itself leaves nothing to continue from (one without a password
                // may still offer its connection: it never logs in).
                relay.secured(endpoint, observation, observation.verified() && cell != null
                        && policy.allows(cell.candidate()) && request.credentials().isPresent());
                super.tlsEstablished(endpoint, address, observation);
            }
        }
    }

    /** An IP address as the prober recorded it, without any lookup. */
    static Optional<InetAddress> literal(String ip) {
        if (ip == null || !ip.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
