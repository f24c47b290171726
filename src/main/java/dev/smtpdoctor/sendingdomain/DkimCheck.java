package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.dns.DnsResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Looks for DKIM key records (RFC 6376 §3.6.1, §3.6.2.1) under each selector, in parallel. A key
 * record is a TXT record of tag=value pairs with a {@code p=} tag; {@code v=}, when present, must be
 * {@code DKIM1}. CNAMEs (Microsoft 365 points {@code selector1._domainkey} to its own zone) are followed
 * by the {@link Dns}.
 */
public final class DkimCheck {

    private final Dns dns;

    public DkimCheck(Dns dns) {
        this.dns = SanitisedDns.of(dns);
    }

    /** @param selectors selector to where it came from, in the order to report them */
    public DkimResult check(String domain, Map<String, DkimResult.Source> selectors) {
        String d = HostName.normalise(domain);
        List<CompletableFuture<DkimResult.Selector>> futures = new ArrayList<>();
        for (Map.Entry<String, DkimResult.Source> e : new LinkedHashMap<>(selectors).entrySet()) {
            String name = e.getKey() + "._domainkey." + d;
            futures.add(CompletableFuture.supplyAsync(() -> new DkimResult.Selector(e.getKey(), e.getValue(), name,
                    status(dns.txt(name))), r -> Thread.ofVirtual().name("dkim").start(r)));
        }
        return new DkimResult(d, futures.stream().map(CompletableFuture::join).toList());
    }

    static DkimResult.Status status(DnsResult<String> txt) {
        if (DomainDns.failed(txt)) {
            return DkimResult.Status.DNS_FAILURE;
        }
        if (txt.records().isEmpty()) {
            return DkimResult.Status.NOT_FOUND;
        }
        DkimResult.Status best = DkimResult.Status.NOT_A_KEY;
        for (String record : txt.records()) {
            Map<String, String> tags = tags(record);
            String v = tags.get("v");
            if (!tags.containsKey("p") || (v != null && !v.equals("DKIM1"))) {
                continue;
            }
            if (!tags.get("p").isEmpty()) {
                return DkimResult.Status.KEY_FOUND;
            }
            best = DkimResult.Status.REVOKED;
        }
        return best;
    }

    /** tag=value pairs separated by semicolons; whitespace inside values (folded base64) removed. */
    private static Map<String, String> tags(String record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(part.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).replaceAll("\\s+", ""));
            }
        }
        return out;
    }
}
