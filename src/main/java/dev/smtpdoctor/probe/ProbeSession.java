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
 * conversation, with one method per step: resolve → connect → (TLS) → greeting → EHLO/HELO → STARTTLS →
 * handshake → EHLO → AUTH → MAIL FROM → RCPT TO → RSET → QUIT. Each step runs between paired listener events
 * and ends the probe with an {@link Abort} when it fails. Mutable; used once, on one thread.
 */
final class ProbeSession {

    private static final Duration QUIT_GRACE = Duration.ofSeconds(2);

    @FunctionalInterface
    private interface StepBody {
        /** Runs the step; returns a short detail for the step record. */
        String run() throws Abort, IOException, MalformedReplyException;
    }

    private final Resolver resolver;
    private final TlsHandshaker handshaker;
    private final Limits limits;
    private final ProbeRequest request;
    private final Endpoint endpoint;
    private final long startNanos = System.nanoTime();
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

    private String address;
    private Reply greeting;
    private long greetingMillis;
    private Capabilities ehlo;
    private Capabilities ehloTls;
    private TlsObservation tls;
    private AuthResult auth;
    private Optional<Reply> authInClear = Optional.empty();
    private SenderResult sender = SenderResult.notTested();

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
    }

    ProbeResult run() {
        ProbeOutcome outcome;
        try {
            converse();
            outcome = new ProbeOutcome.Completed();
        } catch (Abort a) {
            outcome = a.outcome;
            if (a.sayQuit) {
                quitQuietly();
            }
        } catch (RuntimeException e) {
            outcome = Outcomes.internalError(Step.QUIT, e);
        } finally {
            wire.close();
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
                auth, sender, total, budget.spent(), recorder.steps(), recorder.transcript(), !deviations.isEmpty(),
                deviations, authInClear);
    }

    /** The conversation, in order. */
    private void converse() throws Abort {
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
        if (request.credentials().isPresent()) {
            authenticate(request.credentials().get());
        }
        if (request.mailFrom().isPresent()) {
            mailFrom(request.mailFrom().get());
        }
        quit();
    }

    private List<InetSocketAddress> resolve() throws Abort {
        List<InetSocketAddress> result = new ArrayList<>();
        step(Step.RESOLVE, () -> {
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
        step(Step.CONNECT, () -> {
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
        step(step, () -> {
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
            step(Step.GREETING, () -> {
                Reply r = watch.readGreeting(wire, greetDeadline);
                greetingMillis = millisSince(greetStart);
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
        step(Step.STARTTLS, () -> {
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
        step(step, () -> {
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
        step(Step.HELO, () -> {
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
            step(Step.AUTH, () -> {
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

    /** MAIL FROM and RCPT TO the user's own address, then RSET: nothing is ever sent. With PIPELINING (RFC 2920
     *  §3.1) they go with QUIT as one group: one round trip; a refusal is reported at its command. */
    private void mailFrom(String from) throws Abort {
        if (request.credentials().isPresent() && auth.status() != AuthResult.Status.ACCEPTED) {
            sender = new SenderResult(SenderResult.Status.SKIPPED, Optional.of(from), Optional.empty());
            return;
        }
        String mail = "MAIL FROM:<" + from + ">";
        String rcpt = "RCPT TO:<" + from + ">";
        boolean pipelined = (ehloTls != null ? ehloTls : ehlo).pipelining();
        step(Step.MAIL_FROM, () -> {
            if (pipelined) {
                wire.writeGroup(List.of(mail, rcpt, "RSET", "QUIT"), stepDeadline()); // QUIT only last (§3.1)
            }
            Reply r = wire.command(mail, stepDeadline());
            if (r.code() == 250) {
                sender = new SenderResult(SenderResult.Status.ACCEPTED, Optional.of(from), Optional.of(r));
                return "250";
            }
            sender = new SenderResult(SenderResult.Status.REJECTED, Optional.of(from), Optional.of(r));
            throw new Abort(new ProbeOutcome.SenderRejected(r), r.code() != 421 && wire.readOwed(stepDeadline()));
        });
        // Postfix's default smtpd_delay_reject answers reject_sender_login_mismatch only at RCPT TO,
        // so the sender is accepted for sure only once a recipient is: the address itself. No DATA follows.
        step(Step.RCPT_TO, () -> {
            Reply r = wire.command(rcpt, stepDeadline());
            if (r.code() == 250 || r.code() == 251) {
                return String.valueOf(r.code());
            }
            if (r.isTransientFailure() && r.code() != 421) {
                // 4xx (greylisting, a busy mailbox) says nothing about who may send: MAIL FROM's 250 stands.
                return r.code() + " (temporary, not a verdict on the sender)";
            }
            sender = new SenderResult(SenderResult.Status.REJECTED, Optional.of(from), Optional.of(r));
            throw new Abort(new ProbeOutcome.SenderRejected(r), r.code() != 421 && wire.readOwed(stepDeadline()));
        });
        step(Step.RSET, () -> String.valueOf(wire.command("RSET", stepDeadline()).code()));
    }

    private void quit() throws Abort {
        step(Step.QUIT, () -> {
            try {
                return String.valueOf(wire.command("QUIT", quitDeadline()).code());
            } catch (IOException | MalformedReplyException e) {
                // The session is over either way; servers that just close are common.
                return "closed";
            }
        });
    }

    private void quitQuietly() {
        wire.quitQuietly(quitDeadline());
    }

    // ---- steps --------------------------------------------------------------------------------

    private Deadline stepDeadline() {
        return Deadline.after(request.timeouts().step(), "step").min(probeDeadline);
    }

    private Deadline quitDeadline() {
        return Deadline.after(QUIT_GRACE, "QUIT").min(probeDeadline);
    }

    /** Runs one step between its paired listener events; an exception ends the probe with its outcome. */
    private void step(Step step, StepBody body) throws Abort {
        long t0 = System.nanoTime();
        listener.stepStarted(endpoint, step);
        ProbeOutcome failure;
        try {
            String detail = body.run();
            listener.stepSucceeded(endpoint, step, millisSince(t0), detail);
            return;
        } catch (Abort a) {
            listener.stepFailed(endpoint, step, millisSince(t0), Outcomes.describe(a.outcome));
            throw a;
        } catch (IOException | MalformedReplyException e) {
            failure = Outcomes.stepFailure(step, e, mask, probeDeadline);
        } catch (RuntimeException e) {
            // A bug of ours during this step: named with its step, never blamed on the server.
            failure = Outcomes.internalError(step, e);
        }
        listener.stepFailed(endpoint, step, millisSince(t0), Outcomes.describe(failure));
        throw new Abort(failure, false);
    }

    private long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
