package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.dns.DnsResult;
import java.util.List;
import java.util.Optional;

/**
 * DMARC policy discovery (RFC 7489 §6.6.3): {@code _dmarc.<domain>}, and when that holds no record,
 * {@code _dmarc.<organisational domain>} ({@link DomainNames#organisationalDomain}, an approximation of
 * the Public Suffix List). A DNS failure stops discovery: a receiver would retry later rather than fall back.
 */
public final class DmarcLookup {

    private final Dns dns;

    public DmarcLookup(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    public DmarcResult lookup(String domain) {
        String d = HostName.normalise(domain);
        DmarcResult first = at(d, d, false);
        String org = DomainNames.organisationalDomain(d);
        if (first.status() != DmarcResult.Status.NONE || org.equals(d)) {
            return first;
        }
        return at(d, org, true);
    }

    private DmarcResult at(String domain, String owner, boolean organisational) {
        String name = "_dmarc." + owner;
        DnsResult<String> txt = dns.txt(name);
        if (DomainDns.failed(txt)) {
            return new DmarcResult(DmarcResult.Status.DNS_FAILURE, domain, name, organisational, Optional.empty(),
                    Optional.empty(), Optional.of(DomainDns.kind(txt)));
        }
        List<String> records = txt.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return new DmarcResult(DmarcResult.Status.NONE, domain, name, organisational, Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (records.size() > 1) {
            return new DmarcResult(DmarcResult.Status.MULTIPLE, domain, name, organisational,
                    Optional.of(DmarcRecord.parse(records.get(0))), Optional.empty(), Optional.empty());
        }
        DmarcRecord r = DmarcRecord.parse(records.get(0));
        if (r.policy().isEmpty()) {
            return new DmarcResult(DmarcResult.Status.INVALID, domain, name, organisational, Optional.of(r),
                    Optional.empty(), Optional.empty());
        }
        Optional<DmarcRecord.Policy> effective = organisational && r.subdomainPolicy().isPresent()
                ? r.subdomainPolicy() : r.policy();
        return new DmarcResult(DmarcResult.Status.FOUND, domain, name, organisational, Optional.of(r), effective,
                Optional.empty());
    }
}
