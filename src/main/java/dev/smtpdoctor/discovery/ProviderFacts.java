package dev.smtpdoctor.discovery;

import java.util.List;
import java.util.Map;

/**
 * The shape of {@code providers.json}, field for field, as Jackson reads it (unknown fields are
 * refused, so a typo in a pull request fails the build). Plain data, checked and compiled by
 * {@link ProviderKnowledge}; docs/providers.md describes each field.
 */
public final class ProviderFacts {

    private ProviderFacts() {
    }

    /** The whole file. */
    public record Document(List<String> _readme, int schema, List<Entry> providers) {
    }

    /**
     * One provider. Every fact names a key of {@link #sources}. {@code domains}: the DNS domains (or single
     * hosts) its mail servers live under, to recognise it from a server name or a name in a certificate;
     * {@code domainsSource} names the source that shows the provider runs them. {@code mx} is absent when no
     * source shows which names appear in customers' MX records (then {@code examples} may be empty).
     */
    public record Entry(String id, String name, String nameJa, List<String> domains, String domainsSource, Mx mx,
                        Submission submission, Username username, List<Pitfall> pitfalls, List<Example> examples,
                        Map<String, Source> sources) {
    }

    /** Regexes matched in full against an MX host or its reverse name. */
    public record Mx(List<String> patterns, String source) {
    }

    /**
     * The submission server: {@code hosts} are templates ({0} = the matched name, {1}.. its groups);
     * {@code hostPattern} matches only hosts the provider itself runs (absent: no host is vouched for, and
     * {@code hosts} must be empty); {@code display} is what to tell the user when no host can be derived
     * (e.g. {@code sv****.xserver.jp}); {@code hostForm} is the form of the name the provider's certificate
     * covers: {@code FIXED} (one name for every customer, {@code smtp.gmail.com}), {@code PER_SERVER} (the
     * customer's server, {@code sv1234.xserver.jp}), {@code PER_ACCOUNT} (a name per contract,
     * {@code <account>.sakura.ne.jp}) or {@code CUSTOMER_DOMAIN} (documented as the customer's own domain).
     */
    public record Submission(List<String> hosts, String hostPattern, String display, String hostForm,
                             List<ModeFact> modes, String source) {
    }

    /** A port and security id ({@code ssl}, {@code tls}, {@code none}), preferred first. */
    public record ModeFact(int port, String security) {
    }

    /** {@code ADDRESS} (the full email address) or {@code ACCOUNT_ID} (a provider account name). */
    public record Username(String form, String example, String source) {
    }

    /** A known problem: the finding code it raises, the provider's own name for the setting, the source. */
    public record Pitfall(String finding, String setting, String source) {
    }

    /** A test case: this MX gives exactly these submission hosts. */
    public record Example(String mx, List<String> hosts) {
    }

    /**
     * Where a fact comes from: an https URL; status is confirmed (read on the provider's own page), reported
     * (a secondary source), inferred or unconfirmed; {@code checked} is the month the source was last read
     * ({@code 2026-12}), absent when it was not re-read since it was entered.
     */
    public record Source(String url, String status, String checked, String note) {
    }
}
