package dev.smtpdoctor.matrix;

import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.diagnosis.CandidateProbe;
import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.discovery.Proposal;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.AuthGate;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Probes every candidate × mode concurrently, one virtual thread per probe, and grows the matrix while
 * it runs: when a trusted server's verified certificate names another host that resolves to the address
 * that presented it, that host (usually the hosting provider's real server name, the secure fix) joins at
 * once rather than in a second round, pinned to that address, so the whole check takes about as long as
 * its slowest probe.
 *
 * <p>Credentials go only to candidates the {@link CredentialPolicy} allows (typed, a discovered server from a
 * trusted channel, a certificate name the knowledge base or the user vouches for), and through
 * {@link MatrixAuthGate} once per check. A discovered candidate's proposed port and security are probed too.
 * Bounded: at most {@link #MAX_CANDIDATES} initial hosts plus {@value #MAX_CERTIFICATE_CANDIDATES}
 * certificate names, {@code maxSockets} concurrent connections, one overall deadline.
 * One instance per check; not reusable.
 */
public final class Matrix {

    public static final int MAX_CANDIDATES = 8;
    private static final int MAX_CERTIFICATE_CANDIDATES = 4;
    private static final Duration AUTH_GRACE = Duration.ofSeconds(2);
    /** Time kept at the end of a check for late probes to finish and report. */
    private static final Duration RESULT_MARGIN = Duration.ofMillis(500);
    /** The least time worth starting a probe with. */
    private static final Duration LATEST_START = Duration.ofMillis(200);

    private final Prober prober;
    private final Resolver resolver;
    private final int maxSockets;
    private final CredentialPolicy policy;

    /** With the {@link CredentialPolicy#basic() basic} credential policy (nothing discovered). */
    public Matrix(Prober prober, Resolver resolver, int maxSockets) {
        this(prober, resolver, maxSockets, CredentialPolicy.basic());
    }

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
     * @param extraModes  combinations to add for the typed host (e.g. what the user chose, if not standard)
     * @param overall     the whole check's time limit
     */
    public record Request(List<Candidate> candidates, List<Mode> extraModes, Optional<Credentials> credentials,
                          Optional<String> mailFrom, boolean allowPlaintextAuth, Timeouts timeouts,
                          Duration overall) {
    }

    private record Cell(int order, Candidate candidate, Mode mode) {
    }

    public List<CandidateProbe> run(Request request, ProbeListener listener) {
        return new Run(request, listener).execute();
    }

    private final class Run {
        private final Request request;
        private final ProbeListener userListener;
        private final MatrixAuthGate gate = new MatrixAuthGate(AUTH_GRACE);
        private final Semaphore sockets = new Semaphore(maxSockets);
        private final Deadline deadline;
        private final Map<String, Candidate> hosts = new ConcurrentHashMap<>();
        private final Set<String> certificateNamesSeen = ConcurrentHashMap.newKeySet();
        /** Cells of pinned names whose server showed another certificate: never given the AUTH attempt. */
        private final Set<Endpoint> certificateChanged = ConcurrentHashMap.newKeySet();
        private final Prober pinnedProber = prober.withResolver(new PinningResolver());
        private final List<Future<?>> tasks = new CopyOnWriteArrayList<>();
        private final List<CandidateProbe> results = new CopyOnWriteArrayList<>();
        private final Map<Endpoint, Cell> cells = new ConcurrentHashMap<>();
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

        Run(Request request, ProbeListener listener) {
            this.request = request;
            this.userListener = listener;
            this.deadline = Deadline.after(request.overall(), "check");
        }

        List<CandidateProbe> execute() {
            try {
                for (Candidate c : request.candidates()) {
                    addCandidate(c);
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

        private synchronized void addCandidate(Candidate c) {
            // Certificate names have their own budget (considerCertificateName): discovered hosts never crowd out the usual fix.
            long initial = hosts.values().stream().filter(h -> h.source() != CandidateSource.CERTIFICATE_NAME).count();
            if (hosts.containsKey(c.host()) || executor.isShutdown()
                    || (c.source() != CandidateSource.CERTIFICATE_NAME && initial >= MAX_CANDIDATES)) {
                return;
            }
            int candidateIndex = hosts.size();
            hosts.put(c.host(), c);
            List<Mode> modes = new ArrayList<>(Mode.STANDARD);
            if (c.source() == CandidateSource.TYPED) {
                request.extraModes().stream().filter(m -> !modes.contains(m)).forEach(modes::add);
            }
            c.proposal().flatMap(Matrix::proposedMode).filter(m -> !modes.contains(m)).ifPresent(modes::add);
            for (Mode m : modes) {
                Endpoint e = new Endpoint(c.host(), m.port(), m.security());
                Cell cell = new Cell(candidateIndex * 100 + m.rank() * 10 + modes.indexOf(m), c, m);
                cells.put(e, cell);
                gate.register(e, cell.order());
                tasks.add(executor.submit(() -> probe(cell, e)));
            }
        }

        private void probe(Cell cell, Endpoint e) {
            boolean permit = false;
            try {
                // A probe that cannot start early enough to end before the check does is not started at all.
                long startBy = deadline.remainingMillis() - RESULT_MARGIN.toMillis() - LATEST_START.toMillis();
                permit = startBy > 0 && sockets.tryAcquire(startBy, TimeUnit.MILLISECONDS);
                if (!permit) {
                    gate.finished(e);
                    return;
                }
                boolean mayAuth = policy.allows(cell.candidate());
                AuthGate cellGate = new AuthGate() {
                    @Override
                    public boolean acquire(Endpoint endpoint, String address, Deadline d) throws InterruptedException {
                        return !certificateChanged.contains(endpoint) && gate.acquire(endpoint, address, d);
                    }

                    @Override
                    public void finished(Endpoint endpoint, boolean attempted) {
                        gate.finished(endpoint, attempted);
                    }
                };
                ProbeRequest pr = new ProbeRequest(e, mayAuth ? request.credentials() : Optional.empty(),
                        mayAuth ? request.mailFrom() : Optional.empty(), request.allowPlaintextAuth(),
                        withinCheck(request.timeouts()), cellGate, request.credentials());
                ProbeResult r = pinnedProber.probe(pr, new Watcher());
                results.add(new CandidateProbe(cell.candidate(), r, mayAuth, !certificateChanged.contains(e)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                gate.finished(e);
            } finally {
                if (permit) {
                    sockets.release();
                }
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

        /** Forwards events and looks at trusted certificates for names of the same server. */
        private final class Watcher implements ProbeListener {
            @Override
            public void stepStarted(Endpoint endpoint, dev.smtpdoctor.probe.Step step) {
                userListener.stepStarted(endpoint, step);
            }

            @Override
            public void stepSucceeded(Endpoint endpoint, dev.smtpdoctor.probe.Step step, long ms, String detail) {
                userListener.stepSucceeded(endpoint, step, ms, detail);
            }

            @Override
            public void stepFailed(Endpoint endpoint, dev.smtpdoctor.probe.Step step, long ms, String reason) {
                userListener.stepFailed(endpoint, step, ms, reason);
            }

            @Override
            public void sent(Endpoint endpoint, String redactedLine) {
                userListener.sent(endpoint, redactedLine);
            }

            @Override
            public void received(Endpoint endpoint, dev.smtpdoctor.smtp.Reply reply) {
                userListener.received(endpoint, reply);
            }

            @Override
            public void note(Endpoint endpoint, String text) {
                userListener.note(endpoint, text);
            }

            @Override
            public void tlsEstablished(Endpoint endpoint, String address, TlsObservation observation) {
                // Runs on the probe's thread before its AUTH step: a pinned name that shows another certificate is
                // barred from the attempt before it could make it.
                Cell cell = cells.get(endpoint);
                if (cell != null && cell.candidate().pin().isPresent()
                        && !observation.leaf().map(l -> l.sha256().equals(cell.candidate().pin().get().sha256()))
                        .orElse(false)) {
                    certificateChanged.add(endpoint);
                    userListener.note(endpoint, "not the certificate this name was found in: not the same server");
                }
                userListener.tlsEstablished(endpoint, address, observation);
                if (cell != null) {
                    followNames(cell, endpoint, address, observation);
                }
            }
        }

        /**
         * Certificate names worth a probe (the hosting provider's own server name is the usual secure fix), taken
         * only where an attacker cannot plant them: a certificate whose chain verified, presented by a server the
         * policy already trusts. A name is never looked up when it could carry the password (a server that got it
         * may put it in a certificate, and a DNS question leaves the machine in clear text).
         */
        private void followNames(Cell cell, Endpoint endpoint, String address, TlsObservation observation) {
            if (!policy.mayFollowCertificateOf(cell.candidate()) || !observation.chainVerdict().trusted()
                    || observation.leaf().isEmpty()) {
                return;
            }
            Optional<InetAddress> presentedAt = literal(address);
            if (presentedAt.isEmpty()) {
                return;
            }
            Candidate.Pin pin = new Candidate.Pin(presentedAt.get(), observation.leaf().get().sha256());
            for (String name : observation.leaf().get().dnsNames()) {
                String n = name.toLowerCase(Locale.ROOT);
                if (!CertificateNames.worthLookingUp(n, request.credentials()) || hosts.containsKey(n)
                        || !certificateNamesSeen.add(n)
                        || certificateNamesSeen.size() > MAX_CERTIFICATE_CANDIDATES * 4) {
                    continue;
                }
                tasks.add(executor.submit(() -> considerCertificateName(n, cell.candidate().host(), endpoint.port(),
                        pin)));
            }
        }

        /**
         * A certificate name joins when Gmail, typing it, would reach the machine that presented the certificate:
         * its answers include that address. It is then probed at that address only (no second lookup an attacker
         * could answer differently) and must present the same certificate again.
         */
        private void considerCertificateName(String name, String presentedBy, int port, Candidate.Pin pin) {
            try {
                if (!addresses(name, port).contains(pin.address())) {
                    return;
                }
                long added = hosts.values().stream().filter(c -> c.source() == CandidateSource.CERTIFICATE_NAME).count();
                if (added < MAX_CERTIFICATE_CANDIDATES) {
                    addCandidate(Candidate.certificateName(name, presentedBy, pin));
                }
            } catch (UnknownHostException e) {
                // A certificate name that does not resolve is no candidate.
            }
        }

        private Set<InetAddress> addresses(String host, int port) throws UnknownHostException {
            Set<InetAddress> out = new HashSet<>();
            for (InetSocketAddress a : resolver.resolve(host, port)) {
                out.add(a.getAddress());
            }
            return out;
        }

        /**
         * The check's resolver, except that a pinned certificate name answers with its pinned address only. The
         * port comes from the presenting server's own entry for that address (so {@code --resolve} port mappings
         * carry over), else the port itself.
         */
        private final class PinningResolver implements Resolver {
            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                Candidate c = hosts.get(host);
                if (c == null || c.pin().isEmpty()) {
                    return resolver.resolve(host, port);
                }
                InetAddress pinned = c.pin().get().address();
                try {
                    for (InetSocketAddress a : resolver.resolve(c.sameServerAs().orElseThrow(), port)) {
                        if (a.getAddress().equals(pinned)) {
                            return List.of(a);
                        }
                    }
                } catch (UnknownHostException e) {
                    // The presenting server's name no longer answers: the pinned address is all we need.
                }
                return List.of(new InetSocketAddress(pinned, port));
            }
        }
    }

    /** An IP address as the prober recorded it, without any lookup. */
    private static Optional<InetAddress> literal(String ip) {
        if (ip == null || !ip.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<Mode> proposedMode(Proposal p) {
        return p.port().isPresent() && p.security().isPresent()
                ? Optional.of(new Mode(p.port().getAsInt(), p.security().get())) : Optional.empty();
    }

    /** Hosts to try for an address: the typed server first, then smtp., mail. and the domain itself. */
    public static List<Candidate> initialCandidates(Optional<String> typedServer, String domain) {
        return initialCandidates(typedServer, List.of(), domain);
    }

    /**
     * Hosts to try: the typed server, then what discovery found (in its order), then the guesses
     * {@code smtp.}, {@code mail.} and the domain itself. A host appears once, with its first source.
     */
    public static List<Candidate> initialCandidates(Optional<String> typedServer, List<Candidate> discovered,
                                                    String domain) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        typedServer.ifPresent(s -> out.put(s, Candidate.of(s, CandidateSource.TYPED)));
        discovered.forEach(c -> out.putIfAbsent(c.host(), c));
        out.putIfAbsent("smtp." + domain, Candidate.of("smtp." + domain, CandidateSource.GUESS_SMTP));
        out.putIfAbsent("mail." + domain, Candidate.of("mail." + domain, CandidateSource.GUESS_MAIL));
        out.putIfAbsent(domain, Candidate.of(domain, CandidateSource.GUESS_DOMAIN));
        return List.copyOf(out.values());
    }
}
