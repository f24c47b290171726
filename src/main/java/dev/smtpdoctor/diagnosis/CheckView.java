package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import dev.smtpdoctor.model.HostName;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The probe matrix as the rules read it: which server the diagnosis is about (the <em>subject</em>: the
 * typed server, or when none was typed the best candidate), which probes are the user's own choice, and
 * how much a failure on one cell matters. Pure; cheap to build.
 *
 * <p>Failure rules look at the subject only — a refused connection on a guessed name nobody asked about is
 * noise. Quality rules (expiry, protocol, delays, provider filters) also look at the certificate names on
 * the same server and at the recommended server, because those are what the user will type.
 */
final class CheckView {

    private final Observations o;
    private final Optional<String> subject;
    private final Optional<CandidateProbe> best;

    private CheckView(Observations o) {
        this.o = o;
        this.best = Recommender.best(o);
        this.subject = o.settings().server().filter(s -> !s.isBlank()).map(HostName::normalise)
                .or(() -> best.map(p -> HostName.normalise(p.result().endpoint().host())))
                .or(() -> o.probes().stream()
                        .max(Comparator.comparingInt((CandidateProbe p) -> p.result().outcome().step().ordinal())
                                .thenComparingInt(p -> -o.probes().indexOf(p)))
                        .map(p -> HostName.normalise(p.result().endpoint().host())));
    }

    static CheckView of(Observations o) {
        return new CheckView(o);
    }

    Observations observations() {
        return o;
    }

    /** The server the diagnosis is about; empty only when there is nothing to look at. */
    Optional<String> subject() {
        return subject;
    }

    Optional<CandidateProbe> best() {
        return best;
    }

    boolean isSubject(ProbeResult r) {
        return subject.isPresent() && subject.get().equals(HostName.normalise(r.endpoint().host()));
    }

    List<CandidateProbe> subjectProbes() {
        return o.probes().stream().filter(p -> isSubject(p.result())).toList();
    }

    /** The subject, the certificate names on the same server, and the recommended server. */
    List<CandidateProbe> focusProbes() {
        Set<String> hosts = new LinkedHashSet<>();
        subject.ifPresent(hosts::add);
        for (CandidateProbe p : o.probes()) {
            if (p.candidate().source() == CandidateSource.CERTIFICATE_NAME) {
                hosts.add(HostName.normalise(p.result().endpoint().host()));
            }
        }
        best.ifPresent(p -> hosts.add(HostName.normalise(p.result().endpoint().host())));
        return o.probes().stream().filter(p -> hosts.contains(HostName.normalise(p.result().endpoint().host()))).toList();
    }

    List<CandidateProbe> onHost(String host) {
        String h = HostName.normalise(host);
        return o.probes().stream().filter(p -> HostName.normalise(p.result().endpoint().host()).equals(h)).toList();
    }

    Optional<CandidateProbe> find(String host, int port, Security security) {
        String h = HostName.normalise(host);
        return o.probes().stream().filter(p -> HostName.normalise(p.result().endpoint().host()).equals(h)
                && p.result().endpoint().port() == port && p.result().endpoint().security() == security).findFirst();
    }

    OptionalInt typedPort() {
        return o.settings().port();
    }

    Optional<Security> typedSecurity() {
        return o.settings().security();
    }

    /** The cell the user chose: the typed server, port and (when chosen) security. */
    boolean typedEndpoint(ProbeResult r) {
        return isSubject(r) && o.settings().server().isPresent() && typedPort().isPresent()
                && typedPort().getAsInt() == r.endpoint().port()
                && typedSecurity().map(s -> s == r.endpoint().security()).orElse(true);
    }

    boolean hostWorks(String host) {
        return onHost(host).stream().anyMatch(p -> Usability.works(o, p));
    }

    boolean hostWorksSecurely(String host) {
        return onHost(host).stream().anyMatch(p -> Usability.secureWorks(o, p));
    }

    /**
     * A certificate problem blocks every secure route that presents that certificate: an error unless
     * the server works securely some other way (then it only concerns the other ports).
     */
    Severity certificateSeverity(Collection<ProbeResult> group) {
        if (group.stream().anyMatch(this::typedEndpoint)) {
            return Severity.ERROR;
        }
        return group.stream().anyMatch(r -> hostWorksSecurely(r.endpoint().host())) ? Severity.WARNING : Severity.ERROR;
    }

    /**
     * How much a failure seen on {@code group} matters: an error on the user's own choice; when no port was
     * chosen and nothing works on that server, {@code ifNothingWorks}; otherwise {@code otherwise} (another
     * port failed, but that is not what the user chose or needs).
     */
    Severity severity(Collection<ProbeResult> group, Severity ifNothingWorks, Severity otherwise) {
        if (group.stream().anyMatch(this::typedEndpoint)) {
            return Severity.ERROR;
        }
        boolean nothingWorks = group.stream().noneMatch(r -> hostWorks(r.endpoint().host()));
        if (typedPort().isEmpty() && nothingWorks) {
            return ifNothingWorks;
        }
        return otherwise;
    }

    Severity severity(ProbeResult r, Severity ifNothingWorks, Severity otherwise) {
        return severity(List.of(r), ifNothingWorks, otherwise);
    }

    /** Got past the TCP connection (a greeting or TLS handshake was at least attempted). */
    static boolean connected(ProbeResult r) {
        return switch (r.outcome()) {
            case ProbeOutcome.DnsFailed d -> false;
            case ProbeOutcome.Refused x -> false;
            case ProbeOutcome.ConnectTimedOut x -> false;
            case ProbeOutcome.Unreachable x -> false;
            default -> true;
        };
    }

    /**
     * Port 25 timed out while 465 or 587 of the same server connected: most likely the user's own network
     * blocks outgoing port 25 (OP25B). Google's servers are not behind that block (reference §5), so the
     * result is inconclusive rather than a failure.
     */
    boolean port25BlockedLocally(String host) {
        List<ProbeResult> on = onHost(host).stream().map(CandidateProbe::result).toList();
        List<ProbeResult> p25 = on.stream().filter(r -> r.endpoint().port() == 25).toList();
        return !p25.isEmpty()
                && p25.stream().allMatch(r -> r.outcome() instanceof ProbeOutcome.ConnectTimedOut)
                && on.stream().anyMatch(r -> r.endpoint().port() != 25 && connected(r));
    }

    /**
     * "SSL" chosen on a port that speaks plain SMTP: the server answered the TLS ClientHello with text
     * (usually its 220 greeting) — a STARTTLS port such as 587 or 25.
     */
    static boolean sslOnPlainPort(ProbeResult r) {
        return r.endpoint().security() == Security.SSL
                && r.outcome() instanceof ProbeOutcome.TlsFailed t && t.plaintextReply();
    }

    /**
     * "TLS" (or no security) chosen on an implicit-TLS port: the greeting never came (the server waits for a
     * ClientHello), the server hung up, or it sent TLS bytes — while an SSL probe of the same port got its
     * greeting; or the probe itself saw a second connection complete a TLS handshake at once (no SSL probe needed).
     */
    boolean plainOnImplicitTlsPort(ProbeResult r) {
        if (r.endpoint().security() == Security.SSL) {
            return false;
        }
        if (r.outcome() instanceof ProbeOutcome.ProtocolViolation v
                && v.kind() == ProbeOutcome.ProtocolViolation.Kind.IMPLICIT_TLS) {
            return true; // a second connection completed a TLS handshake at once
        }
        boolean silentGreeting = switch (r.outcome()) {
            case ProbeOutcome.TimedOut t -> t.step() == Step.GREETING;
            case ProbeOutcome.ConnectionClosed c -> c.step() == Step.GREETING;
            case ProbeOutcome.ProtocolViolation v -> v.step() == Step.GREETING
                    && v.kind() == ProbeOutcome.ProtocolViolation.Kind.NOT_A_REPLY;
            default -> false;
        };
        return silentGreeting && speaksImplicitTls(r.endpoint().host(), r.endpoint().port());
    }

    boolean modeMismatch(ProbeResult r) {
        return sslOnPlainPort(r) || plainOnImplicitTlsPort(r);
    }

    /** An SSL probe of this port completed its handshake and got a greeting. */
    boolean speaksImplicitTls(String host, int port) {
        return onHost(host).stream().map(CandidateProbe::result).anyMatch(x -> x.endpoint().port() == port
                && x.endpoint().security() == Security.SSL && x.greeting().isPresent());
    }

    /** A probe without implicit TLS got a greeting on this port, or an SSL probe got plain text back. */
    boolean speaksPlain(String host, int port) {
        return onHost(host).stream().map(CandidateProbe::result).anyMatch(x -> x.endpoint().port() == port
                && (x.endpoint().security() != Security.SSL && x.greeting().isPresent() || sslOnPlainPort(x)));
    }

    /** Distinct ports of a group, ascending, as "465, 587". */
    static String ports(Collection<ProbeResult> group) {
        List<Integer> ports = new ArrayList<>(group.stream().map(r -> r.endpoint().port()).distinct().toList());
        ports.sort(Comparator.naturalOrder());
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }
}
