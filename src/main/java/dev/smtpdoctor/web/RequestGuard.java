package dev.smtpdoctor.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every request passes before it is served, pure so each can be tested alone:
 * <ul>
 *   <li>{@code Host} must name the address the server listens on, with its port ({@code 127.0.0.1:8025},
 *       {@code localhost:8025}): a page of another site whose name an attacker re-pointed to 127.0.0.1
 *       (DNS rebinding) sends its own name and is refused, so it can read neither the page nor its token;</li>
 *   <li>{@code Origin}, when present, must be this server's own origin ({@code http://} + an allowed host);</li>
 *   <li>{@code Sec-Fetch-Site}, when present, must not be {@code cross-site} — and for a state-changing request
 *       it must be {@code same-origin}: another port of 127.0.0.1 is the "same site";</li>
 *   <li>a state-changing request is a {@code POST} of a form ({@code application/x-www-form-urlencoded}) no
 *       larger than its limit, with a valid per-page token ({@link CsrfTokens}).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class RequestGuard {

    /** Why a request is refused; each has its HTTP status and the key of a friendly message. */
    public enum Refusal {
        BAD_HOST(421, "web.error.forbidden"),
        BAD_ORIGIN(403, "web.error.forbidden"),
        CROSS_SITE(403, "web.error.forbidden"),
        NO_TOKEN(403, "web.error.token"),
        BAD_TOKEN(403, "web.error.token"),
        WRONG_METHOD(405, "web.error.bad-request"),
        WRONG_TYPE(415, "web.error.bad-request"),
        TOO_LARGE(413, "web.error.too-large");

        private final int status;
        private final String messageKey;

        Refusal(int status, String messageKey) {
            this.status = status;
            this.messageKey = messageKey;
        }

        public int status() {
            return status;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /**
     * What the guard looks at in a request. Headers that are absent are null; {@code contentLength} is -1
     * when unknown (the body is then read with the limit and refused when longer).
     */
    public record Head(String method, String host, String origin, String fetchSite, String contentType,
                       long contentLength, String token) {
    }

    private final Set<String> hosts;
    private final CsrfTokens tokens;

    /** @param hosts the acceptable {@code Host} values, as {@code name:port}, compared ignoring case */
    public RequestGuard(Set<String> hosts, CsrfTokens tokens) {
        Set<String> lower = new LinkedHashSet<>();
        hosts.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        this.hosts = Set.copyOf(lower);
        this.tokens = tokens;
    }

    /**
     * The {@code Host} values a server listening on {@code bind}:{@code port} answers to: the address itself,
     * and for loopback also {@code localhost} and the other family's loopback literal.
     */
    public static Set<String> hostsFor(InetAddress bind, int port) {
        Set<String> out = new LinkedHashSet<>();
        out.add(literal(bind) + ":" + port);
        if (bind.isLoopbackAddress()) {
            out.add("localhost:" + port);
            out.add("127.0.0.1:" + port);
            out.add("[::1]:" + port);
        }
        return out;
    }

    private static String literal(InetAddress a) {
        String h = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int pct = h.indexOf('%');
            return "[" + (pct < 0 ? h : h.substring(0, pct)) + "]";
        }
        return h;
    }

    /** The acceptable Host values, for the page's own links and the tests. */
    public Set<String> hosts() {
        return hosts;
    }

    /** A page or asset ({@code GET}/{@code HEAD}): only Host, Origin and Sec-Fetch-Site are checked. */
    public Optional<Refusal> checkRead(Head h) {
        if (!h.method().equals("GET") && !h.method().equals("HEAD")) {
            return Optional.of(Refusal.WRONG_METHOD);
        }
        return checkWhere(h, false);
    }

    /** A request that runs something: {@code POST}, a form within {@code maxBytes}, a valid token. */
    public Optional<Refusal> checkAction(Head h, long maxBytes) {
        Optional<Refusal> where = checkWhere(h, true);
        if (where.isPresent()) {
            return where;
        }
        if (!h.method().equals("POST")) {
            return Optional.of(Refusal.WRONG_METHOD);
        }
        if (h.token() == null || h.token().isEmpty()) {
            return Optional.of(Refusal.NO_TOKEN);
        }
        if (!tokens.valid(h.token())) {
            return Optional.of(Refusal.BAD_TOKEN);
        }
        String type = h.contentType() == null ? "" : h.contentType().toLowerCase(Locale.ROOT);
        int semi = type.indexOf(';');
        if (!(semi < 0 ? type : type.substring(0, semi)).strip().equals("application/x-www-form-urlencoded")) {
            return Optional.of(Refusal.WRONG_TYPE);
        }
        if (h.contentLength() > maxBytes) {
            return Optional.of(Refusal.TOO_LARGE);
        }
        return Optional.empty();
    }

    private Optional<Refusal> checkWhere(Head h, boolean action) {
        if (h.host() == null || !hosts.contains(h.host().strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(Refusal.BAD_HOST);
        }
        if (h.origin() != null && !originAllowed(h.origin())) {
            return Optional.of(Refusal.BAD_ORIGIN);
        }
        if (h.fetchSite() != null) {
            String site = h.fetchSite().strip().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || (action && !site.equals("same-origin"))) {
                return Optional.of(Refusal.CROSS_SITE);
            }
        }
        return Optional.empty();
    }

    private boolean originAllowed(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.startsWith("http://") && hosts.contains(o.substring("http://".length()));
    }
}
