package dev.smtpdoctor.probe;

import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.probe.sasl.MalformedChallengeException;
import dev.smtpdoctor.probe.sasl.SaslMechanism;
import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TlsObservation;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One probe: the state machine of {@link Prober} (why it is hand-written is said there) in the order of the
 * conversation, one method per step: resolve → connect → (TLS) → greeting → EHLO/HELO → STARTTLS → handshake →
 * EHLO → AUTH → MAIL FROM → RCPT TO → RSET → QUIT; a connection may also come from or go on to another probe of
 * the same server ({@link Relay}). Each step runs between paired listener events ({@link Steps}) and ends the
 * probe with an {@link Abort} when it fails. Mutable; used once, on one thread.
 */
final class ProbeSession {

    private static final Duration QUIT_GRACE = Duration.ofSeconds(2);

    private final Resolver resolver;
    private final TlsHandshaker handshaker;
    private final Limits limits;
    private final ProbeRequest request;
    private final Endpoint endpoint;
    private long startNanos = System.nanoTime();
    private final Deadline probeDeadline;
    private final TranscriptRecorder recorder;
    private final ProbeListener listener;
    private final ByteBudget budget;
    /** The credentials of the whole check, masked in everything this probe records or shows. */
    private final SecretMask mask;
    private final Wire wire;
    /**
     * Whether any byte of an AUTH command left this probe. The AUTH command line itself is the attempt: a
     * server counts it (and may lock the account over it) even when it refuses the mechanism before any
     * credential is sent. Only a gate holder that wrote no AUTH byte may give the attempt back.
     */
    private boolean authAttempted;
    /** The connection went on as another probe's ({@link Relay}): this one neither says QUIT nor closes it. */
    private boolean handedOver;
    /** The probe whose connection this one took over ({@link Relay}). */
    private Endpoint continuedFrom;

    private String address;
    private Reply greeting;
    private long greetingMillis;
    private Capabilities ehlo;
    private Capabilities ehloTls;
    private TlsObservation tls;
    private AuthResult auth;
    private Optional<Reply> authInClear = Optional.empty();
    private final SenderCheck senderCheck = new SenderCheck();
    private final Steps steps;

    /** @param transcriptLeft what the probes of this check may still keep of their transcripts together */
    ProbeSession(Resolver resolver, TlsHandshaker handshaker, Limits limits, AtomicLong transcriptLeft,
            ProbeRequest request, ProbeListener userListener) {
        this.resolver = resolver;
        this.handshaker = handshaker;
        this.limits = limits;
        this.request = request;
        this.endpoint = request.endpoint();
        this.probeDeadline = Deadline.after(request.timeouts().total(), "probe");
        this.recorder = new TranscriptRecorder(startNanos, limits, transcriptLeft);
        this.listener = ProbeListeners.fanOut(recorder, userListener);
        this.budget = new ByteBudget(limits.maxBytes());
        this.auth = AuthResult.of(request.credentials().isPresent()
                ? AuthResult.Status.NOT_REACHED : AuthResult.Status.NOT_REQUESTED);
        // Masked from the first reply on, whether or not this probe sends them: in a check only one probe
        // per server sends the password, and that server may repeat it on any of its connections, even one
        // this probe opened under a name that may not have the password.
        List<Credentials> known = new ArrayList<>();
        request.credentials().ifPresent(known::add);
        request.masked().ifPresent(known::add);
        this.mask = SecretMask.of(known);
        this.wire = new Wire(endpoint, listener, limits, mask, budget);
        this.steps = new Steps(endpoint, listener, mask, probeDeadline);
    }

    ProbeResult run() {
        ProbeOutcome outcome;
        try {
            converse();
            outcome = new ProbeOutcome.Completed();
        } catch (Abort a) {
            outcome = a.outcome;
            if (a.sayQuit) {
                wire.quitQuietly(quitDeadline());
            }
        } catch (RuntimeException e) {
            outcome = Outcomes.internalError(Step.QUIT, e);
        } finally {
            if (!handedOver) {
                wire.close();
            }
            try {
                request.authGate().finished(endpoint, authAttempted);
            } catch (RuntimeException e) {
                // The gate's bookkeeping must not change this probe's outcome.
            }
        }
        long total = (System.nanoTime() - startNanos) / 1_000_000;
        List<Deviation> deviations = wire.deviations();
        return new ProbeResult(endpoint, outcome, Optional.ofNullable(address), Optional.ofNullable(greeting),
                greetingMillis, Optional.ofNullable(ehlo).map(mask::capabilities),
                Optional.ofNullable(ehloTls).map(mask::capabilities), Optional.ofNullable(tls),
                auth, senderCheck.result(), total, budget.spent(), recorder.steps(), recorder.transcript(),
                !deviations.isEmpty(), deviations, authInClear, Optional.ofNullable(continuedFrom));
    }

    /** The conversation, in order. */
    private void converse() throws Abort {
        Optional<Handover> taken = request.relay().take(endpoint);
        if (taken.isPresent()) {
            adopt(taken.get());
        } else {
            open();
        }
        if (request.credentials().isPresent()) {
            authenticate(request.credentials().get());
        }
        if (request.mailFrom().isPresent()) {
            mailFrom(request.mailFrom().get());
        }
        if (!handOver()) {
            quit();
        }
    }

    /** The conversation up to the point where AUTH may go. */
    private void open() throws Abort {
        connect(resolve());
        if (endpoint.security() == Security.SSL) {
            handshake(Step.TLS_HANDSHAKE);
        }
        greet();
        ehlo = hello(Step.EHLO);
        authInClear = ClearAuthCheck.run(wire, ehlo, request, endpoint, address, listener, stepDeadline());
        if (endpoint.security() == Security.TLS) {
            startTls();
            handshake(Step.STARTTLS_HANDSHAKE);
            ehloTls = hello(Step.EHLO_TLS);
        }
    }

    /**
     * Goes on from another probe's connection to the same address ({@link Relay}): its steps and transcript become
     * the start of this probe's, and its certificate is judged against this probe's host.
     */
    private void adopt(Handover h) throws Abort {
        startNanos = h.startNanos;
        recorder.continueFrom(h.startNanos, h.steps, h.transcript);
        try {
            wire.adopt(h.wire);
            budget.spend(h.bytesRead);
        } catch (IOException | RuntimeException e) {
            h.wire.close(); // claimed: no one else will close it
            throw new Abort(Outcomes.stepFailure(Step.CONNECT, e, mask, probeDeadline), false);
        }
        continuedFrom = h.from;
        address = h.address;
        greeting = h.greeting;
        greetingMillis = h.greetingMillis;
        ehlo = h.ehlo;
        ehloTls = h.ehloTls;
        tls = h.tls.forHost(endpoint.host());
        listener.note(endpoint, "goes on over the connection of the probe of " + h.from.host() + " port "
                + h.from.port() + " (same address and certificate, chosen for " + h.tls.sni().orElse("no name") + ")");
        listener.tlsEstablished(endpoint, address, tls);
    }

    /**
     * At the end of a conversation that sent nothing since its last EHLO (no AUTH byte, no MAIL), offers the
     * connection to a probe of another name of the same server instead of QUIT ({@link Relay}).
     */
    private boolean handOver() {
        SenderResult.Status sent = senderCheck.result().status();
        if (tls == null || authAttempted || auth.attempted() || sent == SenderResult.Status.ACCEPTED
                || sent == SenderResult.Status.REJECTED || !wire.isOpen() || !wire.owesNothing()
                || wire.hasBufferedBytes()) {
            return false;
        }
        Handover h = new Handover(endpoint, wire, address, greeting, greetingMillis, ehlo, ehloTls, tls, startNanos,
                recorder.steps(), recorder.transcript(), wire.deviations(), budget.spent());
        if (!request.relay().offer(endpoint, h, stepDeadline())) {
            return false;
        }
        handedOver = true;
        listener.note(endpoint, "connection left open for the probe of another name of this server (same address"
                + " and certificate) instead of QUIT");
        return true;
    }

    private List<InetSocketAddress> resolve() throws Abort {
        List<InetSocketAddress> result = new ArrayList<>();
        steps.run(Step.RESOLVE, () -> {
            try {
                result.addAll(NameLookup.resolve(resolver, endpoint, stepDeadline(), limits.maxAddresses()));
            } catch (NameLookup.Failed f) {
                throw new Abort(new ProbeOutcome.DnsFailed(endpoint.host(), f.failure), false);
            }
            return result.stream().map(a -> a.getAddress().getHostAddress()).toList().toString();
        });
        return result;
    }

    private void connect(List<InetSocketAddress> addresses) throws Abort {
        steps.run(Step.CONNECT, () -> {
            Connector.Connected c;
            try {
                c = Connector.connect(addresses, this::stepDeadline, probeDeadline);
            } catch (Connector.Failed f) {
                throw new Abort(f.outcome, false);
            }
            wire.connected(c.socket());
            address = c.address().getAddress().getHostAddress();
            int port = c.address().getPort();
            listener.note(endpoint, "connected to " + address + " port " + endpoint.port()
                    + (port == endpoint.port() ? "" : " (via port " + port + ")"));
            return address;
        });
    }

    private void handshake(Step step) throws Abort {
        steps.run(step, () -> {
            Deadline handshakeDeadline = stepDeadline();
            try {
                TlsHandshaker.Handshake h = handshaker.handshake(wire.socket(), endpoint.host(), endpoint.port(),
                        handshakeDeadline);
                wire.secured(h.socket());
                tls = mask.observation(h.observation());
                listener.tlsEstablished(endpoint, address, tls);
                listener.note(endpoint, "TLS established: " + tls.protocol() + " " + tls.cipherSuite()
                        + ", chain " + tls.chainVerdict().status() + ", name "
                        + (tls.nameVerdict().matches() ? "matches" : "does not match") + " " + endpoint.host());
                return tls.protocol();
            } catch (TlsHandshaker.HandshakeFailedException e) {
                e.partial().ifPresent(p -> {
                    tls = mask.observation(p);
                    listener.tlsEstablished(endpoint, address, tls);
                });
                throw new Abort(SecondLook.withObsoleteVersion(Outcomes.handshakeFailure(step, e, handshakeDeadline,
                        mask), this::secondLook, stepDeadline()), false);
            }
        });
    }

    private void greet() throws Abort {
        long greetStart = System.nanoTime();
        Deadline greetDeadline = stepDeadline();
        // Without implicit TLS, a port that waits for a ClientHello never greets: a second connection tells.
        try (ImplicitTlsWatch watch = new ImplicitTlsWatch(endpoint.security() == Security.SSL ? null : secondLook(),
                wire.socket(), greetDeadline)) {
            steps.run(Step.GREETING, () -> {
                Reply r = watch.readGreeting(wire, greetDeadline);
                greetingMillis = Steps.millisSince(greetStart);
                greeting = r;
                if (r.code() == 220) {
                    return "220";
                }
                if (r.code() == 554 || r.code() == 421 || r.isPermanentFailure() || r.isTransientFailure()) {
                    throw new Abort(new ProbeOutcome.GreetingRejected(r), r.code() != 421);
                }
                throw new Abort(new ProbeOutcome.ProtocolViolation(Step.GREETING, Kind.UNEXPECTED_REPLY,
                        r.toWireText()), false);
            });
        }
    }

    /** A credential-free TLS handshake on a second connection to the address this probe is connected to. */
    private SecondLook secondLook() {
        return new SecondLook((InetSocketAddress) wire.socket().getRemoteSocketAddress(), endpoint, handshaker,
                limits, mask);
    }

    private void startTls() throws Abort {
        if (!ehlo.startTls()) {
            throw new Abort(new ProbeOutcome.StartTlsNotOffered(), true);
        }
        steps.run(Step.STARTTLS, () -> {
            Reply r = wire.command("STARTTLS", stepDeadline());
            if (r.code() != 220) {
                throw new Abort(new ProbeOutcome.StartTlsRejected(r), r.code() != 421);
            }
            if (wire.hasBufferedBytes()) {
                // Plaintext that arrived with the 220 would be read as if it came over TLS.
                throw new Abort(new ProbeOutcome.ProtocolViolation(Step.STARTTLS, Kind.DATA_AFTER_STARTTLS,
                        "bytes after 220 to STARTTLS"), false);
            }
            return "220";
        });
    }

    /** EHLO, falling back to HELO when the server refuses EHLO with a 5xx. */
    private Capabilities hello(Step step) throws Abort {
        Capabilities[] caps = new Capabilities[1];
        String name = wire.ehloName();
        steps.run(step, () -> {
            Reply r = wire.command("EHLO " + name, stepDeadline());
            if (r.deviations().contains(Deviation.MISSING_FINAL_LINE)) {
                // A capability list cut off by a hang-up would read as "no STARTTLS": say what happened.
                throw new EOFException("connection closed during the EHLO reply");
            }
            if (r.code() == 250) {
                // Read from the reply as sent: masking must not change what the server offers.
                caps[0] = Capabilities.fromEhlo(wire.lastUnmasked());
                return String.join(" ", mask.capabilities(caps[0]).keywords().keySet());
            }
            Outcomes.unexpectedUnlessRefusal(step, r);
            if (r.code() == 421 || step == Step.EHLO_TLS || !r.isPermanentFailure()) {
                throw new Abort(new ProbeOutcome.CommandRejected(step, r), r.code() != 421);
            }
            return "refused: " + r.code();
        });
        if (caps[0] != null) {
            return caps[0];
        }
        steps.run(Step.HELO, () -> {
            Reply r = wire.command("HELO " + name, stepDeadline());
            if (r.code() != 250) {
                Outcomes.unexpectedUnlessRefusal(Step.HELO, r);
                throw new Abort(new ProbeOutcome.CommandRejected(Step.HELO, r), r.code() != 421);
            }
            caps[0] = Capabilities.helo(r.firstLine().split(" ", 2)[0]);
            return "250";
        });
        return caps[0];
    }

    /** Whether the credentials may go out here, then the one attempt (through the check's gate). */
    private void authenticate(Credentials credentials) throws Abort {
        CredentialRule.Decision may = CredentialRule.decide(request.allowPlaintextAuth(), tls,
                ehloTls != null ? ehloTls : ehlo);
        if (may.mechanism().isEmpty()) {
            auth = AuthResult.of(may.withheld());
            may.note().ifPresent(n -> listener.note(endpoint, n));
            return;
        }
        Optional<SaslMechanism> mechanism = may.mechanism();
        try {
            if (!request.authGate().acquire(endpoint, address, stepDeadline())) {
                auth = AuthResult.of(AuthResult.Status.DEFERRED);
                listener.note(endpoint, "AUTH left to another probe of this server (one attempt per server)");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            auth = AuthResult.of(AuthResult.Status.DEFERRED);
            return;
        }
        String mech = mechanism.get().wireName();
        char[] password = credentials.password();
        try {
            steps.run(Step.AUTH, () -> {
                Reply r;
                try {
                    r = mechanism.get().exchange(wire.saslChannel(() -> authAttempted = true, this::stepDeadline),
                            credentials.username(), password);
                } catch (MalformedChallengeException e) {
                    throw new Abort(new ProbeOutcome.ProtocolViolation(Step.AUTH, Kind.BAD_AUTH_CHALLENGE,
                            Outcomes.abbreviate(e.evidence())), true);
                }
                if (r.code() == 235) {
                    auth = new AuthResult(AuthResult.Status.ACCEPTED, Optional.of(mech), Optional.of(r));
                    return mech + " 235";
                }
                auth = new AuthResult(AuthResult.Status.REJECTED, Optional.of(mech), Optional.of(r));
                throw new Abort(new ProbeOutcome.AuthRejected(mech, r), r.code() != 421);
            });
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The sender test, after a login that succeeded (or without credentials). */
    private void mailFrom(String from) throws Abort {
        if (request.credentials().isPresent() && auth.status() != AuthResult.Status.ACCEPTED) {
            senderCheck.skip(from);
            return;
        }
        senderCheck.run(from, wire, steps, ehloTls != null ? ehloTls : ehlo, this::stepDeadline);
    }

    private void quit() throws Abort {
        steps.run(Step.QUIT, () -> {
            try {
                return String.valueOf(wire.command("QUIT", quitDeadline()).code());
            } catch (IOException | MalformedReplyException e) {
                // The session is over either way; servers that just close are common.
                return "closed";
            }
        });
    }

    private Deadline stepDeadline() {
        return Deadline.after(request.timeouts().step(), "step").min(probeDeadline);
    }

    private Deadline quitDeadline() {
        return Deadline.after(QUIT_GRACE, "QUIT").min(probeDeadline);
    }
}
