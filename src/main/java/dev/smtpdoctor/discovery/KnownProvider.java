package dev.smtpdoctor.discovery;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One provider of the knowledge base, its patterns compiled. Immutable.
 *
 * @param facts        the entry as written in {@code providers.json}
 * @param mxPatterns   compiled {@code mx.patterns}, matched in full, case-insensitively
 * @param hostPattern  compiled {@code submission.hostPattern}: the hosts this provider operates; empty when the
 *                     knowledge base vouches for none (then no host of it ever receives the password through it)
 */
public record KnownProvider(ProviderFacts.Entry facts, List<Pattern> mxPatterns, Optional<Pattern> hostPattern) {

    public KnownProvider {
        mxPatterns = List.copyOf(mxPatterns);
    }

    /** A recognised mail host: which provider, and the submission hosts it gives. */
    public record Match(KnownProvider provider, String matchedName, List<String> submissionHosts) {
    }

    /** Whether {@code host} (a wildcard name counts as its domain) lies under one of this provider's domains. */
    public boolean recognises(String host) {
        String h = HostName.normalise(host);
        if (h.startsWith("*.")) {
            h = h.substring(2);
        }
        for (String d : facts.domains()) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    /** A known problem of this provider: the {@code PROVIDER_…} finding code, and the provider's name for its setting. */
    public record Pitfall(String finding, String setting) {
    }

    /** The provider's name in English. */
    public String name() {
        return facts.name();
    }

    /** What to tell the user when no submission host can be derived, e.g. {@code sv****.xserver.jp}. */
    public String submissionDisplay() {
        return facts.submission().display();
    }

    /** {@code ADDRESS} or {@code ACCOUNT_ID}: the username form the provider wants. */
    public String usernameForm() {
        return facts.username().form();
    }

    /** The provider's known problems, in the knowledge base's order. */
    public java.util.List<Pitfall> pitfalls() {
        return facts.pitfalls().stream().map(p -> new Pitfall(p.finding(), p.setting())).toList();
    }

    /** Whether the knowledge base lists this pitfall ({@code PROVIDER_…} finding code) for the provider. */
    public boolean hasPitfall(String findingCode) {
        return facts.pitfalls().stream().anyMatch(p -> p.finding().equals(findingCode));
    }

    /** Whether the provider wants the account id as username rather than the full address. */
    public boolean wantsAccountId() {
        return "ACCOUNT_ID".equals(facts.username().form());
    }

    public String id() {
        return facts.id();
    }

    /** The provider's submission modes, preferred first. */
    public List<Mode> modes() {
        List<Mode> out = new ArrayList<>();
        for (ProviderFacts.ModeFact m : facts.submission().modes()) {
            out.add(new Mode(m.port(), Security.parse(m.security()).orElseThrow()));
        }
        return out;
    }

    /** Whether this provider runs {@code host} (so it may receive the password, RFC 6186 §6). */
    public boolean operates(String host) {
        String h = HostName.normalise(host);
        return hostPattern.map(p -> p.matcher(h).matches()).orElse(false);
    }

    /** The match for an MX host or reverse name, with submission hosts filled in from the templates. */
    public Optional<Match> match(String name) {
        String n = HostName.normalise(name);
        for (Pattern p : mxPatterns) {
            Matcher m = p.matcher(n);
            if (m.matches()) {
                List<String> hosts = new ArrayList<>();
                for (String template : facts.submission().hosts()) {
                    String h = fill(template, m);
                    if (operates(h) && !hosts.contains(h)) {
                        hosts.add(h);
                    }
                }
                return Optional.of(new Match(this, n, List.copyOf(hosts)));
            }
        }
        return Optional.empty();
    }

    private static String fill(String template, Matcher m) {
        String out = template;
        for (int g = 0; g <= m.groupCount(); g++) {
            String v = m.group(g);
            out = out.replace("{" + g + "}", v == null ? "" : v);
        }
        return HostName.normalise(out);
    }
}
