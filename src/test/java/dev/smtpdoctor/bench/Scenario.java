package dev.smtpdoctor.bench;

import dev.smtpdoctor.testing.postfix.Listener;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which fixture listener answers each (host, logical port); a known host on an unlisted port refuses. */
enum Scenario {
    /**
     * A provider doing everything right: implicit TLS on "465", STARTTLS required on "587", plain
     * "25", one certificate for the typed host. The matrix does not grow.
     */
    STANDARD(Map.of(PostfixServer.HOST, Map.of(465, Listener.SUBMISSIONS_465, 587, Listener.SUBMISSION_587,
            25, Listener.PLAIN_25))),
    /**
     * Shared hosting, the classic Gmail failure: the typed host's certificate names only the
     * provider's server (sv1234.hosting.test, same address). Nothing on 465; STARTTLS on "587" with
     * that certificate; plain "25". The check learns the provider's name from the first certificate
     * and probes it as a second candidate, which is where the credentials may go.
     */
    SHARED_HOSTING(Map.of(
            PostfixServer.HOST, Map.of(587, Listener.NAME_MISMATCH, 25, Listener.PLAIN_25),
            PostfixServer.PROVIDER_HOST, Map.of(587, Listener.NAME_MISMATCH, 25, Listener.PLAIN_25)));

    /** Host (lower case) → logical port → the listener behind it. */
    final Map<String, Map<Integer, Listener>> hosts;

    Scenario(Map<String, Map<Integer, Listener>> hosts) {
        this.hosts = hosts;
    }

    Set<Listener> listeners() {
        Set<Listener> out = EnumSet.noneOf(Listener.class);
        hosts.values().forEach(m -> out.addAll(m.values()));
        return out;
    }
}
