package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.smtp.Capabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the server announces for login. AUTH_NOT_OFFERED: no AUTH where it would be used (Gmail always logs
 * in). AUTH_MECHANISM_UNSUPPORTED: AUTH without PLAIN, LOGIN or CRAM-MD5, or a 504/534 refusal of the
 * mechanism. AUTH_PLAINTEXT_OFFERED: PLAIN or LOGIN announced on an unencrypted connection — the password
 * would cross the network readable (a weakly configured server, reference §7.4); a warning, with arg {@code hint}
 * {@code confirmed}, when the credential-free AUTH the probe cancelled got a 334 challenge; none when it got
 * 538/530 (the server wants TLS first after all).
 *
 * <p>No AUTH before STARTTLS while AUTH appears inside TLS is not "not offered": that is
 * {@link AuthRequiresTlsRule}.
 */
final class AuthOfferRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            String host = r.endpoint().host();
            String port = String.valueOf(r.endpoint().port());
            Optional<Capabilities> caps = usedCapabilities(r);
            AuthResult.Status status = r.auth().status();
            boolean unencrypted = r.endpoint().security() == Security.NONE;
            if (caps.isPresent()) {
                Capabilities c = caps.get();
                if (status == AuthResult.Status.NOT_OFFERED || !c.authAdvertised()) {
                    if (!(unencrypted && RuleSupport.authOnlyAfterTls(m, host, r.endpoint().port()))) {
                        out.add(Finding.of(FindingCode.AUTH_NOT_OFFERED, m.severity(r, Severity.WARNING, Severity.INFO),
                                args("host", host, "port", port, "security", r.endpoint().security().id())));
                    }
                } else if (status == AuthResult.Status.NO_SUPPORTED_MECHANISM || c.preferredAuthMechanism().isEmpty()) {
                    out.add(Finding.of(FindingCode.AUTH_MECHANISM_UNSUPPORTED,
                            m.severity(r, Severity.ERROR, Severity.INFO),
                            args("host", host, "port", port, "mechanisms",
                                    c.authMechanisms().isEmpty() ? "-" : String.join(" ", c.authMechanisms()))));
                }
            }
            if (r.outcome() instanceof ProbeOutcome.AuthRejected a && RuleSupport.mechanismRejection(a.reply())) {
                out.add(Finding.of(FindingCode.AUTH_MECHANISM_UNSUPPORTED, m.severity(r, Severity.ERROR, Severity.INFO),
                        args("host", host, "port", port, "mechanisms", a.mechanism())));
            }
        }
        plaintext(m, out);
        return out;
    }

    /** The capabilities a login would use, when the probe saw them (after STARTTLS for TLS probes). */
    private static Optional<Capabilities> usedCapabilities(ProbeResult r) {
        return Usability.authCapabilitiesKnown(r) ? r.effectiveCapabilities() : Optional.empty();
    }

    private static void plaintext(CheckView m, List<Finding> out) {
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (r.endpoint().security() == Security.SSL) {
                continue;
            }
            // For TLS probes, ehlo() is the EHLO before STARTTLS; for unsecured ones the only EHLO.
            boolean readable = r.ehlo().map(c -> c.authMechanisms().contains("PLAIN")
                    || c.authMechanisms().contains("LOGIN")).orElse(false);
            // The credential-free AUTH the probe cancelled tells whether the announcement holds: 538/530 — it
            // does not (AUTH_REQUIRES_TLS says so); 334 — the server would read a password sent unencrypted.
            Optional<Integer> inClear = AuthRequiresTlsRule.authInClear(m.observations(), r)
                    .map(x -> x.code());
            if (readable && !inClear.filter(c -> c == 530 || c == 538).isPresent()) {
                boolean sent = r.endpoint().security() == Security.NONE && r.auth().attempted();
                boolean chosen = m.typedEndpoint(r) && r.endpoint().security() == Security.NONE;
                boolean confirmed = inClear.filter(c -> c == 334).isPresent();
                var args = args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()));
                if (confirmed) {
                    args.put("hint", "confirmed");
                }
                out.add(Finding.of(FindingCode.AUTH_PLAINTEXT_OFFERED,
                        sent || chosen || confirmed ? Severity.WARNING : Severity.INFO, args));
            }
        }
    }
}
