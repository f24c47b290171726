package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.smtp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AUTH_REQUIRES_TLS: the server lets nobody log in or send without TLS — 530 "Must issue a STARTTLS
 * command first" (RFC 3207) or 538 "Encryption required" (RFC 4954) to AUTH or MAIL on an unencrypted
 * connection (also to the credential-free AUTH the probe cancels, {@code ProbeResult.authInClear}), or AUTH
 * announced only after STARTTLS. Good practice; it is why "Unsecured connection" fails
 * there (E10, E11). An error only when the user chose Unsecured on that port.
 */
final class AuthRequiresTlsRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : m.subjectProbes()) {
            ProbeResult r = p.result();
            if (r.endpoint().security() != Security.NONE) {
                continue;
            }
            String host = r.endpoint().host();
            String port = String.valueOf(r.endpoint().port());
            Optional<Reply> refusal = switch (r.outcome()) {
                case ProbeOutcome.AuthRejected a -> Optional.of(a.reply()).filter(x -> x.code() == 530 || x.code() == 538);
                case ProbeOutcome.SenderRejected s -> Optional.of(s.reply()).filter(AuthRequiresTlsRule::asksForTls);
                case ProbeOutcome.CommandRejected c -> Optional.of(c.reply()).filter(AuthRequiresTlsRule::asksForTls);
                default -> Optional.empty();
            };
            if (refusal.isEmpty()) {
                // The credential-free, cancelled AUTH in the clear: to AUTH, 530 as well as 538 can only mean "TLS first".
                refusal = authInClear(o, r).filter(x -> x.code() == 530 || x.code() == 538);
            }
            if (refusal.isPresent()) {
                out.add(Finding.of(FindingCode.AUTH_REQUIRES_TLS, m.severity(r, Severity.INFO, Severity.INFO),
                        Field.SECURITY, args("host", host, "port", port, "reply", RuleSupport.oneLine(refusal.get()))));
            } else if (RuleSupport.authOnlyAfterTls(m, host, r.endpoint().port())) {
                out.add(Finding.of(FindingCode.AUTH_REQUIRES_TLS, m.severity(r, Severity.INFO, Severity.INFO),
                        Field.SECURITY, args("host", host, "port", port)));
            }
        }
        return out;
    }

    /**
     * The reply to the credential-free AUTH sent in the clear on {@code r}'s port: by {@code r} itself, or — as it
     * is sent once per server address — by another name of the same machine on that port (a guess, when only the
     * address was typed, may have asked it for the provider's name).
     */
    static Optional<Reply> authInClear(Observations o, ProbeResult r) {
        return r.authInClear().or(() -> o.probes().stream().map(CandidateProbe::result)
                .filter(x -> x != r && x.endpoint().port() == r.endpoint().port() && Usability.sameServer(r, x))
                .flatMap(x -> x.authInClear().stream()).findFirst());
    }

    /** 538, or 530 that names TLS (a bare "530 Authentication required" only asks for AUTH). */
    static boolean asksForTls(Reply r) {
        if (r.code() == 538) {
            return true;
        }
        String t = RuleSupport.text(r);
        return r.code() == 530 && (t.contains("tls") || t.contains("encrypt") || t.contains("ssl"));
    }
}
