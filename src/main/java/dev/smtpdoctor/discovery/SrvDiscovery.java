package dev.smtpdoctor.discovery;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.SrvRecord;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * RFC 6186 / RFC 8314 service records: {@code _submissions._tcp.<domain>} (implicit TLS, usually 465)
 * and {@code _submission._tcp.<domain>} (usually 587 with STARTTLS). Records are taken by priority,
 * then weight (heaviest first, instead of RFC 2782's random pick, so the report is stable). A lone
 * target "." means "not offered" and becomes a note, not a candidate. Invalid targets (bad names, an IP
 * address instead of a name, a bad port) are dropped <em>before</em> the top {@value #MAX_TARGETS} are
 * picked, so they cannot push valid records out; an address target is refused with a note. Stateless.
 */
final class SrvDiscovery {

    static final int MAX_TARGETS = 3;

    private SrvDiscovery() {
    }

    static Part find(Dns dns, String domain) {
        List<Candidate> candidates = new ArrayList<>();
        List<DiscoveryNote> notes = new ArrayList<>();
        service(dns, "_submissions._tcp." + domain, CandidateSource.SRV_SUBMISSIONS, Security.SSL, candidates, notes);
        service(dns, "_submission._tcp." + domain, CandidateSource.SRV_SUBMISSION, Security.TLS, candidates, notes);
        return new Part(candidates, notes);
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }

    private static void service(Dns dns, String name, CandidateSource source, Security security,
                                List<Candidate> candidates, List<DiscoveryNote> notes) {
        DnsResult<SrvRecord> r = dns.srv(name);
        switch (r) {
            case DnsResult.Found<SrvRecord> f -> {
                // Filter first, then pick: invalid records of a better priority must not push valid ones out.
                List<SrvRecord> usable = new ArrayList<>();
                if (f.records().stream().allMatch(SrvRecord::notOffered)) {
                    notes.add(new DiscoveryNote.ServiceNotOffered(source, name));
                    return;
                }
                int refused = 0;
                for (SrvRecord rec : f.records()) {
                    if (rec.notOffered()) {
                        continue;
                    }
                    String host = HostName.normalise(rec.target());
                    if (HostName.looksLikeAddress(host)) {
                        if (refused++ < MAX_TARGETS) {
                            notes.add(new DiscoveryNote.SrvTargetRefused(source, name, abbreviate(host)));
                        }
                        continue;
                    }
                    if (HostName.isStrict(host) && rec.port() >= 1 && rec.port() <= 65535) {
                        usable.add(rec);
                    }
                }
                usable.sort(Comparator.comparingInt(SrvRecord::priority)
                        .thenComparing(Comparator.comparingInt(SrvRecord::weight).reversed()));
                for (SrvRecord rec : usable.subList(0, Math.min(MAX_TARGETS, usable.size()))) {
                    String host = HostName.normalise(rec.target());
                    candidates.add(Candidate.discovered(host, source, new Proposal(OptionalInt.of(rec.port()),
                            Optional.of(security), Optional.empty(), Proposal.Channel.DNS, name, Optional.empty())));
                }
            }
            case DnsResult.ServerFailure<SrvRecord> sf -> notes.add(new DiscoveryNote.LookupFailed(name, "SRV", sf.rcode()));
            case DnsResult.TimedOut<SrvRecord> t -> notes.add(new DiscoveryNote.LookupFailed(name, "SRV", "TIMEOUT"));
            case DnsResult.NoSuchDomain<SrvRecord> n -> {
            }
            case DnsResult.NoData<SrvRecord> n -> {
            }
        }
    }
}
