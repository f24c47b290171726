package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.text.UntrustedText;
import java.util.Optional;

/**
 * How a probe ended. Failures are values carrying their evidence, never exceptions: the diagnosis
 * reads them with a switch. Every variant names the step it ended in. Their texts (a reason from the JDK,
 * the evidence a server sent) pass {@link UntrustedText#clean} when the value is made.
 */
public sealed interface ProbeOutcome {

    Step step();

    /** The conversation ran to the end; what AUTH and MAIL FROM showed is on the result. */
    record Completed() implements ProbeOutcome {
        @Override
        public Step step() {
            return Step.QUIT;
        }
    }

    /** The name has no address, or the lookup failed, timed out or was stopped: {@code failure} says which. */
    record DnsFailed(String host, DnsFailure failure) implements ProbeOutcome {
        public DnsFailed {
            host = UntrustedText.clean(host);
            java.util.Objects.requireNonNull(failure, "failure");
        }

        @Override
        public Step step() {
            return Step.RESOLVE;
        }
    }

    /** Every address refused the connection (RST): nothing listens on that port. */
    record Refused(String address) implements ProbeOutcome {
        public Refused {
            address = UntrustedText.clean(address);
        }

        @Override
        public Step step() {
            return Step.CONNECT;
        }
    }

    /** No reply to the connection attempt (packets dropped by a firewall, filter or OP25B). */
    record ConnectTimedOut(String address) implements ProbeOutcome {
        public ConnectTimedOut {
            address = UntrustedText.clean(address);
        }

        @Override
        public Step step() {
            return Step.CONNECT;
        }
    }

    /** The network said there is no route (ICMP unreachable / prohibited). */
    record Unreachable(String address, String reason) implements ProbeOutcome {
        public Unreachable {
            address = UntrustedText.clean(address);
            reason = UntrustedText.clean(reason);
        }

        @Override
        public Step step() {
            return Step.CONNECT;
        }
    }

    /** Connected, but the server did not answer in time during {@code step}. */
    record TimedOut(Step step) implements ProbeOutcome {
    }

    /** The server closed or reset the connection during {@code step}. */
    record ConnectionClosed(Step step, String reason) implements ProbeOutcome {
        public ConnectionClosed {
            reason = UntrustedText.clean(reason);
        }
    }

    /** The greeting was a refusal (554, or 421 "busy"): the server does not want to talk to us. */
    record GreetingRejected(Reply reply) implements ProbeOutcome {
        @Override
        public Step step() {
            return Step.GREETING;
        }
    }

    /** Security "tls" was asked for but EHLO did not announce STARTTLS. */
    record StartTlsNotOffered() implements ProbeOutcome {
        @Override
        public Step step() {
            return Step.EHLO;
        }
    }

    /** STARTTLS was refused (454 TLS not available, 5xx). */
    record StartTlsRejected(Reply reply) implements ProbeOutcome {
        @Override
        public Step step() {
            return Step.STARTTLS;
        }
    }

    /**
     * The TLS handshake failed. {@code plaintextReply} is true when the server answered the ClientHello
     * with readable text, i.e. it speaks plain SMTP on a port where implicit TLS was expected.
     * {@code obsoleteProtocol} names the version ({@code TLSv1}, {@code TLSv1.1}) a credential-free diagnostic
     * handshake on a second connection completed with, when the server speaks nothing newer (RFC 8996).
     */
    record TlsFailed(Step step, String reason, boolean plaintextReply, Optional<String> obsoleteProtocol)
            implements ProbeOutcome {
        public TlsFailed {
            reason = UntrustedText.clean(reason);
            obsoleteProtocol = obsoleteProtocol.map(UntrustedText::clean);
        }

        public TlsFailed(Step step, String reason, boolean plaintextReply) {
            this(step, reason, plaintextReply, Optional.empty());
        }

        /** The same failure, with the obsolete version the server speaks. */
        public TlsFailed withObsoleteProtocol(String protocol) {
            return new TlsFailed(step, reason, plaintextReply, Optional.of(protocol));
        }

        /**
         * Whether the failure may be the JDK refusing the version the server chose (alert protocol_version, or
         * "not accepted by client preferences"): worth a diagnostic handshake that also offers TLS 1.0/1.1.
         */
        public boolean maybeObsoleteVersion() {
            String r = reason.toLowerCase(java.util.Locale.ROOT);
            return !plaintextReply && (r.contains("protocol_version") || r.contains("protocol version")
                    || r.contains("client preferences"));
        }
    }

    /** The server broke the protocol in a way the conversation cannot continue from. */
    record ProtocolViolation(Step step, Kind kind, String evidence) implements ProbeOutcome {
        public ProtocolViolation {
            evidence = UntrustedText.clean(evidence);
        }

        public enum Kind {
            /** A line that is not an SMTP reply (garbage, or TLS bytes on a plaintext connection). */
            NOT_A_REPLY,
            /** A multi-line reply longer than the line limit. */
            REPLY_TOO_LONG,
            /** More bytes than one probe may read. */
            TOO_MUCH_DATA,
            /** A reply code that makes no sense at this point (e.g. 354 to EHLO). */
            UNEXPECTED_REPLY,
            /** Bytes arrived after the 220 to STARTTLS, before the handshake (STARTTLS command injection). */
            DATA_AFTER_STARTTLS,
            /** An AUTH challenge that is not base64. */
            BAD_AUTH_CHALLENGE,
            /**
             * No greeting, and a second connection completed a TLS handshake at once: the port speaks implicit TLS
             * (choose SSL), where a greeting was expected.
             */
            IMPLICIT_TLS
        }
    }

    /** AUTH was refused: 535 bad credentials, 534 mechanism too weak, 538 encryption required, 454... */
    record AuthRejected(String mechanism, Reply reply) implements ProbeOutcome {
        public AuthRejected {
            mechanism = UntrustedText.clean(mechanism);
        }

        @Override
        public Step step() {
            return Step.AUTH;
        }
    }

    /**
     * {@code MAIL FROM}, or {@code RCPT TO} the same address, was refused: typically 553/550 "sender not
     * owned by user", or 530 authentication required.
     */
    record SenderRejected(Reply reply) implements ProbeOutcome {
        @Override
        public Step step() {
            return Step.MAIL_FROM;
        }
    }

    /**
     * A bug of ours, not the server's: an unexpected exception ended the probe during {@code step}. Only the
     * exception's class name is kept — its message may hold anything, the password included.
     */
    record InternalError(Step step, String exceptionClass) implements ProbeOutcome {
        public InternalError {
            exceptionClass = UntrustedText.clean(exceptionClass);
        }
    }

    /** A command was refused in a way that ends the probe (e.g. 421 closing, EHLO and HELO both refused). */
    record CommandRejected(Step step, Reply reply) implements ProbeOutcome {
    }
}
