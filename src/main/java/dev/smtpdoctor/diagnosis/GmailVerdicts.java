package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.diagnosis.GmailVerdict.Choice;
import dev.smtpdoctor.diagnosis.GmailVerdict.Status;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the Gmail verdict table: replays each probe the way Gmail's dialog would judge it. Pure.
 *
 * <p>Gmail stops at the first problem: connection, then (SSL/TLS modes) STARTTLS and the certificate, then
 * login. The certificate check comes before login, so a probe that withheld the password from an unverified
 * certificate still tells exactly what Gmail would say.
 */
final class GmailVerdicts {

    private GmailVerdicts() {
    }

    static List<GmailVerdict> table(CheckView m, List<Finding> findings) {
        if (m.subject().isEmpty()) {
            return List.of();
        }
        String host = m.subject().get();
        List<GmailVerdict> out = new ArrayList<>();
        for (Choice c : GmailVerdict.CHOICES) {
            out.add(m.find(host, c.port(), c.security())
                    .map(p -> withCaveats(m, findings, fromProbe(m, p)))
                    .orElseGet(() -> inferred(m, host, c)));
        }
        return out;
    }

    private static GmailVerdict fromProbe(CheckView m, CandidateProbe p) {
        ProbeResult r = p.result();
        Observations o = m.observations();
        V v = new V(r);
        ProbeOutcome outcome = r.outcome();
        if (m.modeMismatch(r)) {
            return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SECURITY_MODE_MISMATCH);
        }
        switch (outcome) {
            case ProbeOutcome.InternalError x -> {
                // A bug of ours ended this probe: it says nothing about what Gmail would see.
                return v.notTested(FindingCode.INTERNAL_ERROR);
            }
            case ProbeOutcome.DnsFailed d -> {
                return dnsFailed(v, d);
            }
            case ProbeOutcome.Refused x -> {
                return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECT_REFUSED);
            }
            case ProbeOutcome.ConnectTimedOut x -> {
                if (r.endpoint().port() == 25 && m.port25BlockedLocally(r.endpoint().host())) {
                    return v.notTested(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY);
                }
                return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECT_TIMEOUT);
            }
            case ProbeOutcome.Unreachable x -> {
                // The network here said there is no route: Google's servers take another route.
                return v.notTested(FindingCode.NETWORK_UNREACHABLE);
            }
            case ProbeOutcome.GreetingRejected g -> {
                return v.reply(g.reply()).fails(KnownMessage.SERVER_RETURNED_ERROR, false,
                        FindingCode.GREETING_REJECTED);
            }
            case ProbeOutcome.StartTlsNotOffered x -> {
                return v.fails(KnownMessage.STARTTLS_ENFORCEMENT, true, FindingCode.STARTTLS_NOT_OFFERED);
            }
            case ProbeOutcome.StartTlsRejected s -> {
                return v.reply(s.reply()).fails(KnownMessage.SERVER_RETURNED_ERROR, false,
                        FindingCode.STARTTLS_REJECTED);
            }
            default -> {
            }
        }
        // Past the handshake: Gmail checks the certificate before anything else in SSL and TLS modes.
        if (r.endpoint().security().encrypted() && r.tls().isPresent() && !r.tls().get().verified()) {
            return certificate(v, r.tls().get());
        }
        switch (outcome) {
            case ProbeOutcome.TlsFailed t -> {
                // Only TLS 1.0/1.1: RFC 8996 forbids them; not a route to count on (Gmail's own message unknown).
                return v.fails(null, false, t.obsoleteProtocol().isPresent()
                        ? FindingCode.TLS_PROTOCOL_OBSOLETE : FindingCode.TLS_HANDSHAKE_FAILED);
            }
            case ProbeOutcome.TimedOut t -> {
                return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SERVER_TIMEOUT);
            }
            case ProbeOutcome.ConnectionClosed c -> {
                return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECTION_CLOSED);
            }
            case ProbeOutcome.ProtocolViolation x -> {
                return v.fails(null, false, FindingCode.PROTOCOL_VIOLATION);
            }
            case ProbeOutcome.CommandRejected c -> {
                return v.reply(c.reply()).fails(KnownMessage.SERVER_RETURNED_ERROR, false,
                        FindingCode.COMMAND_REJECTED);
            }
            case ProbeOutcome.AuthRejected a -> {
                return authRejected(v, r, a.reply());
            }
            default -> {
            }
        }
        // Gmail always logs in: a server without usable AUTH fails whatever the password.
        Usability.Login login = Usability.login(o, p);
        if (login == Usability.Login.FAILED) {
            if (r.auth().status() == AuthResult.Status.DEFERRED || Usability.refusedOnSameServer(o, p)) {
                Optional<CandidateProbe> a = Usability.authenticator(o, p);
                if (a.isPresent() && a.get().result().auth().reply().isPresent()) {
                    return authRejected(v, r, a.get().result().auth().reply().get());
                }
            }
            return v.fails(null, false, authMissingCause(m, r));
        }
        if (Usability.senderRejected(o, p)) {
            // Gmail's dialog does not test the sender: it would accept these settings, and every message
            // would come back later as Gmail's "Send mail as" bounce quoting the server's refusal.
            Optional<Reply> reply = r.sender().reply().filter(x -> r.auth().status() == AuthResult.Status.ACCEPTED)
                    .or(() -> Usability.authenticator(o, p).flatMap(a -> a.result().sender().reply()));
            reply.ifPresent(v::reply);
            return v.fails(KnownMessage.SEND_AS_BOUNCE, false, FindingCode.SENDER_NOT_OWNED);
        }
        if (!Usability.ranToEnd(r)) {
            return v.fails(null, false, FindingCode.PROTOCOL_VIOLATION);
        }
        return v.works(login == Usability.Login.VERIFIED);
    }

    /**
     * A name that does not exist fails for Gmail too; a lookup that failed here (no answer, SERVFAIL, no resolver
     * reachable, stopped) learnt nothing about the name: no Gmail message, only "could not check from here".
     */
    private static GmailVerdict dnsFailed(V v, ProbeOutcome.DnsFailed d) {
        if (d.failure().lookupIncomplete()) {
            return v.notTested(FindingCode.DNS_LOOKUP_FAILED);
        }
        return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, RuleSupport.dnsCode(d));
    }

    /**
     * Gmail's verdict on the certificate of {@code r} alone — what {@link #table} says for a probe whose
     * certificate fails — for any port, also one Gmail's dialog does not list; empty when it passes.
     */
    static Optional<GmailVerdict> certificateOnly(ProbeResult r) {
        if (!r.endpoint().security().encrypted() || r.tls().isEmpty() || r.tls().get().verified()) {
            return Optional.empty();
        }
        return Optional.of(certificate(new V(r), r.tls().get()));
    }

    private static GmailVerdict certificate(V v, TlsObservation t) {
        if (!t.nameVerdict().matches()) {
            return v.fails(KnownMessage.CERTIFICATE_DOESNT_MATCH, true, FindingCode.TLS_NAME_MISMATCH);
        }
        ChainVerdict.Status s = t.chainVerdict().status();
        if (s == ChainVerdict.Status.EXPIRED) {
            // That Gmail shows the same text for an expired certificate is reported once, not confirmed.
            return v.fails(KnownMessage.CERTIFICATE_DOESNT_MATCH, false, FindingCode.TLS_EXPIRED);
        }
        return v.fails(KnownMessage.CERTIFICATE_DOESNT_MATCH, s == ChainVerdict.Status.SELF_SIGNED
                || s == ChainVerdict.Status.UNTRUSTED, FindingCode.TLS_UNTRUSTED_CHAIN);
    }

    private static GmailVerdict authRejected(V v, ProbeResult r, Reply reply) {
        v.reply(reply);
        if (reply.code() == 530 || reply.code() == 538) {
            return v.fails(KnownMessage.SERVER_RETURNED_ERROR, false, FindingCode.AUTH_REQUIRES_TLS);
        }
        if (RuleSupport.mechanismRejection(reply)) {
            return v.fails(KnownMessage.SERVER_RETURNED_ERROR, false, FindingCode.AUTH_MECHANISM_UNSUPPORTED);
        }
        // E3's wording is confirmed with a 535 reply; for other refusals it is the likely frame.
        return v.fails(KnownMessage.AUTHENTICATION_FAILED, reply.code() == 535, FindingCode.AUTH_FAILED);
    }

    private static FindingCode authMissingCause(CheckView m, ProbeResult r) {
        if (r.auth().status() == AuthResult.Status.NO_SUPPORTED_MECHANISM
                || r.effectiveCapabilities().map(c -> c.authAdvertised()).orElse(false)) {
            return FindingCode.AUTH_MECHANISM_UNSUPPORTED;
        }
        boolean tlsDemanded = r.outcome() instanceof ProbeOutcome.SenderRejected s && AuthRequiresTlsRule.asksForTls(s.reply());
        if (!r.endpoint().security().encrypted()
                && (tlsDemanded || RuleSupport.authOnlyAfterTls(m, r.endpoint().host(), r.endpoint().port()))) {
            return FindingCode.AUTH_REQUIRES_TLS;
        }
        return FindingCode.AUTH_NOT_OFFERED;
    }

    /** A choice no probe ran: judged from what the same port showed in another mode, when that decides it. */
    private static GmailVerdict inferred(CheckView m, String host, Choice c) {
        V v = new V(host, c.port(), c.security()).inferred();
        List<ProbeResult> samePort = m.onHost(host).stream().map(CandidateProbe::result)
                .filter(r -> r.endpoint().port() == c.port()).toList();
        for (ProbeResult r : samePort) {
            if (!CheckView.connected(r)) {
                return switch (r.outcome()) {
                    case ProbeOutcome.DnsFailed d -> dnsFailed(v, d);
                    case ProbeOutcome.Refused x ->
                            v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECT_REFUSED);
                    case ProbeOutcome.Unreachable x -> v.notTested(FindingCode.NETWORK_UNREACHABLE);
                    case ProbeOutcome.InternalError x -> v.notTested(FindingCode.INTERNAL_ERROR);
                    default -> c.port() == 25 && m.port25BlockedLocally(host)
                            ? v.notTested(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY)
                            : v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.CONNECT_TIMEOUT);
                };
            }
        }
        if (c.security() == Security.SSL && m.speaksPlain(host, c.port())) {
            return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SECURITY_MODE_MISMATCH);
        }
        if (c.security() != Security.SSL && m.speaksImplicitTls(host, c.port())) {
            return v.fails(KnownMessage.COULDNT_REACH_SERVER, false, FindingCode.SECURITY_MODE_MISMATCH);
        }
        return new V(host, c.port(), c.security()).notTested(null);
    }

    /**
     * Why Gmail may see something else than this run did — for cells that work here; a failure such as a
     * wrong certificate name is the same from everywhere.
     */
    private static GmailVerdict withCaveats(CheckView m, List<Finding> findings, GmailVerdict v) {
        if (v.status() != Status.WORKS) {
            return v;
        }
        Set<FindingCode> caveats = new LinkedHashSet<>();
        m.find(v.host(), v.port(), v.security()).ifPresent(p -> {
            if (p.result().greeting().isPresent() && p.result().greetingMillis() > RuleSupport.GMAIL_PATIENCE_MILLIS) {
                caveats.add(FindingCode.GREETING_DELAYED);
            }
        });
        for (Finding f : findings) {
            if (f.code() == FindingCode.PROVIDER_FOREIGN_IP_FILTER
                    || f.code() == FindingCode.PROVIDER_PASSWORD_AUTH_ENDING) {
                caveats.add(f.code());
            }
        }
        return new GmailVerdict(v.host(), v.port(), v.security(), v.status(), v.message(), v.verbatim(),
                v.serverReply(), v.cause(), v.inferred(), v.loginVerified(), List.copyOf(caveats));
    }

    /** A small builder so each branch above reads as one line. */
    private static final class V {
        private final String host;
        private final int port;
        private final Security security;
        private boolean inferred;
        private Optional<String> reply = Optional.empty();

        V(ProbeResult r) {
            this(r.endpoint().host(), r.endpoint().port(), r.endpoint().security());
        }

        V(String host, int port, Security security) {
            this.host = host;
            this.port = port;
            this.security = security;
        }

        V inferred() {
            inferred = true;
            return this;
        }

        V reply(Reply r) {
            reply = Optional.of(RuleSupport.oneLine(r));
            return this;
        }

        GmailVerdict fails(KnownMessage message, boolean verbatim, FindingCode cause) {
            return new GmailVerdict(host, port, security, Status.FAILS, Optional.ofNullable(message),
                    message != null && verbatim && message.verbatim(), reply, Optional.of(cause), inferred, false,
                    List.of());
        }

        GmailVerdict notTested(FindingCode cause) {
            return new GmailVerdict(host, port, security, Status.NOT_TESTED, Optional.empty(), false, reply,
                    Optional.ofNullable(cause), inferred, false, List.of());
        }

        GmailVerdict works(boolean loginVerified) {
            return new GmailVerdict(host, port, security, Status.WORKS, Optional.empty(), false, Optional.empty(),
                    Optional.empty(), inferred, loginVerified, List.of());
        }
    }
}
