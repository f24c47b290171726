package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.smtp.ByteBudget;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.smtp.LineReader;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.RawLine;
import dev.smtpdoctor.smtp.ReadLimitExceededException;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.smtp.ReplyParser;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TlsObservation;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes one endpoint: resolve, connect, greeting, EHLO, STARTTLS, handshake, EHLO, AUTH, MAIL FROM,
 * RSET, QUIT — each step timed and bounded by its own deadline and the probe's.
 *
 * <p>This state machine is the product's core and is written by hand on purpose: mail libraries
 * (Angus Mail, commons-net) hide exactly what we must report — the greeting delay, the capabilities
 * before and after TLS, the chain of a certificate they refuse, the reply that ended the conversation —
 * and they throw where we need values. Exceptions end at this class's edge and become a
 * {@link ProbeOutcome}; {@link #probe} never throws.
 *
 * <p>Credentials: at most one AUTH exchange per probe; never without TLS unless the request allows it;
 * never to a server whose certificate fails the chain or name check. AUTH lines reach listeners and
 * transcripts redacted, and any echo of the secret in a server reply is masked too.
 *
 * <p>Thread-safe: each call runs on the caller's thread with its own state, so many probes may run
 * concurrently (the matrix runs them on virtual threads).
 */
public final class Prober {

    private static final String REDACTED = SecretMask.REDACTED;
    private static final Duration QUIT_GRACE = Duration.ofSeconds(2);

    private final Resolver resolver;
    private final TlsHandshaker handshaker;
    private final Limits limits;
    /** Transcript characters the probes of this prober (one check) may still keep together. */
    private final java.util.concurrent.atomic.AtomicLong transcriptLeft;

    public Prober(Resolver resolver, TlsHandshaker handshaker, Limits limits) {
        this.resolver = resolver;
        this.handshaker = handshaker;
        this.limits = limits;
        this.transcriptLeft = new java.util.concurrent.atomic.AtomicLong(limits.maxCheckTranscriptChars());
    }

    /** The same prober, resolving names through {@code r} (the matrix pins certificate names this way). */
    public Prober withResolver(Resolver r) {
        return new Prober(r, handshaker, limits);
    }

    public ProbeResult probe(ProbeRequest request, ProbeListener listener) {
        return new Session(request, listener).run();
    }

    /** Ends the conversation with an outcome; internal to the state machine, never leaves this class. */
    private static final class Abort extends Exception {
        final ProbeOutcome outcome;
        final boolean sayQuit;

        Abort(ProbeOutcome outcome, boolean sayQuit) {
            super(null, null, false, false);
            this.outcome = outcome;
            this.sayQuit = sayQuit;
        }
    }

    @FunctionalInterface
    private interface StepBody {
        /** Runs the step; returns a short detail for the step record. */
        String run() throws Abort, IOException, MalformedReplyException;
    }

    /** One probe's mutable state. Single-threaded. */
    private final class Session {
        private final ProbeRequest request;
        private final Endpoint endpoint;
        private final long startNanos = System.nanoTime();
        private final Deadline probeDeadline;
        private final TranscriptRecorder recorder;
        private final ProbeListener listener;
        private final ByteBudget budget;
        private final ReplyParser parser;
        /** The credentials of the whole check, masked in everything this probe records or shows. */
        private final SecretMask mask;
        /** The last reply as received, for the protocol's own reading (capabilities, a challenge); never stored. */
        private Reply lastUnmasked;
        /**
         * Whether any byte of an AUTH command left this probe. The AUTH command line itself is the attempt: a
         * server counts it (and may lock the account over it) even when it refuses the mechanism before any
         * credential is sent. Only a gate holder that wrote no AUTH byte may give the attempt back.
         */
        private boolean authAttempted;

        private Socket socket;
        /** The TCP socket under {@link #socket} once TLS is up (the same socket before). */
        private Socket rawSocket;
        private LineReader reader;
        private OutputStream out;
        private String address;
        private Reply greeting;
        private long greetingMillis;
        private Capabilities ehlo;
        private Capabilities ehloTls;
        private TlsObservation tls;
        private AuthResult auth;
        private SenderResult sender = SenderResult.notTested();
        private final Set<Deviation> deviations = new LinkedHashSet<>();

        Session(ProbeRequest request, ProbeListener userListener) {
            this.request = request;
            this.endpoint = request.endpoint();
            this.probeDeadline = Deadline.after(request.timeouts().total(), "probe");
            this.recorder = new TranscriptRecorder(startNanos, limits, transcriptLeft);
            this.listener = new Fanout(recorder, userListener);
            this.budget = new ByteBudget(limits.maxBytes());
            this.parser = new ReplyParser(limits.maxReplyLines());
            this.auth = AuthResult.of(request.credentials().isPresent()
                    ? AuthResult.Status.NOT_REACHED : AuthResult.Status.NOT_REQUESTED);
            // Masked from the first reply on, whether or not this probe sends them: in a check only one probe
            // per server sends the password, and that server may repeat it on any of its connections, even one
            // this probe opened under a name that may not have the password.
            List<Credentials> known = new ArrayList<>();
            request.credentials().ifPresent(known::add);
            request.masked().ifPresent(known::add);
            this.mask = SecretMask.of(known);
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
                // A bug of ours, not the server's: still a value, with the class name but no secrets.
                outcome = new ProbeOutcome.ProtocolViolation(Step.QUIT, Kind.UNEXPECTED_REPLY,
                        "internal error: " + e.getClass().getSimpleName());
            } finally {
                closeQuietly();
                try {
                    request.authGate().finished(endpoint, authAttempted);
                } catch (RuntimeException e) {
                    // The gate's bookkeeping must not change this probe's outcome.
                }
            }
            long total = (System.nanoTime() - startNanos) / 1_000_000;
            return new ProbeResult(endpoint, outcome, Optional.ofNullable(address), Optional.ofNullable(greeting),
                    greetingMillis, Optional.ofNullable(ehlo).map(mask::capabilities),
                    Optional.ofNullable(ehloTls).map(mask::capabilities), Optional.ofNullable(tls),
                    auth, sender, total, budget.spent(), recorder.steps(), recorder.transcript(), !deviations.isEmpty(),
                    List.copyOf(deviations));
        }

        private void converse() throws Abort {
            List<InetSocketAddress> addresses = resolve();
            connect(addresses);
            if (endpoint.security() == Security.SSL) {
                handshake(Step.TLS_HANDSHAKE);
            }
            long greetStart = System.nanoTime();
            step(Step.GREETING, () -> {
                Reply r = readReply(stepDeadline());
                greetingMillis = (System.nanoTime() - greetStart) / 1_000_000;
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
            ehlo = hello(Step.EHLO);
            if (endpoint.security() == Security.TLS) {
                if (!ehlo.startTls()) {
                    throw new Abort(new ProbeOutcome.StartTlsNotOffered(), true);
                }
                step(Step.STARTTLS, () -> {
                    Reply r = command("STARTTLS", "STARTTLS");
                    if (r.code() != 220) {
                        throw new Abort(new ProbeOutcome.StartTlsRejected(r), r.code() != 421);
                    }
                    if (reader.hasBufferedBytes()) {
                        // Plaintext that arrived with the 220 would be read as if it came over TLS.
                        throw new Abort(new ProbeOutcome.ProtocolViolation(Step.STARTTLS, Kind.DATA_AFTER_STARTTLS,
                                "bytes after 220 to STARTTLS"), false);
                    }
                    return "220";
                });
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
                Deadline d = stepDeadline();
                CompletableFuture<List<InetSocketAddress>> f = new CompletableFuture<>();
                Thread lookup = lookup(f);
                try {
                    result.addAll(f.get(d.remainingMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    // Cancelling a CompletableFuture does not reach the thread: a resolver that honours
                    // interrupts (a stalled DNS query over a socket) stops now instead of lingering.
                    lookup.interrupt();
                    throw new Abort(new ProbeOutcome.DnsFailed(endpoint.host(), DnsFailure.TIMED_OUT), false);
                } catch (InterruptedException e) {
                    lookup.interrupt();
                    Thread.currentThread().interrupt();
                    throw new Abort(new ProbeOutcome.DnsFailed(endpoint.host(), DnsFailure.INTERRUPTED), false);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error; // not the network's doing: the check ends with an internal error (exit 70)
                    }
                    // A resolver that could not get an answer (SERVFAIL, timeout) is not a name that does not exist.
                    throw new Abort(new ProbeOutcome.DnsFailed(endpoint.host(), Resolver.failureOf(e.getCause())),
                            false);
                }
                if (result.isEmpty()) {
                    throw new Abort(new ProbeOutcome.DnsFailed(endpoint.host(), DnsFailure.NO_ADDRESS), false);
                }
                return result.stream().map(a -> a.getAddress().getHostAddress()).toList().toString();
            });
            return result.subList(0, Math.min(result.size(), limits.maxAddresses()));
        }

        /**
         * Runs the lookup on its own virtual thread, so the step gives up on time even when the resolver does
         * not (the system resolver cannot be interrupted; it ends when the OS gives up).
         */
        private Thread lookup(CompletableFuture<List<InetSocketAddress>> f) {
            return Thread.ofVirtual().name("resolve-" + endpoint.host()).start(() -> {
                try {
                    f.complete(resolver.resolve(endpoint.host(), endpoint.port()));
                } catch (Throwable e) {
                    // An Error too: lost with this thread, it would leave the step waiting for its deadline.
                    f.completeExceptionally(e);
                }
            });
        }

        private void connect(List<InetSocketAddress> addresses) throws Abort {
            step(Step.CONNECT, () -> {
                ProbeOutcome firstFailure = null;
                boolean sawTimeout = false;
                for (InetSocketAddress a : addresses) {
                    String shown = a.getAddress().getHostAddress();
                    Socket s = new Socket();
                    rawSocket = s;
                    try {
                        s.setTcpNoDelay(true);
                        s.connect(a, stepDeadline().socketTimeoutMillis());
                        socket = s;
                        address = shown;
                        reader = new LineReader(s, budget, limits.maxLineBytes());
                        out = s.getOutputStream();
                        listener.note(endpoint, "connected to " + shown + " port " + endpoint.port()
                                + (a.getPort() == endpoint.port() ? "" : " (via port " + a.getPort() + ")"));
                        return shown;
                    } catch (SocketTimeoutException e) {
                        sawTimeout = true;
                        firstFailure = firstFailure != null ? firstFailure : new ProbeOutcome.ConnectTimedOut(shown);
                    } catch (ConnectException e) {
                        firstFailure = firstFailure != null ? firstFailure : new ProbeOutcome.Refused(shown);
                    } catch (NoRouteToHostException e) {
                        firstFailure = firstFailure != null ? firstFailure
                                : new ProbeOutcome.Unreachable(shown, String.valueOf(e.getMessage()));
                    } catch (IOException e) {
                        firstFailure = firstFailure != null ? firstFailure
                                : new ProbeOutcome.Unreachable(shown, String.valueOf(e.getMessage()));
                    }
                    closeSocket(s);
                    if (probeDeadline.expired()) {
                        break;
                    }
                }
                ProbeOutcome outcome = firstFailure;
                if (sawTimeout && !(outcome instanceof ProbeOutcome.ConnectTimedOut)) {
                    outcome = new ProbeOutcome.ConnectTimedOut(addresses.get(0).getAddress().getHostAddress());
                }
                throw new Abort(outcome, false);
            });
        }

        private void handshake(Step step) throws Abort {
            step(step, () -> {
                Deadline handshakeDeadline = stepDeadline();
                try {
                    TlsHandshaker.Handshake h = handshaker.handshake(socket, endpoint.host(), endpoint.port(),
                            handshakeDeadline);
                    socket = h.socket();
                    tls = mask.observation(h.observation());
                    listener.tlsEstablished(endpoint, address, tls);
                    reader = new LineReader(socket, budget, limits.maxLineBytes());
                    out = socket.getOutputStream();
                    listener.note(endpoint, "TLS established: " + tls.protocol() + " " + tls.cipherSuite()
                            + ", chain " + tls.chainVerdict().status() + ", name "
                            + (tls.nameVerdict().matches() ? "matches" : "does not match") + " " + endpoint.host());
                    return tls.protocol();
                } catch (TlsHandshaker.HandshakeFailedException e) {
                    e.partial().ifPresent(p -> {
                        tls = mask.observation(p);
                        listener.tlsEstablished(endpoint, address, tls);
                    });
                    Throwable cause = e.getCause();
                    if (cause instanceof SocketTimeoutException || handshakeDeadline.expired()) {
                        throw new Abort(new ProbeOutcome.TimedOut(step), false);
                    }
                    String reason = mask.text(String.valueOf(e.getMessage()));
                    boolean plaintext = reason.contains("Unsupported or unrecognized SSL message")
                            || reason.contains("plaintext connection");
                    throw new Abort(new ProbeOutcome.TlsFailed(step, reason, plaintext), false);
                }
            });
        }

        /** EHLO, falling back to HELO when the server refuses EHLO with a 5xx. */
        private Capabilities hello(Step step) throws Abort {
            Capabilities[] caps = new Capabilities[1];
            String name = ehloName();
            step(step, () -> {
                Reply r = command("EHLO " + name, "EHLO " + name);
                if (r.deviations().contains(Deviation.MISSING_FINAL_LINE)) {
                    // A capability list cut off by a hang-up would read as "no STARTTLS": say what happened.
                    throw new EOFException("connection closed during the EHLO reply");
                }
                if (r.code() == 250) {
                    // Read from the reply as sent: masking must not change what the server offers.
                    caps[0] = Capabilities.fromEhlo(lastUnmasked);
                    return String.join(" ", mask.capabilities(caps[0]).keywords().keySet());
                }
                unexpectedUnlessRefusal(step, r);
                if (r.code() == 421 || step == Step.EHLO_TLS || !r.isPermanentFailure()) {
                    throw new Abort(new ProbeOutcome.CommandRejected(step, r), r.code() != 421);
                }
                return "refused: " + r.code();
            });
            if (caps[0] != null) {
                return caps[0];
            }
            step(Step.HELO, () -> {
                Reply r = command("HELO " + name, "HELO " + name);
                if (r.code() != 250) {
                    unexpectedUnlessRefusal(Step.HELO, r);
                    throw new Abort(new ProbeOutcome.CommandRejected(Step.HELO, r), r.code() != 421);
                }
                caps[0] = Capabilities.helo(r.firstLine().split(" ", 2)[0]);
                return "250";
            });
            return caps[0];
        }

        /**
         * A 2xx or 3xx other than 250 to EHLO or HELO is no refusal: the conversation is out of step (a greeting
         * sent twice makes every reply one behind) or the server is broken. Either way it cannot go on.
         */
        private void unexpectedUnlessRefusal(Step step, Reply r) throws Abort {
            if (r.isPositiveCompletion() || r.isPositiveIntermediate()) {
                throw new Abort(new ProbeOutcome.ProtocolViolation(step, Kind.UNEXPECTED_REPLY,
                        abbreviate(r.toWireText())), false);
            }
        }

        private void authenticate(Credentials credentials) throws Abort {
            Capabilities caps = ehloTls != null ? ehloTls : ehlo;
            boolean encrypted = tls != null;
            if (!encrypted && !request.allowPlaintextAuth()) {
                auth = AuthResult.of(AuthResult.Status.WITHHELD_PLAINTEXT);
                listener.note(endpoint, "credentials withheld: the connection is not encrypted");
                return;
            }
            if (encrypted && !tls.verified()) {
                auth = AuthResult.of(AuthResult.Status.WITHHELD_UNVERIFIED_CERTIFICATE);
                listener.note(endpoint, "credentials withheld: the certificate would not be accepted");
                return;
            }
            if (!caps.authAdvertised()) {
                auth = AuthResult.of(AuthResult.Status.NOT_OFFERED);
                return;
            }
            Optional<String> mechanism = caps.preferredAuthMechanism();
            if (mechanism.isEmpty()) {
                auth = AuthResult.of(AuthResult.Status.NO_SUPPORTED_MECHANISM);
                return;
            }
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
            String mech = mechanism.get();
            char[] password = credentials.password();
            try {
                step(Step.AUTH, () -> {
                    Reply r = switch (mech) {
                        case "PLAIN" -> authPlain(credentials.username(), password);
                        case "LOGIN" -> authLogin(credentials.username(), password);
                        default -> authCramMd5(credentials.username(), password);
                    };
                    if (r.code() == 235) {
                        auth = new AuthResult(AuthResult.Status.ACCEPTED, Optional.of(mech), Optional.of(r));
                        return mech + " 235";
                    }
                    auth = new AuthResult(AuthResult.Status.REJECTED, Optional.of(mech), Optional.of(r));
                    throw new Abort(new ProbeOutcome.AuthRejected(mech, r), r.code() != 421);
                });
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }

        private Reply authPlain(String username, char[] password) throws IOException, MalformedReplyException, Abort {
            byte[] pass = Secrets.utf8(password);
            byte[] blob = Secrets.plainBlob(username, pass);
            byte[] line = Secrets.concat("AUTH PLAIN ".getBytes(StandardCharsets.US_ASCII), Secrets.base64(blob));
            java.util.Arrays.fill(pass, (byte) 0);
            java.util.Arrays.fill(blob, (byte) 0);
            return sendSecret(line, "AUTH PLAIN " + REDACTED);
        }

        private Reply authLogin(String username, char[] password) throws IOException, MalformedReplyException, Abort {
            Reply r = authCommand("AUTH LOGIN");
            if (r.code() != 334) {
                return r;
            }
            byte[] user = Secrets.base64(username.getBytes(StandardCharsets.UTF_8));
            r = sendSecret(user, REDACTED);
            if (r.code() != 334) {
                return r;
            }
            byte[] pass = Secrets.utf8(password);
            byte[] line = Secrets.base64(pass);
            java.util.Arrays.fill(pass, (byte) 0);
            return sendSecret(line, REDACTED);
        }

        private Reply authCramMd5(String username, char[] password) throws IOException, MalformedReplyException, Abort {
            Reply r = authCommand("AUTH CRAM-MD5");
            if (r.code() != 334) {
                return r;
            }
            byte[] challenge;
            try {
                challenge = java.util.Base64.getDecoder().decode(lastUnmasked.firstLine().strip());
            } catch (IllegalArgumentException e) {
                write("*".getBytes(StandardCharsets.US_ASCII), "*");
                readReply(stepDeadline());
                throw new Abort(new ProbeOutcome.ProtocolViolation(Step.AUTH, Kind.BAD_AUTH_CHALLENGE,
                        abbreviate(r.firstLine())), true);
            }
            byte[] pass = Secrets.utf8(password);
            byte[] response = Secrets.base64(Secrets.cramMd5(username, pass, challenge));
            java.util.Arrays.fill(pass, (byte) 0);
            return sendSecret(response, REDACTED);
        }

        private void mailFrom(String from) throws Abort {
            if (request.credentials().isPresent() && auth.status() != AuthResult.Status.ACCEPTED) {
                sender = new SenderResult(SenderResult.Status.SKIPPED, Optional.of(from), Optional.empty());
                return;
            }
            step(Step.MAIL_FROM, () -> {
                Reply r = command("MAIL FROM:<" + from + ">", "MAIL FROM:<" + from + ">");
                if (r.code() == 250) {
                    sender = new SenderResult(SenderResult.Status.ACCEPTED, Optional.of(from), Optional.of(r));
                    return "250";
                }
                sender = new SenderResult(SenderResult.Status.REJECTED, Optional.of(from), Optional.of(r));
                throw new Abort(new ProbeOutcome.SenderRejected(r), r.code() != 421);
            });
            // Postfix's default smtpd_delay_reject answers reject_sender_login_mismatch only at RCPT TO,
            // so the sender is accepted for sure only once a recipient is: the address itself. No DATA follows.
            step(Step.RCPT_TO, () -> {
                Reply r = command("RCPT TO:<" + from + ">", "RCPT TO:<" + from + ">");
                if (r.code() == 250 || r.code() == 251) {
                    return String.valueOf(r.code());
                }
                if (r.isTransientFailure() && r.code() != 421) {
                    // 4xx (greylisting, a busy mailbox) says nothing about who may send: MAIL FROM's 250 stands.
                    return r.code() + " (temporary, not a verdict on the sender)";
                }
                sender = new SenderResult(SenderResult.Status.REJECTED, Optional.of(from), Optional.of(r));
                throw new Abort(new ProbeOutcome.SenderRejected(r), r.code() != 421);
            });
            step(Step.RSET, () -> {
                Reply r = command("RSET", "RSET");
                return String.valueOf(r.code());
            });
        }

        private void quit() throws Abort {
            step(Step.QUIT, () -> {
                Deadline d = Deadline.after(QUIT_GRACE, "QUIT").min(probeDeadline);
                try {
                    write("QUIT".getBytes(StandardCharsets.US_ASCII), "QUIT");
                    return String.valueOf(readReply(d).code());
                } catch (IOException | MalformedReplyException e) {
                    // The session is over either way; servers that just close are common.
                    return "closed";
                }
            });
        }

        private void quitQuietly() {
            if (socket == null || socket.isClosed()) {
                return;
            }
            try {
                write("QUIT".getBytes(StandardCharsets.US_ASCII), "QUIT");
                readReply(Deadline.after(QUIT_GRACE, "QUIT").min(probeDeadline));
            } catch (IOException | MalformedReplyException | RuntimeException e) {
                // Best effort: the outcome is already decided.
            }
        }

        // ---- the wire -------------------------------------------------------------------------------

        private Reply command(String line, String shown) throws IOException, MalformedReplyException {
            write(line.getBytes(StandardCharsets.UTF_8), shown);
            return readReply(stepDeadline());
        }

        /** An AUTH command without credentials: it still uses the attempt (see {@link #authAttempted}). */
        private Reply authCommand(String line) throws IOException, MalformedReplyException {
            authAttempted = true;
            return command(line, line);
        }

        private Reply sendSecret(byte[] line, String shown) throws IOException, MalformedReplyException {
            authAttempted = true;
            try {
                write(line, shown);
            } finally {
                java.util.Arrays.fill(line, (byte) 0);
            }
            return readReply(stepDeadline());
        }

        private void write(byte[] line, String shown) throws IOException {
            listener.sent(endpoint, shown);
            socket.setSoTimeout(stepDeadline().socketTimeoutMillis());
            byte[] framed = Secrets.concat(line, new byte[] {'\r', '\n'});
            try {
                out.write(framed);
                out.flush();
            } finally {
                java.util.Arrays.fill(framed, (byte) 0);
            }
        }

        private Reply readReply(Deadline deadline) throws IOException, MalformedReplyException {
            while (true) {
                RawLine line = reader.readLine(deadline);
                Optional<Reply> done;
                if (line == null) {
                    if (!parser.inProgress()) {
                        throw new EOFException("connection closed by server");
                    }
                    done = Optional.of(parser.endOfInput());
                } else {
                    done = parser.feed(line);
                }
                if (done.isPresent()) {
                    lastUnmasked = done.get();
                    Reply r = mask.reply(lastUnmasked);
                    deviations.addAll(r.deviations());
                    // What is stored and shown is bounded (Limits.maxKeptReplyChars): a probe may read 1 MiB.
                    Reply kept = KeptText.reply(r, limits.maxKeptReplyChars());
                    listener.received(endpoint, kept);
                    return kept;
                }
            }
        }

        // ---- steps and failures -------------------------------------------------------------------

        private Deadline stepDeadline() {
            return Deadline.after(request.timeouts().step(), "step").min(probeDeadline);
        }

        private void step(Step step, StepBody body) throws Abort {
            long t0 = System.nanoTime();
            listener.stepStarted(endpoint, step);
            ProbeOutcome failure;
            try {
                String detail = body.run();
                listener.stepSucceeded(endpoint, step, millisSince(t0), detail);
                return;
            } catch (Abort a) {
                listener.stepFailed(endpoint, step, millisSince(t0), describe(a.outcome));
                throw a;
            } catch (SocketTimeoutException e) {
                failure = new ProbeOutcome.TimedOut(step);
            } catch (ReadLimitExceededException e) {
                failure = new ProbeOutcome.ProtocolViolation(step, Kind.TOO_MUCH_DATA, e.getMessage());
            } catch (MalformedReplyException e) {
                failure = switch (e.kind()) {
                    // The evidence is the server's line itself: it may echo the credentials like a reply.
                    // Masked before it is cut, so the cut cannot leave part of an echo.
                    case NOT_A_REPLY -> new ProbeOutcome.ProtocolViolation(step, Kind.NOT_A_REPLY,
                            abbreviate(e.truncated() ? mask.cutText(e.evidence()) : mask.text(e.evidence())));
                    case TOO_MANY_LINES -> new ProbeOutcome.ProtocolViolation(step, Kind.REPLY_TOO_LONG, e.evidence());
                    case NO_REPLY -> new ProbeOutcome.ConnectionClosed(step, "connection closed by server");
                };
            } catch (IOException e) {
                // Cut short by our own deadline (the check interrupts the probes still running when it ends): ours,
                // not the server closing.
                failure = Thread.currentThread().isInterrupted() || probeDeadline.expired()
                        ? new ProbeOutcome.TimedOut(step)
                        : e instanceof EOFException ? new ProbeOutcome.ConnectionClosed(step, "connection closed by server")
                        : new ProbeOutcome.ConnectionClosed(step, mask.text(String.valueOf(e.getMessage())));
            }
            listener.stepFailed(endpoint, step, millisSince(t0), describe(failure));
            throw new Abort(failure, false);
        }

        private long millisSince(long t0) {
            return (System.nanoTime() - t0) / 1_000_000;
        }

        private String ehloName() {
            // An address literal is always syntactically valid (RFC 5321 §4.1.4), unlike our host name.
            InetAddress local = socket.getLocalAddress();
            if (local instanceof Inet6Address) {
                return "[IPv6:" + local.getHostAddress().replaceAll("%.*$", "") + "]";
            }
            return "[" + local.getHostAddress() + "]";
        }

        /**
         * Closes without waiting: the TCP socket first, so the TLS layer does not send close_notify and wait for
         * the server's answer with the last read timeout (which took a probe one whole step past its deadline).
         * QUIT has already said goodbye where the conversation allowed it.
         */
        private void closeQuietly() {
            closeSocket(rawSocket);
            closeSocket(socket);
        }
    }

    private static void closeSocket(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing left to do with it.
            }
        }
    }

    static String describe(ProbeOutcome o) {
        return switch (o) {
            case ProbeOutcome.Completed c -> "completed";
            case ProbeOutcome.DnsFailed d -> "DNS: " + d.failure().word();
            case ProbeOutcome.Refused r -> "connection refused by " + r.address();
            case ProbeOutcome.ConnectTimedOut t -> "no answer from " + t.address();
            case ProbeOutcome.Unreachable u -> "unreachable " + u.address() + ": " + u.reason();
            case ProbeOutcome.TimedOut t -> "timed out";
            case ProbeOutcome.ConnectionClosed c -> c.reason();
            case ProbeOutcome.GreetingRejected g -> g.reply().toWireText();
            case ProbeOutcome.StartTlsNotOffered s -> "STARTTLS not offered";
            case ProbeOutcome.StartTlsRejected s -> s.reply().toWireText();
            case ProbeOutcome.TlsFailed t -> t.reason();
            case ProbeOutcome.ProtocolViolation p -> p.kind() + ": " + p.evidence();
            case ProbeOutcome.AuthRejected a -> a.mechanism() + ": " + a.reply().toWireText();
            case ProbeOutcome.SenderRejected s -> s.reply().toWireText();
            case ProbeOutcome.CommandRejected c -> c.reply().toWireText();
        };
    }

    /** Cuts server text for evidence; only ever applied to text already masked. */
    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** Fans events out to the recorder and the caller's listener; a throwing listener is ignored. */
    private record Fanout(ProbeListener first, ProbeListener second) implements ProbeListener {
        @Override
        public void stepStarted(Endpoint e, Step s) {
            first.stepStarted(e, s);
            safely(() -> second.stepStarted(e, s));
        }

        @Override
        public void stepSucceeded(Endpoint e, Step s, long ms, String d) {
            first.stepSucceeded(e, s, ms, d);
            safely(() -> second.stepSucceeded(e, s, ms, d));
        }

        @Override
        public void stepFailed(Endpoint e, Step s, long ms, String r) {
            first.stepFailed(e, s, ms, r);
            safely(() -> second.stepFailed(e, s, ms, r));
        }

        @Override
        public void sent(Endpoint e, String line) {
            first.sent(e, line);
            safely(() -> second.sent(e, line));
        }

        @Override
        public void received(Endpoint e, Reply r) {
            first.received(e, r);
            safely(() -> second.received(e, r));
        }

        @Override
        public void note(Endpoint e, String t) {
            first.note(e, t);
            safely(() -> second.note(e, t));
        }

        @Override
        public void tlsEstablished(Endpoint e, String address, TlsObservation o) {
            first.tlsEstablished(e, address, o);
            safely(() -> second.tlsEstablished(e, address, o));
        }

        private static void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // Listeners must not break probes (see ProbeListener).
            }
        }
    }
}
