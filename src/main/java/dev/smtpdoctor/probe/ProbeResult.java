package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.List;
import java.util.Optional;

/**
 * Everything one probe observed, immutable. The diagnosis reads only this.
 *
 * @param address          the address connected to, when a connection was made
 * @param greeting         the final greeting reply
 * @param greetingMillis   from connection (or implicit TLS handshake) to the greeting's final line
 * @param ehlo             capabilities before TLS (for ssl: inside TLS, there is no "before")
 * @param ehloTls          capabilities after STARTTLS
 * @param tls              the handshake, also when it failed after the certificate arrived
 * @param deviations       true when any reply broke the protocol's letter (details in the transcript)
 * @param replyDeviations  which ways replies broke it, in order of first appearance, without repeats;
 *                         never empty when {@code deviations} was set by the prober
 * @param authInClear      the reply to {@code AUTH} sent without any credential on an unencrypted connection and
 *                         cancelled with {@code *} (RFC 4954 §4): 538/530 — the server wants TLS first; 334 — it
 *                         would take a password in clear text. Not a login attempt; at most one per server and check
 * @param continuedFrom    in a check, the probe of the same server and port whose connection this one went on over
 *                         (or whose conversation, ended before any encryption, was this one's too); its steps and
 *                         transcript begin with that probe's. Empty when the probe opened its own connection
 */
public record ProbeResult(Endpoint endpoint, ProbeOutcome outcome, Optional<String> address,
                          Optional<Reply> greeting, long greetingMillis,
                          Optional<Capabilities> ehlo, Optional<Capabilities> ehloTls, Optional<TlsObservation> tls,
                          AuthResult auth, SenderResult sender, long totalMillis, long bytesRead,
                          List<StepRecord> steps, List<TranscriptEntry> transcript, boolean deviations,
                          List<Deviation> replyDeviations, Optional<Reply> authInClear,
                          Optional<Endpoint> continuedFrom) {

    /** A probe that opened its own connection. */
    public ProbeResult(Endpoint endpoint, ProbeOutcome outcome, Optional<String> address,
                       Optional<Reply> greeting, long greetingMillis,
                       Optional<Capabilities> ehlo, Optional<Capabilities> ehloTls, Optional<TlsObservation> tls,
                       AuthResult auth, SenderResult sender, long totalMillis, long bytesRead,
                       List<StepRecord> steps, List<TranscriptEntry> transcript, boolean deviations,
                       List<Deviation> replyDeviations, Optional<Reply> authInClear) {
        this(endpoint, outcome, address, greeting, greetingMillis, ehlo, ehloTls, tls, auth, sender, totalMillis,
                bytesRead, steps, transcript, deviations, replyDeviations, authInClear, Optional.empty());
    }

    public ProbeResult {
        steps = List.copyOf(steps);
        transcript = List.copyOf(transcript);
        replyDeviations = List.copyOf(replyDeviations);
        deviations |= !replyDeviations.isEmpty();
    }

    /** Without a cancelled AUTH in the clear (hand-made results). */
    public ProbeResult(Endpoint endpoint, ProbeOutcome outcome, Optional<String> address,
                       Optional<Reply> greeting, long greetingMillis,
                       Optional<Capabilities> ehlo, Optional<Capabilities> ehloTls, Optional<TlsObservation> tls,
                       AuthResult auth, SenderResult sender, long totalMillis, long bytesRead,
                       List<StepRecord> steps, List<TranscriptEntry> transcript, boolean deviations,
                       List<Deviation> replyDeviations) {
        this(endpoint, outcome, address, greeting, greetingMillis, ehlo, ehloTls, tls, auth, sender, totalMillis,
                bytesRead, steps, transcript, deviations, replyDeviations, Optional.empty());
    }

    /** Without the kinds of deviation (hand-made results). */
    public ProbeResult(Endpoint endpoint, ProbeOutcome outcome, Optional<String> address,
                       Optional<Reply> greeting, long greetingMillis,
                       Optional<Capabilities> ehlo, Optional<Capabilities> ehloTls, Optional<TlsObservation> tls,
                       AuthResult auth, SenderResult sender, long totalMillis, long bytesRead,
                       List<StepRecord> steps, List<TranscriptEntry> transcript, boolean deviations) {
        this(endpoint, outcome, address, greeting, greetingMillis, ehlo, ehloTls, tls, auth, sender, totalMillis,
                bytesRead, steps, transcript, deviations, List.of());
    }

    public boolean completed() {
        return outcome instanceof ProbeOutcome.Completed;
    }

    /** Whether the session ran encrypted up to the end (TLS handshake done). */
    public boolean encrypted() {
        return tls.isPresent() && !(outcome instanceof ProbeOutcome.TlsFailed);
    }

    /** The capabilities that applied when AUTH would be sent: after TLS when there was TLS. */
    public Optional<Capabilities> effectiveCapabilities() {
        return ehloTls.isPresent() ? ehloTls : ehlo;
    }
}
