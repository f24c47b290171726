package dev.smtpdoctor.http;

import java.net.URI;
import java.time.Duration;

/**
 * Fetches one small document over HTTP(S) (discovery's autoconfig file). Implementations must verify
 * HTTPS certificates (chain, and the name asked for), stop at {@code maxBytes}, return by {@code timeout}
 * for the whole fetch — name lookup, every connect, the TLS handshake, redirects and the body — try
 * every address the name resolves to when connecting fails, never downgrade a redirect from https to
 * http, and never throw for what the network or a server does. Thread-safe.
 */
public interface HttpFetcher {

    FetchResult get(URI uri, int maxBytes, Duration timeout);
}
