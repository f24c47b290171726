package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.DnsFailure;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.discovery.DiscoveryResult;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.NameVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Hand-made observations for rule tests: probe results built directly, no network. Defaults describe a
 * healthy modern server (AUTH only inside TLS, a trusted certificate for the probed name, 90 days left);
 * each test changes what it is about.
 */
public final class Probes {

    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    static final String ADDRESS = "192.0.2.10";
    static final String MAIL_ADDRESS = "you@example.jp";

    private Probes() {
    }

    // ---- probes ---------------------------------------------------------------------------------

    static Builder probe(String host, int port, Security security) {
        return new Builder(host, port, security);
    }

    static ProbeResult completedSsl(String host) {
        return probe(host, 465, Security.SSL).build();
    }

    static ProbeResult completedTls(String host, int port) {
        return probe(host, port, Security.TLS).build();
    }

    static ProbeResult refused(String host, int port, Security security) {
        return probe(host, port, security).failedAt(new ProbeOutcome.Refused(ADDRESS)).build();
    }

    static ProbeResult connectTimeout(String host, int port, Security security) {
        return probe(host, port, security).failedAt(new ProbeOutcome.ConnectTimedOut(ADDRESS)).build();
    }

    static ProbeResult dnsFailed(String host, int port, Security security) {
        return probe(host, port, security).failedAt(new ProbeOutcome.DnsFailed(host, DnsFailure.NO_SUCH_HOST)).build();
    }

    // ---- certificates ---------------------------------------------------------------------------

    static TlsObservation verified(String host) {
        return cert(host, ChainVerdict.Status.TRUSTED, true, 90, host);
    }

    /** A trusted certificate for other names (the shared-hosting classic). */
    static TlsObservation mismatch(String host, String... names) {
        return cert(host, ChainVerdict.Status.TRUSTED, false, 90, names);
    }

    static TlsObservation cert(String host, ChainVerdict.Status chain, boolean nameMatches, long daysLeft,
                               String... names) {
        // An hour past the whole day, so that whole days count the same way on both sides of expiry.
        Instant notAfter = NOW.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(daysLeft >= 0 ? 1 : -1));
        CertificateSummary leaf = new CertificateSummary("CN=" + names[0], names[0], List.of(names), List.of(),
                chain == ChainVerdict.Status.SELF_SIGNED ? "CN=" + names[0] : "CN=R11,O=Let's Encrypt,C=US",
                NOW.minus(Duration.ofDays(30)), notAfter, "01",
                "AA:" + String.join(",", names) + ":" + chain + ":" + daysLeft,
                chain == ChainVerdict.Status.SELF_SIGNED);
        NameVerdict name = new NameVerdict(host, List.of(names), nameMatches ? Optional.of(names[0]) : Optional.empty());
        return new TlsObservation("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of(host), List.of(leaf),
                new ChainVerdict(chain, ""), name, NOW, daysLeft);
    }

    static TlsObservation withProtocol(TlsObservation t, String protocol) {
        return new TlsObservation(protocol, t.cipherSuite(), t.sni(), t.chain(), t.chainVerdict(), t.nameVerdict(),
                t.checkedAt(), t.daysLeft());
    }

    static Capabilities caps(String... keywordLines) {
        List<String> lines = new ArrayList<>();
        lines.add("mx.example.jp");
        lines.addAll(Arrays.asList(keywordLines));
        return Capabilities.fromEhlo(new Reply(250, Optional.empty(), lines, List.of()));
    }

    // ---- candidates -----------------------------------------------------------------------------

    /**
     * A probe of {@code candidate} whose right to the password the {@link CredentialPolicy#basic() basic}
     * policy decides (typed servers and same-server names only), its certificate the same throughout.
     */
    public static CandidateProbe probe(Candidate candidate, ProbeResult r) {
        return new CandidateProbe(candidate, r, CredentialPolicy.basic().allows(candidate), true);
    }

    /** Observations of corrected settings without lint findings or discovery, the password unused. */
    public static Observations observations(SendAsSettings settings, List<CandidateProbe> probes, Instant now) {
        return new Observations(settings, List.of(), probes, false, now, DiscoveryResult.none());
    }

    static CandidateProbe typed(ProbeResult r) {
        return probe(Candidate.of(r.endpoint().host(), CandidateSource.TYPED), r);
    }

    /**
     * A certificate name pinned to the address that presented it and vouched for (the knowledge base knows
     * the provider, or the user confirmed the name): it may receive the password.
     */
    static CandidateProbe certName(ProbeResult r, String sameAs) {
        return new CandidateProbe(Candidate.certificateName(r.endpoint().host(), sameAs, PIN), r, true, true);
    }

    /** A certificate name nothing but DNS vouches for: probed without the password. */
    static CandidateProbe unconfirmedCertName(ProbeResult r, String sameAs) {
        return new CandidateProbe(Candidate.certificateName(r.endpoint().host(), sameAs, PIN), r, false, true);
    }

    private static final Candidate.Pin PIN = new Candidate.Pin(java.net.InetAddress.getLoopbackAddress(), "00");

    static CandidateProbe guess(ProbeResult r) {
        return probe(Candidate.of(r.endpoint().host(), CandidateSource.GUESS_SMTP), r);
    }

    // ---- observations ---------------------------------------------------------------------------

    /** Settings as typed into Gmail; no password unless {@link Obs#password()} is called. */
    static Obs typedSettings(String server, int port, Security security) {
        return new Obs(Optional.of(server), OptionalInt.of(port), Optional.of(security));
    }

    static Obs serverOnly(String server) {
        return new Obs(Optional.of(server), OptionalInt.empty(), Optional.empty());
    }

    static Obs nothingTyped() {
        return new Obs(Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    static final class Obs {
        private final Optional<String> server;
        private final OptionalInt port;
        private final Optional<Security> security;
        private Optional<String> username = Optional.empty();
        private boolean password;
        private boolean allowPlaintext;
        private final List<Finding> lint = new ArrayList<>();
        private final List<CandidateProbe> probes = new ArrayList<>();
        private Instant now = NOW;

        Obs(Optional<String> server, OptionalInt port, Optional<Security> security) {
            this.server = server;
            this.port = port;
            this.security = security;
        }

        Obs username(String u) {
            username = Optional.of(u);
            return this;
        }

        Obs password() {
            password = true;
            return this;
        }

        Obs allowPlaintext() {
            allowPlaintext = true;
            return this;
        }

        Obs lint(Finding f) {
            lint.add(f);
            return this;
        }

        Obs now(Instant i) {
            now = i;
            return this;
        }

        /** Probes of the typed server (or, when nothing was typed, of guessed ones). */
        Obs with(ProbeResult... results) {
            for (ProbeResult r : results) {
                probes.add(server.isPresent() && server.get().equalsIgnoreCase(r.endpoint().host())
                        ? typed(r) : guess(r));
            }
            return this;
        }

        Obs with(CandidateProbe... cps) {
            probes.addAll(Arrays.asList(cps));
            return this;
        }

        Observations build() {
            SendAsSettings s = new SendAsSettings(MAIL_ADDRESS, server, port, security, username, password);
            return new Observations(s, lint, probes, allowPlaintext, now, DiscoveryResult.none());
        }
    }

    // ---- the probe builder ----------------------------------------------------------------------

    static final class Builder {
        private final Endpoint endpoint;
        private ProbeOutcome outcome = new ProbeOutcome.Completed();
        private Optional<String> address = Optional.of(ADDRESS);
        private Optional<Reply> greeting = Optional.of(Reply.of(220, "mx.example.jp ESMTP"));
        private long greetingMillis = 40;
        private Optional<Capabilities> ehlo;
        private Optional<Capabilities> ehloTls = Optional.empty();
        private Optional<TlsObservation> tls = Optional.empty();
        private AuthResult auth = AuthResult.of(AuthResult.Status.NOT_REQUESTED);
        private SenderResult sender = SenderResult.notTested();

        Builder(String host, int port, Security security) {
            this.endpoint = new Endpoint(host, port, security);
            switch (security) {
                case SSL -> {
                    ehlo = Optional.of(caps("SIZE 10240000", "AUTH PLAIN LOGIN"));
                    tls = Optional.of(verified(host));
                }
                case TLS -> {
                    ehlo = Optional.of(caps("SIZE 10240000", "STARTTLS"));
                    ehloTls = Optional.of(caps("SIZE 10240000", "AUTH PLAIN LOGIN"));
                    tls = Optional.of(verified(host));
                }
                case NONE -> ehlo = Optional.of(caps("SIZE 10240000", "STARTTLS"));
            }
        }

        /** Ends the probe before the greeting: connection-level failure, nothing seen. */
        Builder failedAt(ProbeOutcome o) {
            outcome = o;
            boolean connectLevel = o.step() == Step.RESOLVE || o.step() == Step.CONNECT;
            if (connectLevel) {
                address = o instanceof ProbeOutcome.DnsFailed ? Optional.empty() : Optional.of(ADDRESS);
                greeting = Optional.empty();
                ehlo = Optional.empty();
                ehloTls = Optional.empty();
                tls = Optional.empty();
                auth = auth.status() == AuthResult.Status.NOT_REQUESTED ? auth : AuthResult.of(AuthResult.Status.NOT_REACHED);
            }
            return this;
        }

        /** Ends at or before the greeting with this outcome (e.g. a timeout or close at GREETING). */
        Builder silentAtGreeting(ProbeOutcome o) {
            outcome = o;
            greeting = Optional.empty();
            ehlo = Optional.empty();
            ehloTls = Optional.empty();
            if (endpoint.security() != Security.SSL) {
                tls = Optional.empty();
            }
            return this;
        }

        Builder outcome(ProbeOutcome o) {
            outcome = o;
            return this;
        }

        Builder greetingMillis(long ms) {
            greetingMillis = ms;
            return this;
        }

        Builder address(String a) {
            address = Optional.of(a);
            return this;
        }

        Builder ehlo(String... keywordLines) {
            ehlo = Optional.of(caps(keywordLines));
            return this;
        }

        Builder ehloTls(String... keywordLines) {
            ehloTls = Optional.of(caps(keywordLines));
            return this;
        }

        Builder noEhloTls() {
            ehloTls = Optional.empty();
            return this;
        }

        Builder tls(TlsObservation t) {
            tls = Optional.of(t);
            return this;
        }

        Builder noTls() {
            tls = Optional.empty();
            return this;
        }

        Builder auth(AuthResult.Status status) {
            auth = AuthResult.of(status);
            return this;
        }

        Builder authAccepted() {
            auth = new AuthResult(AuthResult.Status.ACCEPTED, Optional.of("PLAIN"),
                    Optional.of(Reply.of(235, "2.7.0 Authentication successful")));
            return this;
        }

        /** AUTH refused: the probe ends there. */
        Builder authRejected(int code, String text) {
            Reply r = Reply.of(code, text);
            auth = new AuthResult(AuthResult.Status.REJECTED, Optional.of("PLAIN"), Optional.of(r));
            outcome = new ProbeOutcome.AuthRejected("PLAIN", r);
            return this;
        }

        Builder authDeferred() {
            auth = AuthResult.of(AuthResult.Status.DEFERRED);
            return this;
        }

        Builder senderAccepted() {
            sender = new SenderResult(SenderResult.Status.ACCEPTED, Optional.of(MAIL_ADDRESS),
                    Optional.of(Reply.of(250, "2.1.0 Ok")));
            return this;
        }

        /** MAIL FROM refused: the probe ends there. */
        Builder senderRejected(int code, String text) {
            Reply r = Reply.of(code, text);
            sender = new SenderResult(SenderResult.Status.REJECTED, Optional.of(MAIL_ADDRESS), Optional.of(r));
            outcome = new ProbeOutcome.SenderRejected(r);
            return this;
        }

        ProbeResult build() {
            return new ProbeResult(endpoint, outcome, address, greeting, greetingMillis, ehlo, ehloTls, tls, auth,
                    sender, 500, 1000, List.of(), List.of(), false);
        }
    }
}
