package dev.smtpdoctor.discovery;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.model.HostName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Recognises the provider from the domain's MX hosts with the knowledge base. An MX host that matches no
 * provider is looked up once more by its reverse name: at shared hosting the MX is often the customer's
 * own domain, while its address reverses to the provider's server ({@code sv1234.xserver.jp}). At most
 * {@link #MAX_MX} MX hosts, lowest preference first; one match per provider. Stateless.
 */
final class ProviderDiscovery {

    static final int MAX_MX = 3;

    private ProviderDiscovery() {
    }

    static Part find(Dns dns, ProviderKnowledge kb, String address, String domain) {
        List<MxRecord> mx = dns.mx(domain).records().stream().filter(r -> !r.isNullMx())
                .sorted(Comparator.comparingInt(MxRecord::preference)).limit(MAX_MX).toList();
        List<Candidate> candidates = new ArrayList<>();
        List<DiscoveryNote> notes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MxRecord r : mx) {
            String host = HostName.normalise(r.exchange());
            Optional<KnownProvider.Match> m = kb.match(host).or(() -> byReverseName(dns, kb, host));
            if (m.isEmpty() || !seen.add(m.get().provider().id())) {
                continue;
            }
            KnownProvider.Match match = m.get();
            notes.add(new DiscoveryNote.ProviderRecognised(match, host));
            KnownProvider p = match.provider();
            dev.smtpdoctor.model.Mode first = p.modes().get(0);
            Optional<String> username = p.usernameForm().equals("ADDRESS") ? Optional.of(address)
                    : Optional.empty();
            String origin = "MX " + host + (match.matchedName().equals(host) ? "" : " → " + match.matchedName())
                    + " → " + p.id();
            for (String h : match.submissionHosts()) {
                candidates.add(Candidate.discovered(h, CandidateSource.PROVIDER_MX, new Proposal(
                        OptionalInt.of(first.port()), Optional.of(first.security()), username,
                        Proposal.Channel.KNOWLEDGE_BASE, origin, Optional.of(p.id()))));
            }
        }
        return new Part(candidates, notes);
    }

    /** The provider of the MX host's first address, by its reverse (PTR) name. */
    private static Optional<KnownProvider.Match> byReverseName(Dns dns, ProviderKnowledge kb, String host) {
        List<InetAddress> addresses = dns.addresses(host).records();
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        for (String name : dns.ptr(addresses.get(0)).records()) {
            Optional<KnownProvider.Match> m = kb.match(name);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
