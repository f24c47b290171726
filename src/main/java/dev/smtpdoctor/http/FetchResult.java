package dev.smtpdoctor.http;

import dev.smtpdoctor.text.UntrustedText;
import java.net.URI;

/**
 * What fetching a document gave. Immutable (the body array is not copied; do not modify it). A
 * failure's reason (an exception's message, which may quote the server) passes {@link UntrustedText#clean}.
 */
public sealed interface FetchResult {

    /** The URI asked for (not the one redirected to). */
    URI uri();

    /**
     * A 200 response.
     *
     * @param finalUri the URI the body came from, after redirects
     * @param verified fetched over HTTPS with a certificate chain and name verified at every hop
     */
    record Body(URI uri, URI finalUri, byte[] bytes, boolean verified) implements FetchResult {
    }

    /** Another status (404, 500, a redirect not followed). */
    record HttpStatus(URI uri, int status) implements FetchResult {
    }

    /** The document is larger than the limit; reading stopped there. */
    record TooLarge(URI uri, int limit) implements FetchResult {
    }

    /** The time limit passed (name lookup, connect, handshake, redirects or a slow server). */
    record TimedOut(URI uri) implements FetchResult {
    }

    /** The name did not resolve, or connecting failed on every address it resolved to. */
    record Unreachable(URI uri, String reason) implements FetchResult {
        public Unreachable {
            reason = UntrustedText.clean(reason);
        }
    }

    /** The TLS handshake failed: untrusted chain, wrong name, or no common protocol. */
    record TlsFailed(URI uri, String reason) implements FetchResult {
        public TlsFailed {
            reason = UntrustedText.clean(reason);
        }
    }

    /** The server did not speak HTTP/1.x properly. */
    record Malformed(URI uri, String reason) implements FetchResult {
        public Malformed {
            reason = UntrustedText.clean(reason);
        }
    }
}
