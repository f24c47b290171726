package dev.smtpdoctor.http;

import java.net.URI;
import java.time.Duration;

/**
 * Fetches one small document over HTTP(S) for discovery (the autoconfig file). Implementations must
 * verify HTTPS certificates (chain and name), stop at {@code maxBytes} and at {@code timeout} for the
 * whole exchange including redirects, never downgrade a redirect from https to http, and never throw
 * for what the network or a server does. Thread-safe.
 */
public interface HttpFetcher {

    FetchResult get(URI uri, int maxBytes, Duration timeout);
}
