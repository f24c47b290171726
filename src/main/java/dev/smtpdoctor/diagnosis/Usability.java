package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Security;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.smtp.Capabilities;
import java.util.Optional;

/**
 * Whether one probe shows a configuration Gmail could use: the questions the recommendation, the Gmail
 * verdicts and several rules all ask, answered in one place. Pure.
 *
 * <p>One AUTH attempt is made per server per run, so a probe may carry {@link AuthResult.Status#DEFERRED}:
 * the answer then comes from the probe of the same host or the same address that made the attempt.
 */
final class Usability {

    /** Ports in Gmail's drop-down. */
    static boolean gmailPort(int port) {
        return port == 25 || port == 465 || port == 587;
    }

    /** What is known about logging in through this probe. */
    enum Login {
        /** 235, here or on the probe of the same server that made the attempt. */
        VERIFIED,
        /** No attempt could tell (no credentials, withheld, not reached). */
        NOT_TESTED,
        /** Refused, or the server offers no usable AUTH: Gmail cannot log in. */
        FAILED
    }

    private Usability() {
    }

    static Login login(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        return switch (r.auth().status()) {
            case ACCEPTED -> Login.VERIFIED;
            case REJECTED, NOT_OFFERED, NO_SUPPORTED_MECHANISM -> Login.FAILED;
            case DEFERRED -> authenticator(o, p).map(a -> switch (a.result().auth().status()) {
                case ACCEPTED -> Login.VERIFIED;
                case REJECTED -> credentialRejection(a.result()) ? Login.FAILED : Login.NOT_TESTED;
                default -> Login.NOT_TESTED;
            }).orElse(Login.NOT_TESTED);
            case NOT_REQUESTED, WITHHELD_PLAINTEXT -> r.completed() && !authUsable(r) ? Login.FAILED : Login.NOT_TESTED;
            case WITHHELD_UNVERIFIED_CERTIFICATE, NOT_REACHED -> Login.NOT_TESTED;
        };
    }

    /**
     * The probe of the same server (same host, or same address) that made the AUTH attempt, an accepted one
     * first. Empty when no other probe attempted.
     */
    static Optional<CandidateProbe> authenticator(Observations o, CandidateProbe p) {
        CandidateProbe rejected = null;
        for (CandidateProbe other : o.probes()) {
            if (other == p || !other.result().auth().attempted() || !sameServer(p.result(), other.result())) {
                continue;
            }
            if (other.result().auth().status() == AuthResult.Status.ACCEPTED) {
                return Optional.of(other);
            }
            if (rejected == null) {
                rejected = other;
            }
        }
        return Optional.ofNullable(rejected);
    }

    static boolean sameServer(ProbeResult a, ProbeResult b) {
        if (a.endpoint().host().equalsIgnoreCase(b.endpoint().host())) {
            return true;
        }
        return a.address().isPresent() && a.address().equals(b.address());
    }

    /**
     * A refusal that says the credentials are wrong for this account — unlike 530/538, which only say "not
     * without TLS", and which another connection with TLS would not get.
     */
    static boolean credentialRejection(ProbeResult r) {
        return r.auth().status() == AuthResult.Status.REJECTED && r.auth().reply()
                .map(x -> x.code() != 530 && x.code() != 538 && x.code() != 504).orElse(true);
    }

    /** The capabilities in force when AUTH would be sent announce AUTH with a mechanism Gmail can use. */
    static boolean authUsable(ProbeResult r) {
        return r.effectiveCapabilities().map(c -> c.authAdvertised() && c.preferredAuthMechanism().isPresent())
                .orElse(false);
    }

    static boolean authAdvertised(Optional<Capabilities> caps) {
        return caps.map(Capabilities::authAdvertised).orElse(false);
    }

    static boolean senderRejected(Observations o, CandidateProbe p) {
        if (p.result().sender().status() == SenderResult.Status.REJECTED) {
            return true;
        }
        return p.result().auth().status() == AuthResult.Status.DEFERRED && authenticator(o, p)
                .map(a -> a.result().sender().status() == SenderResult.Status.REJECTED).orElse(false);
    }

    static boolean senderVerified(Observations o, CandidateProbe p) {
        if (p.result().sender().status() == SenderResult.Status.ACCEPTED) {
            return true;
        }
        return p.result().auth().status() == AuthResult.Status.DEFERRED && authenticator(o, p)
                .map(a -> a.result().sender().status() == SenderResult.Status.ACCEPTED).orElse(false);
    }

    /** Credentials were given, so a server that may receive them must have accepted them. */
    private static boolean loginGood(Observations o, CandidateProbe p, Login login) {
        if (login == Login.FAILED) {
            return false;
        }
        boolean mustVerify = o.settings().hasPassword() && p.credentialsAllowed();
        return !mustVerify || login == Login.VERIFIED;
    }

    /** Works in Gmail's SSL or TLS mode: ran to the end with a certificate Gmail accepts, login and sender fine. */
    static boolean secureWorks(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        Security s = r.endpoint().security();
        return r.completed() && s.encrypted() && gmailPort(r.endpoint().port())
                && r.tls().map(t -> t.verified()).orElse(false)
                && loginGood(o, p, login(o, p)) && !senderRejected(o, p);
    }

    /**
     * Works in Gmail's "Unsecured connection" mode (port 25 only). Login may be untested because the
     * password is not sent without TLS unless the user allowed it.
     */
    static boolean insecureWorks(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        if (!r.completed() || r.endpoint().security() != Security.NONE || r.endpoint().port() != 25) {
            return false;
        }
        Login login = login(o, p);
        boolean loginOk = r.auth().status() == AuthResult.Status.WITHHELD_PLAINTEXT
                ? login != Login.FAILED : loginGood(o, p, login);
        return loginOk && !senderRejected(o, p);
    }

    static boolean works(Observations o, CandidateProbe p) {
        return secureWorks(o, p) || insecureWorks(o, p);
    }
}
