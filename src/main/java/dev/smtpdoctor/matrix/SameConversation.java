package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.Handover;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.TranscriptEntry;
import dev.smtpdoctor.tls.TlsObservation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a certificate name's probe may go on from the probe that found the name, on the same port
 * ({@link ConnectionRelay}). Pure.
 *
 * <p>Until TLS starts, the name a client typed never appears on the wire: SMTP's greeting, EHLO (which carries
 * our name, not the server's) and STARTTLS are the same bytes whichever name led to the address. So a
 * conversation with the pinned address that ended before any TLS handshake is the name's conversation too, and
 * is not repeated. Once TLS starts, the name goes out as SNI and the server may choose its certificate by it: a
 * connection is continued only when it showed the pinned certificate itself (same address, same fingerprint,
 * trusted chain), which is then judged against the name.
 */
final class SameConversation {

    private SameConversation() {
    }

    /** Whether a connection offered by the presenter's probe is the pinned server showing the pinned certificate. */
    static boolean mayContinue(Handover h, Candidate.Pin pin) {
        TlsObservation tls = h.tls();
        return h.remoteAddress().map(pin.address()::equals).orElse(false) && tls.chainVerdict().trusted()
                && pin.sameCertificate(tls.leaf());
    }

    /**
     * The presenter's result as the result of {@code target} (same port and security, pinned to {@code pinned}),
     * when nothing in it could differ for the name: connected to that address, no TLS handshake begun (nor a second
     * connection's, to tell implicit TLS), no login or sender test made nor left to another probe, and the target
     * would not have sent more (no password in the clear, no sender test without a login; credentials only where the
     * presenter had them too).
     * Empty: probe the target on its own.
     */
    static Optional<ProbeResult> resultFor(ProbeResult presenter, Endpoint target, InetAddress pinned,
                                           boolean targetHasCredentials, boolean targetAllowsPlaintextAuth,
                                           boolean targetHasSender) {
        boolean handshakeBegun = presenter.tls().isPresent() || presenter.steps().stream().map(StepRecord::step)
                .anyMatch(s -> s == Step.TLS_HANDSHAKE || s == Step.STARTTLS_HANDSHAKE);
        // A port found to speak TLS at once was told by a second connection with a handshake (the name as SNI).
        boolean implicitTls = presenter.outcome() instanceof ProbeOutcome.ProtocolViolation v
                && v.kind() == ProbeOutcome.ProtocolViolation.Kind.IMPLICIT_TLS;
        SenderResult.Status sender = presenter.sender().status();
        AuthResult.Status auth = presenter.auth().status();
        if (!presenter.address().flatMap(Matrix::literal).map(pinned::equals).orElse(false) || handshakeBegun
                || implicitTls || presenter.auth().attempted() || auth == AuthResult.Status.DEFERRED
                || sender == SenderResult.Status.ACCEPTED
                || sender == SenderResult.Status.REJECTED
                || targetHasCredentials && (targetAllowsPlaintextAuth || auth == AuthResult.Status.NOT_REQUESTED)
                || targetHasSender && !targetHasCredentials) { // it would test the sender without a login
            return Optional.empty();
        }
        List<TranscriptEntry> transcript = new ArrayList<>();
        transcript.add(new TranscriptEntry(0, TranscriptEntry.Direction.INFO, "same address and port as "
                + presenter.endpoint().host() + ", and this conversation ended before any encryption: nothing in it"
                + " depends on the name, so that probe's conversation is shown, not repeated"));
        transcript.addAll(presenter.transcript());
        return Optional.of(new ProbeResult(target, presenter.outcome(), presenter.address(), presenter.greeting(),
                presenter.greetingMillis(), presenter.ehlo(), presenter.ehloTls(), presenter.tls(),
                targetHasCredentials ? presenter.auth() : AuthResult.of(AuthResult.Status.NOT_REQUESTED),
                targetHasCredentials ? presenter.sender() : SenderResult.notTested(), presenter.totalMillis(),
                presenter.bytesRead(), presenter.steps(), transcript, presenter.deviations(),
                presenter.replyDeviations(), presenter.authInClear(), Optional.of(presenter.endpoint())));
    }
}
