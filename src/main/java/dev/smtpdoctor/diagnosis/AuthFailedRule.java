package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.discovery.KnownProvider;
import dev.smtpdoctor.discovery.ProviderKnowledge;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.smtp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AUTH_FAILED: the login was refused (535 and kin; Gmail: E3). Args: {@code host}, {@code port},
 * {@code reply}, {@code username} (never the password), and {@code hint}, the most specific next step:
 * <ul>
 *   <li>{@code m365-smtp-auth-disabled}: 535 5.7.139 — SMTP AUTH is off for the tenant or mailbox (E9)</li>
 *   <li>{@code m365-basic-auth-retired}: 550 5.7.30 — password login for SMTP is retired (E8)</li>
 *   <li>{@code app-password-google}: Google needs an App Password (E4, 534 5.7.9)</li>
 *   <li>{@code app-password-zoho}: Zoho with two-factor needs an app-specific password</li>
 *   <li>{@code app-password}: another provider the knowledge base says wants an app password (Yahoo, iCloud…)</li>
 *   <li>{@code username-account-id}: KAGOYA wants the account id, not the address</li>
 *   <li>{@code username-account-name}: another provider that wants its account name, not the address</li>
 *   <li>{@code username-full-address}: the provider wants the full address as username</li>
 *   <li>{@code temporary}: 454, a temporary failure (try again later)</li>
 *   <li>{@code username-form}: otherwise — full address or account id, and the password</li>
 * </ul>
 * The attempt may have been made by a certificate-name probe of the same server (one attempt per server).
 */
final class AuthFailedRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        List<Finding> out = new ArrayList<>();
        for (CandidateProbe p : o.probes()) {
            ProbeResult r = p.result();
            if (!(r.outcome() instanceof ProbeOutcome.AuthRejected a) || !p.credentialsAllowed()
                    && !m.isSubject(r)) {
                continue;
            }
            Reply reply = a.reply();
            if (reply.code() == 530 || reply.code() == 538 || RuleSupport.mechanismRejection(reply)) {
                continue;
            }
            String username = RuleSupport.username(o);
            String hint = hint(r.endpoint().host(), reply, username, certificateProvider(r));
            Field field = hint.startsWith("username") ? Field.USERNAME : Field.PASSWORD;
            out.add(Finding.of(FindingCode.AUTH_FAILED, Severity.ERROR, field,
                    args("host", r.endpoint().host(), "port", String.valueOf(r.endpoint().port()),
                            "reply", RuleSupport.oneLine(reply), "username", username, "hint", hint)));
        }
        return out;
    }

    private static Optional<KnownProvider> certificateProvider(ProbeResult r) {
        return r.tls().stream().flatMap(t -> t.nameVerdict().presentedNames().stream())
                .map(n -> ProviderKnowledge.builtIn().recognise(n)).flatMap(Optional::stream).findFirst();
    }

    static String hint(String host, Reply reply, String username, Optional<KnownProvider> fromCertificate) {
        String t = RuleSupport.text(reply);
        String enhanced = reply.enhanced().map(Object::toString).orElse("");
        Optional<KnownProvider> provider = ProviderKnowledge.builtIn().recognise(host).or(() -> fromCertificate);
        String id = provider.map(KnownProvider::id).orElse("");
        if (enhanced.equals("5.7.139") || t.contains("5.7.139") || t.contains("smtpclientauthentication")
                || t.contains("security defaults")) {
            return "m365-smtp-auth-disabled";
        }
        if (enhanced.equals("5.7.30") || t.contains("5.7.30") || t.contains("basic authentication is not supported")) {
            return "m365-basic-auth-retired";
        }
        if (id.equals("google") || t.contains("application-specific password")
                || t.contains("username and password not accepted")) {
            return "app-password-google";
        }
        if (reply.code() == 454) {
            return "temporary";
        }
        if (id.equals("zoho")) {
            return "app-password-zoho";
        }
        if (provider.map(p -> p.hasPitfall(FindingCode.PROVIDER_APP_PASSWORD.name())).orElse(false)) {
            return "app-password";
        }
        boolean address = username.contains("@");
        if (provider.map(KnownProvider::wantsAccountId).orElse(false) && address) {
            return id.equals("kagoya") ? "username-account-id" : "username-account-name";
        }
        if (!address && provider.map(p -> !p.wantsAccountId()).orElse(false)) {
            return "username-full-address";
        }
        return "username-form";
    }
}
