package dev.smtpdoctor.demo;

import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Probes a running demo exactly as the diagnosis will: the product's {@link Prober}, the demo's resolver,
 * and a trust store holding only the demo CA, read from a PEM file as {@code --ca-file} would.
 */
final class DemoProbes {

    static final Timeouts TIMEOUTS = Timeouts.ofStep(Duration.ofSeconds(5));

    private final RunningDemo demo;
    private final Prober prober;

    DemoProbes(RunningDemo demo, Path tempDir) throws TrustConfigException {
        this.demo = demo;
        TrustConfig trust = TrustConfig.fromFile(copy(demo.caFile(), tempDir.resolve("demo-ca.pem")));
        this.prober = new Prober(demo.resolver(), new TlsHandshaker(trust, Clock.systemUTC()), Limits.DEFAULT);
    }

    private static Path copy(Path from, Path to) {
        try {
            return java.nio.file.Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Greeting, EHLO, STARTTLS or implicit TLS — no credentials. */
    ProbeResult anonymous(String host, int port, Security security) {
        return prober.probe(ProbeRequest.anonymous(new Endpoint(host, port, security), TIMEOUTS), ProbeListener.NONE);
    }

    /** The full conversation with the password the user typed, and MAIL FROM the address being added. */
    ProbeResult withCredentials(String host, int port, Security security) {
        return withPassword(host, port, security, demo.passwordToUse(), false);
    }

    ProbeResult withPassword(String host, int port, Security security, String password, boolean allowPlaintext) {
        return withLogin(host, port, security, demo.typed().username(), password, allowPlaintext);
    }

    ProbeResult withLogin(String host, int port, Security security, String username, String password,
                          boolean allowPlaintext) {
        Credentials c = new Credentials(username, password.toCharArray());
        ProbeRequest r = new ProbeRequest(new Endpoint(host, port, security), Optional.of(c),
                Optional.of(demo.address()), allowPlaintext, TIMEOUTS);
        return prober.probe(r, ProbeListener.NONE);
    }
}
