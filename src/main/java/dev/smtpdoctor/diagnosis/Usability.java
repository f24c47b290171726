package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
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
        if (refusedOnSameServer(o, p)) {
            return Login.FAILED;
        }
        return switch (r.auth().status()) {
            case ACCEPTED -> Login.VERIFIED;
            case REJECTED, NOT_OFFERED, NO_SUPPORTED_MECHANISM -> Login.FAILED;
            case DEFERRED -> authenticator(o, p).map(a -> switch (a.result().auth().status()) {
                case ACCEPTED -> Login.VERIFIED;
                case REJECTED -> credentialRejection(a.result()) ? Login.FAILED : Login.NOT_TESTED;
                default -> Login.NOT_TESTED;
            }).orElse(Login.NOT_TESTED);
            case NOT_REQUESTED, WITHHELD_PLAINTEXT -> authCapabilitiesKnown(r) && !authUsable(r)
                    ? Login.FAILED : Login.NOT_TESTED;
            case WITHHELD_UNVERIFIED_CERTIFICATE, NOT_REACHED -> Login.NOT_TESTED;
        };
    }

    /**
     * The password was withheld here (no TLS, no consent) but refused as wrong by the probe of the same server
     * that made the attempt: the server checks the same account whatever the port, so Gmail's "Unsecured
     * connection" login would be refused too. Without this, a wrong password made the untested port-25 route
     * look like the only one that works.
     */
    static boolean refusedOnSameServer(Observations o, CandidateProbe p) {
        return p.result().auth().status() == AuthResult.Status.WITHHELD_PLAINTEXT
                && authenticator(o, p).map(a -> credentialRejection(a.result())).orElse(false);
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

    /** The probe saw the EHLO that AUTH would follow (inside TLS for STARTTLS probes). */
    static boolean authCapabilitiesKnown(ProbeResult r) {
        return r.endpoint().security() == Security.TLS ? r.ehloTls().isPresent() : r.ehlo().isPresent();
    }

    static boolean authAdvertised(Optional<Capabilities> caps) {
        return caps.map(Capabilities::authAdvertised).orElse(false);
    }

    /**
     * MAIL FROM was refused after a successful login, here or on the probe of the same server that made
     * the attempt. A refusal without login proves nothing about the address ("log in first").
     */
    static boolean senderRejected(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        if (r.sender().status() == SenderResult.Status.REJECTED && r.auth().status() == AuthResult.Status.ACCEPTED) {
            return true;
        }
        // A probe that withheld the password would reach MAIL FROM logged in as the same account: same answer.
        AuthResult.Status own = r.auth().status();
        return (own == AuthResult.Status.DEFERRED || own == AuthResult.Status.WITHHELD_PLAINTEXT) && authenticator(o, p)
                .map(a -> a.result().auth().status() == AuthResult.Status.ACCEPTED
                        && a.result().sender().status() == SenderResult.Status.REJECTED).orElse(false);
    }

    static boolean senderVerified(Observations o, CandidateProbe p) {
        // Only an accepted MAIL FROM after this account logged in says the account may send as the address;
        // without a login an MX happily accepts its own domain's address.
        if (p.result().sender().status() == SenderResult.Status.ACCEPTED
                && p.result().auth().status() == AuthResult.Status.ACCEPTED) {
            return true;
        }
        return p.result().auth().status() == AuthResult.Status.DEFERRED && authenticator(o, p)
                .map(a -> a.result().sender().status() == SenderResult.Status.ACCEPTED).orElse(false);
    }

    /**
     * The conversation went as far as Gmail's does: to the end, or to a MAIL FROM refused because this probe
     * did not log in (Gmail always logs in first).
     */
    static boolean ranToEnd(ProbeResult r) {
        return r.completed() || r.outcome() instanceof ProbeOutcome.SenderRejected
                && r.auth().status() != AuthResult.Status.ACCEPTED;
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
        return p.sameCertificate() && ranToEnd(r) && s.encrypted() && gmailPort(r.endpoint().port())
                && r.tls().map(t -> t.verified()).orElse(false)
                && loginGood(o, p, login(o, p)) && !senderRejected(o, p);
    }

    /**
     * A secure route was seen here: like {@link #secureWorks}, but a login that could not be tested (the password
     * was not allowed here, or never reached this probe) does not count against it — only a refused one does.
     */
    static boolean secureSeen(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        return p.sameCertificate() && ranToEnd(r) && r.endpoint().security().encrypted() && gmailPort(r.endpoint().port())
                && r.tls().map(t -> t.verified()).orElse(false)
                && login(o, p) != Login.FAILED && !senderRejected(o, p);
    }

    /**
     * Works in Gmail's "Unsecured connection" mode (port 25 only). Login may be untested because the
     * password is not sent without TLS unless the user allowed it.
     */
    static boolean insecureWorks(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        if (!p.sameCertificate() || !ranToEnd(r) || r.endpoint().security() != Security.NONE
                || r.endpoint().port() != 25) {
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
