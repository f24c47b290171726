package dev.smtpdoctor.discovery;

import dev.smtpdoctor.http.FetchResult;
import dev.smtpdoctor.http.HttpFetcher;
import dev.smtpdoctor.model.Deadline;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The domain's own autoconfig file, where Thunderbird looks for it: first
 * {@code https://autoconfig.<d>/mail/config-v1.1.xml?emailaddress=<address>} and
 * {@code https://<d>/.well-known/autoconfig/mail/config-v1.1.xml} (fetched at the same time; the first
 * usable one wins), then — only when neither gave a file — {@code http://autoconfig.<d>/...} as an
 * untrusted fallback, asked without the address (it would cross the network readable). Files are capped
 * at {@link #MAX_BYTES} and the whole lookup at the discovery deadline. Stateless.
 */
final class AutoconfigDiscovery {

    static final int MAX_BYTES = 64 * 1024;

    private AutoconfigDiscovery() {
    }

    static Part find(HttpFetcher http, String address, String domain, Deadline deadline) {
        String query = "?emailaddress=" + URLEncoder.encode(address, StandardCharsets.UTF_8);
        List<URI> secure = List.of(URI.create("https://autoconfig." + domain + "/mail/config-v1.1.xml" + query),
                URI.create("https://" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml"));
        List<DiscoveryNote> notes = new ArrayList<>();
        List<FetchResult> results = fetchAll(http, secure, deadline);
        for (FetchResult r : results) {
            Optional<List<Candidate>> found = use(r, address, notes);
            if (found.isPresent()) {
                return new Part(found.get(), notes);
            }
        }
        URI plain = URI.create("http://autoconfig." + domain + "/mail/config-v1.1.xml");
        if (!deadline.expired()) {
            FetchResult r = http.get(plain, MAX_BYTES, Duration.ofMillis(deadline.remainingMillis()));
            Optional<List<Candidate>> found = use(r, address, notes);
            if (found.isPresent()) {
                notes.add(new DiscoveryNote.AutoconfigOverHttp(plain.toString()));
                return new Part(found.get(), notes);
            }
        }
        return new Part(List.of(), notes);
    }

    private static List<FetchResult> fetchAll(HttpFetcher http, List<URI> uris, Deadline deadline) {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FetchResult>> futures = new ArrayList<>();
            for (URI u : uris) {
                futures.add(ex.submit(() -> http.get(u, MAX_BYTES, Duration.ofMillis(deadline.remainingMillis()))));
            }
            List<FetchResult> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(new FetchResult.Unreachable(uris.get(i), String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(new FetchResult.TimedOut(uris.get(i)));
                }
            }
            return out;
        }
    }

    /** The candidates of a usable file, or empty (with a note when something was there but unusable). */
    private static Optional<List<Candidate>> use(FetchResult r, String address, List<DiscoveryNote> notes) {
        String url = r.uri().toString();
        switch (r) {
            case FetchResult.Body b -> {
                AutoconfigFile.Parsed parsed = AutoconfigFile.parse(b.bytes(), address);
                if (parsed.problem().isPresent()) {
                    notes.add(new DiscoveryNote.AutoconfigUnusable(url, switch (parsed.problem().get()) {
                        case DOCTYPE_REFUSED -> DiscoveryNote.Problem.DOCTYPE_REFUSED;
                        case NOT_AUTOCONFIG -> DiscoveryNote.Problem.NOT_AUTOCONFIG;
                        case NO_SMTP_SERVER -> DiscoveryNote.Problem.NO_SMTP_SERVER;
                    }));
                    return Optional.empty();
                }
                Proposal.Channel channel = b.verified() ? Proposal.Channel.HTTPS : Proposal.Channel.HTTP;
                List<Candidate> out = new ArrayList<>();
                for (AutoconfigFile.OutgoingServer s : parsed.servers()) {
                    out.add(Candidate.discovered(s.hostname(), CandidateSource.AUTOCONFIG,
                            new Proposal(s.port(), s.security(), s.username(), channel, url, Optional.empty())));
                }
                return Optional.of(out);
            }
            case FetchResult.TooLarge t -> notes.add(new DiscoveryNote.AutoconfigUnusable(url, DiscoveryNote.Problem.TOO_LARGE));
            case FetchResult.TimedOut t -> notes.add(new DiscoveryNote.AutoconfigUnusable(url, DiscoveryNote.Problem.TIMED_OUT));
            case FetchResult.TlsFailed t -> notes.add(new DiscoveryNote.AutoconfigUnusable(url, DiscoveryNote.Problem.TLS_FAILED));
            case FetchResult.Malformed m -> notes.add(new DiscoveryNote.AutoconfigUnusable(url, DiscoveryNote.Problem.NOT_HTTP));
            case FetchResult.HttpStatus s -> {
                // 404 and friends: most domains have no autoconfig file; nothing to say.
            }
            case FetchResult.Unreachable u -> {
                // No such host or nothing listening: the usual case, not worth a note.
            }
        }
        return Optional.empty();
    }
}
