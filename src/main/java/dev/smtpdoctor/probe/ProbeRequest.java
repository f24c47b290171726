package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import java.util.Optional;

/**
 * Everything one probe needs.
 *
 * @param credentials        when present, exactly one AUTH attempt is made, if the connection allows it
 * @param mailFrom           when present, {@code MAIL FROM:<address>} then {@code RSET} test sender permission
 * @param allowPlaintextAuth the user consented to sending credentials without TLS
 * @param authGate           arbitrates the one AUTH attempt per server among concurrent probes
 * @param masked             credentials never sent by this probe but masked in everything it records, like
 *                           {@code credentials}: in a check, a probe that may not send the password (a guessed
 *                           name) can still reach a server that got it on another connection and repeats it
 * @param relay              hands this probe's connection on to, or from, another probe of the same server
 */
public record ProbeRequest(Endpoint endpoint, Optional<Credentials> credentials, Optional<String> mailFrom,
                           boolean allowPlaintextAuth, Timeouts timeouts, AuthGate authGate,
                           Optional<Credentials> masked, Relay relay) {

    /** Without another probe to hand the connection to or take it from. */
    public ProbeRequest(Endpoint endpoint, Optional<Credentials> credentials, Optional<String> mailFrom,
                        boolean allowPlaintextAuth, Timeouts timeouts, AuthGate authGate,
                        Optional<Credentials> masked) {
        this(endpoint, credentials, mailFrom, allowPlaintextAuth, timeouts, authGate, masked, Relay.NONE);
    }

    /** Masks only what it may send. */
    public ProbeRequest(Endpoint endpoint, Optional<Credentials> credentials, Optional<String> mailFrom,
                        boolean allowPlaintextAuth, Timeouts timeouts, AuthGate authGate) {
        this(endpoint, credentials, mailFrom, allowPlaintextAuth, timeouts, authGate, credentials);
    }

    /** A probe on its own: it may use the AUTH attempt. */
    public ProbeRequest(Endpoint endpoint, Optional<Credentials> credentials, Optional<String> mailFrom,
                        boolean allowPlaintextAuth, Timeouts timeouts) {
        this(endpoint, credentials, mailFrom, allowPlaintextAuth, timeouts, AuthGate.ALWAYS);
    }

    public static ProbeRequest anonymous(Endpoint endpoint, Timeouts timeouts) {
        return new ProbeRequest(endpoint, Optional.empty(), Optional.empty(), false, timeouts);
    }

    @Override
    public String toString() {
        return "ProbeRequest[" + endpoint + ", credentials=" + credentials.map(Credentials::toString).orElse("none")
                + ", mailFrom=" + mailFrom.orElse("none") + "]";
    }
}
