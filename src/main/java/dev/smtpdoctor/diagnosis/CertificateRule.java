package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The certificate as Gmail checks it in SSL and TLS modes (publicly trusted chain AND the typed name;
 * wildcards count): TLS_NAME_MISMATCH, TLS_UNTRUSTED_CHAIN (arg {@code kind}: self-signed, unknown-ca,
 * invalid, not-yet-valid), TLS_EXPIRED; and what will break soon or is outdated: TLS_EXPIRES_SOON (under
 * 14 days, from {@link Observations#now()}), TLS_PROTOCOL_OBSOLETE (TLS 1.0/1.1, deprecated by RFC 8997).
 *
 * <p>Failures are reported for the subject server, one finding per certificate with the ports that showed
 * it; expiry and protocol also for the server that will be recommended.
 */
final class CertificateRule implements Rule {

    static final long EXPIRES_SOON_DAYS = 14;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Set<String> OBSOLETE = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        failures(m, out);
        quality(m, o.now(), out);
        return out;
    }

    private static void failures(CheckView m, List<Finding> out) {
        // One finding per (host, certificate), naming every port that presented it.
        Map<String, List<ProbeResult>> groups = new LinkedHashMap<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (r.tls().isPresent() && r.endpoint().security().encrypted()) {
                groups.computeIfAbsent(HostName.normalise(r.endpoint().host()) + " " + fingerprint(r.tls().get()),
                        k -> new ArrayList<>()).add(r);
            }
        }
        for (List<ProbeResult> group : groups.values()) {
            ProbeResult first = group.get(0);
            TlsObservation t = first.tls().get();
            String host = first.endpoint().host();
            String ports = CheckView.ports(group);
            if (!t.nameVerdict().matches()) {
                List<String> names = t.nameVerdict().presentedNames();
                out.add(Finding.of(FindingCode.TLS_NAME_MISMATCH, m.certificateSeverity(group),
                        Field.SERVER, args("host", host, "names", names.isEmpty() ? "-" : String.join(", ", names),
                                "ports", ports, "wildcard", names.stream().anyMatch(n -> n.startsWith("*.")) ? "yes" : "no")));
            }
            ChainVerdict.Status chain = t.chainVerdict().status();
            String kind = switch (chain) {
                case SELF_SIGNED -> "self-signed";
                case UNTRUSTED -> "unknown-ca";
                case INVALID -> "invalid";
                case NOT_YET_VALID -> "not-yet-valid";
                case TRUSTED, EXPIRED -> null;
            };
            if (kind != null) {
                String issuer = t.leaf().map(CertificateSummary::issuer).orElse("-");
                out.add(Finding.of(FindingCode.TLS_UNTRUSTED_CHAIN, m.certificateSeverity(group),
                        Field.SERVER, args("host", host, "kind", kind, "issuer", issuer, "ports", ports)));
            }
            long days = daysLeft(t, m.observations().now());
            if (chain == ChainVerdict.Status.EXPIRED || days < 0) {
                out.add(Finding.of(FindingCode.TLS_EXPIRED, m.certificateSeverity(group),
                        Field.SERVER, args("host", host, "date", expiry(t), "days", String.valueOf(Math.abs(days)),
                                "ports", ports)));
            }
        }
    }

    private static void quality(CheckView m, Instant now, List<Finding> out) {
        Set<String> seenCertificates = new LinkedHashSet<>();
        Set<String> seenProtocols = new LinkedHashSet<>();
        List<CandidateProbe> probes = new ArrayList<>(m.subjectProbes());
        probes.addAll(m.focusProbes());
        for (CandidateProbe p : probes) {
            ProbeResult r = p.result();
            if (r.tls().isEmpty()) {
                continue;
            }
            TlsObservation t = r.tls().get();
            long days = daysLeft(t, now);
            if (days >= 0 && days < EXPIRES_SOON_DAYS && t.chainVerdict().status() != ChainVerdict.Status.EXPIRED
                    && seenCertificates.add(fingerprint(t))) {
                out.add(Finding.of(FindingCode.TLS_EXPIRES_SOON, Severity.WARNING, Field.SERVER,
                        args("host", r.endpoint().host(), "days", String.valueOf(days), "date", expiry(t))));
            }
            if (OBSOLETE.contains(t.protocol())
                    && seenProtocols.add(r.address().orElse(HostName.normalise(r.endpoint().host())) + " " + r.endpoint().port())) {
                out.add(Finding.of(FindingCode.TLS_PROTOCOL_OBSOLETE, Severity.WARNING, Field.SERVER,
                        args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                                "protocol", t.protocol(), "hint", "still-works")));
            }
        }
    }

    /** Whole days from {@code now} to the leaf's expiry; negative once expired. */
    static long daysLeft(TlsObservation t, Instant now) {
        return t.leaf().map(l -> {
            Duration d = Duration.between(now, l.notAfter());
            return d.isNegative() ? -Math.max(1, d.negated().toDays()) : d.toDays();
        }).orElse(t.daysLeft());
    }

    private static String expiry(TlsObservation t) {
        return t.leaf().map(l -> DATE.format(l.notAfter())).orElse("-");
    }

    private static String fingerprint(TlsObservation t) {
        return t.leaf().map(CertificateSummary::sha256).filter(s -> !s.isEmpty())
                .orElse(String.join(",", t.nameVerdict().presentedNames()).toLowerCase(Locale.ROOT));
    }
}
