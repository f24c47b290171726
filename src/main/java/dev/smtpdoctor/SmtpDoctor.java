package dev.smtpdoctor;

import dev.smtpdoctor.matrix.Matrix;
import dev.smtpdoctor.matrix.MatrixPlan;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.diagnosis.Diagnoser;
import dev.smtpdoctor.diagnosis.Observations;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.discovery.Discovery;
import dev.smtpdoctor.discovery.DiscoveryResult;
import dev.smtpdoctor.http.HttpFetcher;
import dev.smtpdoctor.discovery.ProviderKnowledge;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.sendingdomain.DomainChecks;
import dev.smtpdoctor.sendingdomain.DomainReport;
import dev.smtpdoctor.sendingdomain.DomainRequest;
import java.net.InetAddress;
import java.time.Duration;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.dns.SystemResolver;
import dev.smtpdoctor.lint.InputLint;
import dev.smtpdoctor.lint.LintResult;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.tls.TlsHandshaker;
import dev.smtpdoctor.tls.TrustConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The library's front door: from what the user would type into Gmail to the most secure configuration
 * that works. The {@code check} and {@code demo} commands are thin layers over {@link #diagnose}. Immutable and thread-safe; build one with {@link #builder()}.
 *
 * <p>Discovery (SRV, autoconfig, provider knowledge by MX) runs when the builder was given a {@link Dns}
 * and/or an {@link HttpFetcher}; without either, only the typed server and the guesses are probed.
 *
 * <pre>{@code
 * Diagnosis d = SmtpDoctor.builder().build().diagnose(
 *         new CheckRequest(RawFields.builder().address("you@example.jp").server("mail.example.jp")
 *                 .username("you@example.jp").password(pw).build(), false, Timeouts.DEFAULT),
 *         ProbeListener.NONE);
 * }</pre>
 */
public final class SmtpDoctor {

    private static final Duration DOMAIN_DEADLINE = Duration.ofSeconds(10);
    /** Kept at the end of the check's deadline for the sending-domain checks, whatever the probes take. */
    private static final Duration DOMAIN_RESERVE = Duration.ofSeconds(2);

    private final Resolver resolver;
    private final TrustConfig trust;
    private final Clock clock;
    private final Limits limits;
    private final int maxSockets;
    private final Optional<Dns> dns;
    private final Optional<HttpFetcher> http;
    private final ProviderKnowledge knowledge;
    private final Duration discoveryLimit;

    private SmtpDoctor(Builder b) {
        this.resolver = b.resolver;
        this.trust = b.trust;
        this.clock = b.clock;
        this.limits = b.limits;
        this.maxSockets = b.maxSockets;
        this.dns = Optional.ofNullable(b.dns);
        this.http = Optional.ofNullable(b.http);
        this.knowledge = b.knowledge;
        this.discoveryLimit = b.discoveryLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Lints the input, discovers candidates (when a {@link Dns} or {@link HttpFetcher} was given), probes
     * the matrix under the discovery's credential policy, diagnoses. Never throws for anything a server or the network
     * does; an unusable input gives a diagnosis with status BAD_INPUT and nothing probed.
     */
    public Diagnosis diagnose(CheckRequest request, ProbeListener listener) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        char[] password = request.fields().password();
        try {
            LintResult lint = InputLint.lint(request.fields());
            if (lint.settings().isEmpty()) {
                return new Diagnosis(Optional.empty(), lint.findings(), List.of(), Optional.empty(), started,
                        millisSince(t0));
            }
            SendAsSettings settings = lint.settings().get();
            Optional<Credentials> credentials = Optional.empty();
            if (password.length > 0) {
                credentials = Optional.of(new Credentials(settings.username().orElse(settings.address()), password));
            }
            List<Mode> extra = settings.port().isPresent() && settings.security().isPresent()
                    ? List.of(new Mode(settings.port().getAsInt(), settings.security().get())) : List.of();
            // One deadline for the whole check: discovery gets its share (at most one step), the probes what is left
            // but the domain checks' reserve, the domain checks what is left after the probes.
            boolean discovering = dns.isPresent() || http.isPresent();
            Duration discoveryShare = discovering ? min(discoveryLimit, request.timeouts().step()) : Duration.ZERO;
            Deadline check = Deadline.after(request.overallTimeout(discoveryShare), "check");
            DiscoveryResult discovery = !discovering ? DiscoveryResult.none(HostName.normalise(settings.domain()), knowledge)
                    : new Discovery(dns, http, knowledge, discoveryShare).discover(settings.address());
            Prober prober = new Prober(resolver, new TlsHandshaker(trust, clock), limits);
            Matrix.Request mr = new Matrix.Request(
                    MatrixPlan.initialCandidates(settings.server(), discovery.candidates(), settings.domain()), extra,
                    credentials, Optional.of(settings.address()), request.allowPlaintextAuth(), request.timeouts(),
                    Duration.ofMillis(Math.max(0, check.remainingMillis() - DOMAIN_RESERVE.toMillis())));
            List<CandidateProbe> probes;
            try {
                probes = new Matrix(prober, resolver, maxSockets, discovery.policy().withKnowledge(knowledge)
                        .withConfirmedNames(request.trustedCertificateNames())).run(mr, listener);
            } finally {
                credentials.ifPresent(Credentials::wipe);
            }
            Observations o = new Observations(settings, lint.findings(), probes, request.allowPlaintextAuth(),
                    clock.instant(), discovery);
            Assessment assessment = Diagnoser.assess(o);
            Duration domainShare = min(DOMAIN_DEADLINE, Duration.ofMillis(Math.max(0, check.remainingMillis())));
            Optional<DomainReport> domain = dns.map(d -> checkDomain(d, settings, assessment, probes,
                    request.dkimSelectors(), domainShare));
            return new Diagnosis(Optional.of(settings), lint.findings(), probes, Optional.of(assessment), started,
                    millisSince(t0), discovery.discovered(), domain);
        } finally {
            Arrays.fill(password, '\0');
            request.fields().wipe();
        }
    }

    /**
     * The sending domain, with SPF evaluated for the address of the server the user will submit to
     * (the recommended one): an approximation, as the provider may relay through another machine.
     */
    private static DomainReport checkDomain(Dns dns, SendAsSettings settings, Assessment assessment,
                                            List<CandidateProbe> probes, List<String> selectors, Duration limit) {
        Optional<String> host = assessment.recommendation().choice().map(c -> c.server());
        Optional<InetAddress> address = host.flatMap(h -> probes.stream()
                .filter(p -> p.result().endpoint().host().equals(h) && p.result().address().isPresent())
                .map(p -> p.result().address().get()).findFirst())
                .flatMap(SmtpDoctor::literal);
        return new DomainChecks(dns).check(new DomainRequest(settings.address(), address, host, selectors), limit);
    }

    /** An IP literal as an InetAddress, without any lookup (the probe recorded the address it connected to). */
    private static Optional<InetAddress> literal(String ip) {
        try {
            return ip.matches("[0-9A-Fa-f:.]+") ? Optional.of(InetAddress.getByName(ip)) : Optional.empty();
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Defaults: the system resolver and trust store, the UTC clock, default limits, 32 sockets, no discovery
     * (no {@link Dns}, no {@link HttpFetcher}), the built-in provider knowledge, a 5 s discovery limit.
     */
    public static final class Builder {
        private Resolver resolver = new SystemResolver();
        private TrustConfig trust;
        private Clock clock = Clock.systemUTC();
        private Limits limits = Limits.DEFAULT;
        private int maxSockets = 32;
        private Dns dns;
        private HttpFetcher http;
        private ProviderKnowledge knowledge;
        private Duration discoveryLimit = Discovery.DEFAULT_LIMIT;

        /** DNS for discovery: SRV records and the provider by MX. */
        public Builder dns(Dns d) {
            this.dns = d;
            return this;
        }

        /** HTTP(S) for discovery: the domain's autoconfig file. */
        public Builder httpFetcher(HttpFetcher f) {
            this.http = f;
            return this;
        }

        public Builder providerKnowledge(ProviderKnowledge k) {
            this.knowledge = k;
            return this;
        }

        public Builder discoveryLimit(Duration d) {
            this.discoveryLimit = d;
            return this;
        }

        public Builder resolver(Resolver r) {
            this.resolver = r;
            return this;
        }

        public Builder trust(TrustConfig t) {
            this.trust = t;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = l;
            return this;
        }

        public Builder maxSockets(int n) {
            this.maxSockets = n;
            return this;
        }

        public SmtpDoctor build() {
            if (trust == null) {
                trust = TrustConfig.system();
            }
            if (knowledge == null) {
                knowledge = ProviderKnowledge.builtIn();
            }
            return new SmtpDoctor(this);
        }
    }
}
