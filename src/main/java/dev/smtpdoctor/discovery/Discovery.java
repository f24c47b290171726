package dev.smtpdoctor.discovery;

import dev.smtpdoctor.http.HttpFetcher;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.SanitisedDns;
import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.HostName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Finds candidate submission servers for an address beyond the typed one and the guesses:
 * DNS SRV ({@link SrvDiscovery}), the domain's autoconfig file ({@link AutoconfigDiscovery}) and the
 * provider knowledge base matched by MX ({@link ProviderDiscovery}). The three run at the same time on
 * virtual threads under one deadline; a source that is not done by then is left out. Each candidate is
 * tagged with its source and what the source proposes, and judged by the {@link CredentialPolicy} for the
 * address's domain, which the result carries so the matrix applies the same one.
 *
 * <p>Without a {@link Dns}, SRV and MX are skipped; without an {@link HttpFetcher}, autoconfig is.
 * Never throws for what the network does. Immutable and thread-safe.
 */
public final class Discovery {

    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(5);

    private final Optional<Dns> dns;
    private final Optional<HttpFetcher> http;
    private final ProviderKnowledge knowledge;
    private final Duration limit;

    public Discovery(Optional<Dns> dns, Optional<HttpFetcher> http, ProviderKnowledge knowledge, Duration limit) {
        this.dns = dns.map(SanitisedDns::of);
        this.http = http;
        this.knowledge = knowledge;
        this.limit = limit;
    }

    /**
     * @param address the address being added, A-label domain ({@code you@example.jp})
     */
    public DiscoveryResult discover(String address) {
        String domain = HostName.normalise(address.substring(address.lastIndexOf('@') + 1));
        CredentialPolicy policy = CredentialPolicy.forDomain(domain, knowledge);
        Deadline deadline = Deadline.after(limit, "discovery");
        List<Callable<Part>> sources = new ArrayList<>();
        dns.ifPresent(d -> sources.add(() -> SrvDiscovery.find(d, domain)));
        http.ifPresent(h -> sources.add(() -> AutoconfigDiscovery.find(h, address, domain, deadline)));
        dns.ifPresent(d -> sources.add(() -> ProviderDiscovery.find(d, knowledge, address, domain)));
        List<Part> parts = run(sources, deadline);
        List<DiscoveryNote> notes = new ArrayList<>();
        Map<String, Discovered> byHost = new LinkedHashMap<>();
        for (Part p : parts) {
            notes.addAll(p.notes());
            for (Candidate c : p.candidates()) {
                Discovered d = new Discovered(c, policy.decide(c));
                Discovered before = byHost.get(c.host());
                // One entry per host: the first source wins, unless a later one may receive the password.
                if (before == null || (!before.credentials().allowed() && d.credentials().allowed())) {
                    byHost.put(c.host(), d);
                }
            }
        }
        return new DiscoveryResult(List.copyOf(byHost.values()), notes, policy);
    }

    /**
     * Runs the sources and returns what finished by the deadline. The executor is shut down without waiting:
     * a source stuck in a lookup that ignores interruption must not hold the check beyond its limit.
     */
    private static List<Part> run(List<Callable<Part>> sources, Deadline deadline) {
        if (sources.isEmpty()) {
            return List.of();
        }
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Part>> futures = ex.invokeAll(sources, deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            List<Part> out = new ArrayList<>();
            for (Future<Part> f : futures) {
                try {
                    out.add(f.get());
                } catch (CancellationException | ExecutionException e) {
                    // Late or broken source: discovery goes on without it.
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            ex.shutdownNow();
        }
    }
}
