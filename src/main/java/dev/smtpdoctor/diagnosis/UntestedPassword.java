package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.diagnosis.Recommendation.PasswordUntested;
import dev.smtpdoctor.diagnosis.Recommendation.PasswordUntested.Why;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.matrix.CandidateProbe;
import java.util.Optional;

/**
 * A password was given, but no probe of the check made the login attempt: the report must say so first, with
 * why and how to allow the test — otherwise a wrong password, a username without its domain or a sender the
 * account does not own all end in a "secure" answer that Gmail would then refuse. Pure.
 */
final class UntestedPassword {

    private UntestedPassword() {
    }

    /** @param chosen the recommended probe, if any */
    static Optional<PasswordUntested> of(Observations o, Optional<CandidateProbe> chosen) {
        if (!o.settings().hasPassword() || o.probes().stream().anyMatch(p -> p.result().auth().attempted())) {
            return Optional.empty();
        }
        if (chosen.isPresent()) {
            CandidateProbe p = chosen.get();
            String host = p.result().endpoint().host();
            if (!p.result().endpoint().security().encrypted()) {
                return Optional.of(new PasswordUntested(Why.PLAINTEXT_ONLY, Optional.empty()));
            }
            if (!p.credentialsAllowed()) {
                return Optional.of(new PasswordUntested(p.candidate().source() == CandidateSource.CERTIFICATE_NAME
                        ? Why.CERTIFICATE_NAME_UNCONFIRMED : Why.NOT_VOUCHED_FOR, Optional.of(host)));
            }
        } else {
            // Nothing works, but a certificate name that nobody confirmed may be what would: name it.
            Optional<CandidateProbe> name = o.probes().stream()
                    .filter(p -> p.candidate().source() == CandidateSource.CERTIFICATE_NAME && !p.credentialsAllowed()
                            && Usability.secureSeen(o, p))
                    .findFirst();
            if (name.isPresent()) {
                return Optional.of(new PasswordUntested(Why.CERTIFICATE_NAME_UNCONFIRMED,
                        Optional.of(name.get().result().endpoint().host())));
            }
        }
        // "No server with a valid certificate offered login" only when one did show a valid certificate; when
        // nothing even connected, the cause of the failure says it all and a certificate hint would mislead.
        boolean verifiedSeen = o.probes().stream().anyMatch(p -> p.result().tls().map(t -> t.verified()).orElse(false));
        return verifiedSeen || chosen.isPresent()
                ? Optional.of(new PasswordUntested(Why.NO_LOGIN_OFFERED, Optional.empty())) : Optional.empty();
    }
}
