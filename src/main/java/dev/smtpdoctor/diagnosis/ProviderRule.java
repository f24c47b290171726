package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.discovery.KnownProvider;
import dev.smtpdoctor.discovery.ProviderKnowledge;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static dev.smtpdoctor.model.Finding.args;

import dev.smtpdoctor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this computer cannot see. PROVIDER_FOREIGN_IP_FILTER: Xserver, Sakura and お名前.com filter SMTP
 * login from foreign IP addresses; Google's servers connect from the US, so Gmail can be blocked although
 * the test from here (usually a Japanese address) passed (docs/providers.md). Arg {@code provider} selects
 * which setting to check. PROVIDER_PASSWORD_AUTH_ENDING: Microsoft 365 turns password SMTP AUTH off by
 * default from the end of December 2026, and Gmail's send-as has no OAuth.
 *
 * <p>The provider and its pitfalls come from the knowledge base ({@code providers.json}, docs/providers.md),
 * recognised from the server names and from the names in their certificates (a
 * customer's {@code mail.example.jp} at Xserver presents {@code *.xserver.jp}).
 */
final class ProviderRule implements Rule {

    @Override
    public List<Finding> apply(CheckView view) {
        Observations o = view.observations();
        CheckView m = view;
        Map<KnownProvider, String> seen = new LinkedHashMap<>();
        List<ProbeResult> connected = m.focusProbes().stream().map(CandidateProbe::result)
                .filter(CheckView::connected).toList();
        // Server names first (what the user types), then the names in their certificates.
        for (CandidateProbe p : m.focusProbes()) {
            if (CheckView.connected(p.result())) {
                note(seen, p.result().endpoint().host());
                p.candidate().sameServerAs().ifPresent(h -> note(seen, h));
            }
        }
        for (ProbeResult r : connected) {
            r.tls().ifPresent(t -> t.nameVerdict().presentedNames().forEach(n -> note(seen, n)));
        }
        List<Finding> out = new ArrayList<>();
        seen.forEach((provider, host) -> {
            if (o.discovery().recognised(provider.id())) {
                return; // DiscoveryRule reports this provider's pitfalls from the knowledge base
            }
            if (provider.hasPitfall(FindingCode.PROVIDER_FOREIGN_IP_FILTER.name())) {
                out.add(Finding.of(FindingCode.PROVIDER_FOREIGN_IP_FILTER, Severity.WARNING,
                        args("provider", provider.id(), "host", host)));
            } else if (provider.hasPitfall(FindingCode.PROVIDER_PASSWORD_AUTH_ENDING.name())) {
                out.add(Finding.of(FindingCode.PROVIDER_PASSWORD_AUTH_ENDING, Severity.WARNING,
                        args("provider", provider.id(), "host", host)));
            }
        });
        return out;
    }

    private static void note(Map<KnownProvider, String> seen, String name) {
        Optional<KnownProvider> p = ProviderKnowledge.builtIn().recognise(name);
        p.ifPresent(x -> seen.putIfAbsent(x, name));
    }
}
