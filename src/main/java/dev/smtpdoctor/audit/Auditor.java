package dev.smtpdoctor.audit;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.discovery.Discovery;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An audit's check of one target, over the library's front door: {@code check ADDRESS} without a password
 * ({@link SmtpDoctor#diagnose}: discovery, every server × port × security, the certificate, the sending-domain
 * checks), with the line's server, port and security as if typed. Without a password nothing is ever logged
 * into; as in {@code check}, the sender test (MAIL FROM and RCPT TO the address, then RSET) still runs.
 * Also gives each target's key for the per-address limit: the address its main server resolves to.
 */
public final class Auditor implements AuditRunner.Checker, AuditRunner.Keyer {

    /** Beyond the check's own deadline, before the runner gives up on it. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final SmtpDoctor doctor;
    private final Resolver resolver;
    private final Timeouts timeouts;

    public Auditor(SmtpDoctor doctor, Resolver resolver, Timeouts timeouts) {
        this.doctor = doctor;
        this.resolver = resolver;
        this.timeouts = timeouts;
    }

    /** One target's deadline: the whole check's own limit (docs/security.md, "Bounds") and a grace period. */
    public Duration deadline() {
        Duration discovery = Discovery.DEFAULT_LIMIT.compareTo(timeouts.step()) < 0 ? Discovery.DEFAULT_LIMIT
                : timeouts.step();
        return timeouts.total().plus(discovery).plus(CheckRequest.CHECK_MARGIN).plus(GRACE);
    }

    @Override
    public dev.smtpdoctor.Diagnosis check(Target t) {
        RawFields fields = new RawFields(t.address().orElseThrow(), t.server().orElse(null),
                t.port().isPresent() ? String.valueOf(t.port().getAsInt()) : null,
                t.security().map(s -> s.id()).orElse(null), null, new char[0]);
        return doctor.diagnose(new CheckRequest(fields, false, timeouts, List.of(), Set.of()), ProbeListener.NONE);
    }

    @Override
    public String key(Target t) {
        String host = t.mainHost().orElse("");
        try {
            List<InetSocketAddress> a = resolver.resolve(host, t.port().orElse(25));
            return a.isEmpty() ? host : a.get(0).getAddress().getHostAddress();
        } catch (Exception e) {
            return host;
        }
    }
}
