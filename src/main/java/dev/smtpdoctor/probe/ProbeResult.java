package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.Capabilities;
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
 */
public record ProbeResult(Endpoint endpoint, ProbeOutcome outcome, Optional<String> address,
                          Optional<Reply> greeting, long greetingMillis,
                          Optional<Capabilities> ehlo, Optional<Capabilities> ehloTls, Optional<TlsObservation> tls,
                          AuthResult auth, SenderResult sender, long totalMillis, long bytesRead,
                          List<StepRecord> steps, List<TranscriptEntry> transcript, boolean deviations) {

    public ProbeResult {
        steps = List.copyOf(steps);
        transcript = List.copyOf(transcript);
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
