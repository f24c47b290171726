package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.discovery.Discovered;
import dev.smtpdoctor.discovery.DiscoveryNote;
import dev.smtpdoctor.discovery.KnownProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What discovery saw, as findings: services a domain says it does not offer (SRV "."), lookups that
 * failed, autoconfig files that could not be used or came over plain HTTP, discovered servers that were
 * probed without the password (RFC 6186 §6: the user must confirm them with the provider), and for a
 * provider recognised by MX, its submission server and username form plus every pitfall the knowledge
 * base lists for it — each pitfall names its own finding code ({@code PROVIDER_*}).
 */
final class DiscoveryRule implements Rule {

    /** The codes this rule emits; they need discovery observations, which the rule tables do not build. */
    static final java.util.Set<FindingCode> CODES = java.util.EnumSet.of(FindingCode.DISCOVERY_SRV_NOT_OFFERED,
            FindingCode.DISCOVERY_SRV_TARGET_REFUSED,
            FindingCode.DISCOVERY_LOOKUP_FAILED, FindingCode.DISCOVERY_AUTOCONFIG_UNUSABLE,
            FindingCode.DISCOVERY_AUTOCONFIG_HTTP_ONLY, FindingCode.DISCOVERY_UNTRUSTED_SERVER,
            FindingCode.PROVIDER_RECOGNISED, FindingCode.PROVIDER_APP_PASSWORD, FindingCode.PROVIDER_USERNAME_ACCOUNT_ID,
            FindingCode.PROVIDER_CERTIFICATE_NAMES_SERVER, FindingCode.PROVIDER_SMTP_AUTH_DISABLED);

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        List<Finding> out = new ArrayList<>();
        for (DiscoveryNote n : o.discovery().notes()) {
            switch (n) {
                case DiscoveryNote.ServiceNotOffered s -> out.add(Finding.of(FindingCode.DISCOVERY_SRV_NOT_OFFERED,
                        Severity.INFO, args("name", s.name(), "source", s.source().name())));
                case DiscoveryNote.SrvTargetRefused r -> out.add(Finding.of(FindingCode.DISCOVERY_SRV_TARGET_REFUSED,
                        Severity.INFO, args("name", r.name(), "target", r.target(), "source", r.source().name())));
                case DiscoveryNote.LookupFailed f -> out.add(Finding.of(FindingCode.DISCOVERY_LOOKUP_FAILED,
                        Severity.INFO, args("name", f.name(), "type", f.type(), "result", f.result())));
                case DiscoveryNote.AutoconfigUnusable u -> out.add(Finding.of(FindingCode.DISCOVERY_AUTOCONFIG_UNUSABLE,
                        Severity.INFO, args("url", u.url(), "problem", u.problem().name())));
                case DiscoveryNote.AutoconfigOverHttp h -> out.add(Finding.of(FindingCode.DISCOVERY_AUTOCONFIG_HTTP_ONLY,
                        Severity.WARNING, args("url", h.url())));
                case DiscoveryNote.ProviderRecognised p -> provider(o, p, out);
            }
        }
        for (Discovered d : o.discovery().discovered()) {
            if (!d.credentials().allowed()) {
                out.add(Finding.of(FindingCode.DISCOVERY_UNTRUSTED_SERVER, Severity.INFO, args(
                        "host", d.candidate().host(), "source", d.candidate().source().name(),
                        "origin", d.candidate().proposal().map(x -> x.origin()).orElse("-"),
                        "reason", d.credentials().name(), "domain", o.settings().domain())));
            }
        }
        return out;
    }

    private static void provider(Observations o, DiscoveryNote.ProviderRecognised p, List<Finding> out) {
        KnownProvider kp = p.match().provider();
        String server = p.match().submissionHosts().isEmpty() ? kp.submissionDisplay()
                : String.join(", ", p.match().submissionHosts());
        String name = kp.name();
        out.add(Finding.of(FindingCode.PROVIDER_RECOGNISED, Severity.INFO, args("provider", kp.id(), "name", name,
                "mx", p.mx(), "domain", o.settings().domain(), "server", server, "username", kp.usernameForm())));
        String host = p.match().submissionHosts().isEmpty() ? p.mx() : p.match().submissionHosts().get(0);
        for (KnownProvider.Pitfall pitfall : kp.pitfalls()) {
            Optional<FindingCode> code = code(pitfall.finding());
            if (code.isEmpty()) {
                continue; // validated by ProviderKnowledgeTest; an unknown code in a hand-made base is skipped
            }
            String setting = pitfall.setting() == null ? "" : pitfall.setting();
            if (code.get() == FindingCode.PROVIDER_USERNAME_ACCOUNT_ID) {
                Optional<String> typed = o.settings().username().filter(u -> !u.isBlank());
                boolean looksLikeAddress = typed.isEmpty() || typed.get().contains("@");
                out.add(Finding.of(code.get(), looksLikeAddress ? Severity.WARNING : Severity.INFO, Field.USERNAME,
                        args("provider", kp.id(), "name", name, "host", host, "example", setting,
                                "username", typed.orElse(o.settings().address()))));
                continue;
            }
            Severity severity = code.get() == FindingCode.PROVIDER_APP_PASSWORD
                    || code.get() == FindingCode.PROVIDER_CERTIFICATE_NAMES_SERVER ? Severity.INFO : Severity.WARNING;
            out.add(Finding.of(code.get(), severity, args("provider", kp.id(), "name", name, "host", host,
                    "setting", setting)));
        }
    }

    private static Optional<FindingCode> code(String name) {
        try {
            return Optional.of(FindingCode.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
