package dev.smtpdoctor.discovery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.model.Security;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The provider knowledge base (docs/providers.md): hosting and mail providers recognised by the domain's
 * MX hosts, with their submission server, ports, username form, pitfalls and a source for each fact.
 * The data is {@code providers.json} next to this class, easy to extend by a pull request; loading
 * checks it thoroughly (every fact has a known source with an https URL, every pattern compiles, no two
 * providers claim the same domain) and fails with a message naming the entry. Immutable and thread-safe.
 */
public final class ProviderKnowledge {

    public static final String RESOURCE = "/dev/smtpdoctor/discovery/providers.json";
    static final Set<String> STATUSES = Set.of("confirmed", "reported", "inferred", "unconfirmed");
    static final Set<String> USERNAME_FORMS = Set.of("ADDRESS", "ACCOUNT_ID");
    static final Set<String> HOST_FORMS = Set.of("FIXED", "PER_SERVER", "PER_ACCOUNT", "CUSTOMER_DOMAIN");
    static final String CHECKED = "20\\d\\d-(0[1-9]|1[0-2])";

    private static volatile ProviderKnowledge builtIn;

    private final List<KnownProvider> providers;

    private ProviderKnowledge(List<KnownProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The knowledge base shipped in the jar, loaded once. */
    public static ProviderKnowledge builtIn() {
        ProviderKnowledge kb = builtIn;
        if (kb == null) {
            try (InputStream in = ProviderKnowledge.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the class path");
                }
                kb = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = kb;
        }
        return kb;
    }

    /**
     * Reads and checks a knowledge-base document.
     *
     * @throws IllegalArgumentException naming the entry and the field when the data is not usable
     */
    public static ProviderKnowledge parse(InputStream json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        ProviderFacts.Document doc = mapper.readValue(json, ProviderFacts.Document.class);
        require(doc.schema() == 1, "schema", "must be 1");
        require(doc.providers() != null && !doc.providers().isEmpty(), "providers", "missing");
        List<KnownProvider> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ProviderFacts.Entry e : doc.providers()) {
            KnownProvider p = compile(e);
            require(ids.add(e.id()), e.id(), "duplicate id");
            out.add(p);
        }
        distinctDomains(out);
        return new ProviderKnowledge(out);
    }

    private static KnownProvider compile(ProviderFacts.Entry e) {
        require(e.id() != null && e.id().matches("[a-z0-9-]+"), String.valueOf(e.id()), "id must be lower-case words with hyphens");
        String id = e.id();
        require(e.name() != null && e.nameJa() != null, id, "name and nameJa are required");
        require(e.sources() != null && !e.sources().isEmpty(), id, "sources are required");
        e.sources().forEach((key, s) -> {
            require(s != null && s.url() != null && s.url().matches("https://[^\\s…]+"), id + ".sources." + key,
                    "needs an https url");
            require(STATUSES.contains(s.status()), id + ".sources." + key, "status must be one of " + STATUSES);
            require(s.checked() == null || s.checked().matches(CHECKED), id + ".sources." + key,
                    "checked must be a month, e.g. 2026-12");
        });
        require(e.domains() != null && !e.domains().isEmpty()
                && e.domains().stream().allMatch(d -> dev.smtpdoctor.model.HostName.isStrict(d)
                        && d.equals(dev.smtpdoctor.model.HostName.normalise(d)) && d.indexOf('.') > 0),
                id + ".domains", "at least one domain, each a lower-case host name with a dot");
        source(e, "domains", e.domainsSource());
        List<Pattern> mx = new ArrayList<>();
        if (e.mx() != null) {
            require(e.mx().patterns() != null && !e.mx().patterns().isEmpty(), id + ".mx", "patterns required");
            source(e, "mx", e.mx().source());
            for (String p : e.mx().patterns()) {
                mx.add(pattern(id + ".mx", p));
            }
            require(e.examples() != null && !e.examples().isEmpty(), id + ".examples", "at least one example");
        }
        ProviderFacts.Submission s = e.submission();
        require(s != null && s.hosts() != null && s.display() != null, id + ".submission",
                "hosts and display are required");
        require(s.hostPattern() != null || s.hosts().isEmpty(), id + ".submission",
                "hosts need a hostPattern (the hosts the provider operates)");
        require(HOST_FORMS.contains(s.hostForm()), id + ".submission.hostForm", "must be one of " + HOST_FORMS);
        source(e, "submission", s.source());
        require(s.modes() != null && !s.modes().isEmpty(), id + ".submission.modes", "at least one mode");
        for (ProviderFacts.ModeFact m : s.modes()) {
            require(m.port() > 0 && m.port() < 65536 && Security.parse(m.security()).isPresent(),
                    id + ".submission.modes", "port 1..65535 and security ssl|tls|none");
        }
        require(e.username() != null && USERNAME_FORMS.contains(e.username().form()), id + ".username",
                "form must be one of " + USERNAME_FORMS);
        source(e, "username", e.username().source());
        require(e.pitfalls() != null, id + ".pitfalls", "required (may be empty)");
        for (ProviderFacts.Pitfall p : e.pitfalls()) {
            require(p.finding() != null && p.finding().matches("PROVIDER_[A-Z0-9_]+"), id + ".pitfalls",
                    "finding must be a PROVIDER_ code");
            source(e, "pitfalls." + p.finding(), p.source());
        }
        Optional<Pattern> hostPattern = s.hostPattern() == null ? Optional.empty()
                : Optional.of(pattern(id + ".submission.hostPattern", s.hostPattern()));
        return new KnownProvider(e, List.copyOf(mx), hostPattern);
    }

    /**
     * No two providers claim the same domain, nor one below another's: recognising is by domain, and a
     * name must name exactly one provider (docs/providers.md).
     */
    private static void distinctDomains(List<KnownProvider> providers) {
        for (KnownProvider a : providers) {
            for (KnownProvider b : providers) {
                if (a == b) {
                    continue;
                }
                for (String d : a.facts().domains()) {
                    require(!b.recognises(d), a.id() + ".domains", d + " is also claimed by " + b.id());
                }
            }
        }
    }

    private static void source(ProviderFacts.Entry e, String fact, String key) {
        require(key != null && e.sources().containsKey(key), e.id() + "." + fact, "source '" + key + "' is not in sources");
    }

    private static Pattern pattern(String where, String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException(where + ": " + ex.getDescription() + " in " + regex);
        }
    }

    private static void require(boolean ok, String where, String what) {
        if (!ok) {
            throw new IllegalArgumentException("providers.json " + where + ": " + what);
        }
    }

    public List<KnownProvider> providers() {
        return providers;
    }

    public Optional<KnownProvider> byId(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The provider whose servers live under {@code host}'s domain: a server name, or a name in a certificate
     * ({@code *.xserver.jp} counts as {@code xserver.jp}). Recognising a provider only selects what to say
     * about it; it never lets the password go anywhere ({@link CredentialPolicy} uses {@link KnownProvider#operates}).
     */
    public Optional<KnownProvider> recognise(String host) {
        return providers.stream().filter(p -> p.recognises(host)).findFirst();
    }

    /** The first provider whose MX patterns match {@code name} (an MX host or a reverse name). */
    public Optional<KnownProvider.Match> match(String name) {
        for (KnownProvider p : providers) {
            Optional<KnownProvider.Match> m = p.match(name);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
