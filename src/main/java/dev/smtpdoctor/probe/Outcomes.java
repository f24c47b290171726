package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.probe.ProbeOutcome.ProtocolViolation.Kind;
import dev.smtpdoctor.smtp.MalformedReplyException;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.smtp.ReadLimitExceededException;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/**
 * Where exceptions become {@link ProbeOutcome}s: what a failed step, a failed connection and a failed handshake
 * mean, including the JDK's (JSSE's) English message texts we must match. Everything taken from a message is
 * masked first ({@link SecretMask}); the outcome's constructor makes it printable.
 */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * A step that ended by an exception: our deadline, too much data, a line that is not a reply, the server
     * closing. {@code probeDeadline} tells a cut made by our own deadline (or the check interrupting the probe)
     * from the server hanging up.
     */
    static ProbeOutcome stepFailure(Step step, Exception e, SecretMask mask, Deadline probeDeadline) {
        return switch (e) {
            case SocketTimeoutException t -> new ProbeOutcome.TimedOut(step);
            case ReadLimitExceededException r -> new ProbeOutcome.ProtocolViolation(step, Kind.TOO_MUCH_DATA, r.getMessage());
            case MalformedReplyException m -> switch (m.kind()) {
                // The evidence is the server's line itself: it may echo the credentials like a reply.
                // Masked before it is cut, so the cut cannot leave part of an echo.
                case NOT_A_REPLY -> new ProbeOutcome.ProtocolViolation(step, Kind.NOT_A_REPLY,
                        abbreviate(m.truncated() ? mask.cutText(m.evidence()) : mask.text(m.evidence())));
                case TOO_MANY_LINES -> new ProbeOutcome.ProtocolViolation(step, Kind.REPLY_TOO_LONG, m.evidence());
                case NO_REPLY -> new ProbeOutcome.ConnectionClosed(step, "connection closed by server");
            };
            // Cut short by our own deadline (the check interrupts the probes still running when it ends): ours,
            // not the server closing.
            case IOException io when Thread.currentThread().isInterrupted() || probeDeadline.expired() ->
                    new ProbeOutcome.TimedOut(step);
            case EOFException eof -> new ProbeOutcome.ConnectionClosed(step, "connection closed by server");
            default -> new ProbeOutcome.ConnectionClosed(step, mask.text(String.valueOf(e.getMessage())));
        };
    }

    /** One address that could not be connected to: no answer (filtered), refused (RST), or unreachable. */
    static ProbeOutcome connectFailure(String address, IOException e) {
        return switch (e) {
            case SocketTimeoutException t -> new ProbeOutcome.ConnectTimedOut(address);
            case ConnectException c -> new ProbeOutcome.Refused(address);
            // NoRouteToHostException (ICMP unreachable / prohibited) and anything else the network said.
            default -> new ProbeOutcome.Unreachable(address, String.valueOf(e.getMessage()));
        };
    }

    /**
     * A failed TLS handshake: our deadline, or the handshake's own failure; a server that answered the
     * ClientHello in plain text is recognised from JSSE's message texts (plain SMTP where TLS was expected).
     */
    static ProbeOutcome handshakeFailure(Step step, TlsHandshaker.HandshakeFailedException e, Deadline deadline,
            SecretMask mask) {
        if (e.getCause() instanceof SocketTimeoutException || deadline.expired()) {
            return new ProbeOutcome.TimedOut(step);
        }
        String reason = mask.text(String.valueOf(e.getMessage()));
        boolean plaintext = reason.contains("Unsupported or unrecognized SSL message")
                || reason.contains("plaintext connection");
        return new ProbeOutcome.TlsFailed(step, reason, plaintext);
    }

    /**
     * A 2xx or 3xx other than 250 to EHLO or HELO is no refusal: the conversation is out of step (a greeting
     * sent twice makes every reply one behind) or the server is broken. Either way it cannot go on.
     */
    static void unexpectedUnlessRefusal(Step step, Reply r) throws Abort {
        if (r.isPositiveCompletion() || r.isPositiveIntermediate()) {
            throw new Abort(new ProbeOutcome.ProtocolViolation(step, Kind.UNEXPECTED_REPLY,
                    abbreviate(r.toWireText())), false);
        }
    }

    /** A bug of ours, not the server's: still a value, with the class name but no message (it may hold secrets). */
    static ProbeOutcome internalError(Step step, RuntimeException e) {
        return new ProbeOutcome.InternalError(step, e.getClass().getSimpleName());
    }

    /** One line for a step record and the transcript. */
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
            case ProbeOutcome.InternalError e -> "internal error: " + e.exceptionClass();
        };
    }

    /** Cuts server text for evidence; only ever applied to text already masked. */
    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
