package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.diagnosis.Recommendation.Ask;
import dev.smtpdoctor.diagnosis.Recommendation.Choice;
import dev.smtpdoctor.diagnosis.Recommendation.Kind;
import dev.smtpdoctor.diagnosis.Recommendation.NextAction;
import dev.smtpdoctor.diagnosis.Recommendation.Risk;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the configuration to recommend. Pure.
 *
 * <p>Order: first the security tier (SSL on any of Gmail's ports or STARTTLS on 587; then STARTTLS on 25;
 * then Unsecured on 25 — RFC 8314 §3.3 sees no significant difference between 465 and 587 when both
 * require TLS, so 465 only wins within the same server); then the server (typed, then names from its own
 * certificate on the same machine, then discovered servers, then guesses); then 465 before 587; then the probe order.
 * Two rules come before the ranking (issue 10): the combination the user typed is kept when it works securely, and an
 * unsecured route is never chosen while a secure one was seen on the same server (its login may be untested).
 */
final class Recommender {

    private Recommender() {
    }

    /**
     * The best working probe, if any: what the user typed when it works securely; otherwise the best by rank —
     * but never an unsecured route while a secure one was seen on the same server (a certificate name that works
     * securely with its login untested beats port 25 unsecured on the guessed name).
     */
    static Optional<CandidateProbe> best(Observations o) {
        Optional<CandidateProbe> typed = typedProbe(o).filter(p -> working(o).anyMatch(w -> w == p)
                && Usability.secureWorks(o, p));
        if (typed.isPresent()) {
            return typed;
        }
        Optional<CandidateProbe> best = working(o).min(order(o));
        if (best.isPresent() && !Usability.secureWorks(o, best.get())) {
            CandidateProbe insecure = best.get();
            Optional<CandidateProbe> secure = o.probes().stream()
                    .filter(p -> Usability.secureSeen(o, p) && Usability.sameServer(p.result(), insecure.result()))
                    .min(order(o));
            if (secure.isPresent()) {
                return secure;
            }
        }
        return best;
    }

    /** The probe of exactly the combination the user typed (server, port and security), if they typed one. */
    static Optional<CandidateProbe> typedProbe(Observations o) {
        var s = o.settings();
        if (s.server().isEmpty() || s.port().isEmpty() || s.security().isEmpty()) {
            return Optional.empty();
        }
        return o.probes().stream().filter(p -> p.candidate().source() == CandidateSource.TYPED
                && p.result().endpoint().port() == s.port().getAsInt()
                && p.result().endpoint().security() == s.security().get()).findFirst();
    }

    private static Comparator<CandidateProbe> order(Observations o) {
        return Comparator.comparingInt((CandidateProbe p) -> tier(o, p))
                .thenComparingInt(p -> sourceRank(p.candidate().source()))
                .thenComparingInt(p -> modeRank(p.result()))
                .thenComparingInt(p -> o.probes().indexOf(p));
    }

    /** Every probe showing a route Gmail could use, after what a refused password or sender rules out. */
    private static java.util.stream.Stream<CandidateProbe> working(Observations o) {
        boolean passwordRefused = o.settings().hasPassword() && o.probes().stream()
                .anyMatch(p -> p.credentialsAllowed() && Usability.credentialRejection(p.result()));
        boolean senderRefused = o.probes().stream()
                .anyMatch(p -> p.result().outcome() instanceof ProbeOutcome.SenderRejected
                        && p.result().auth().status() == AuthResult.Status.ACCEPTED);
        return o.probes().stream()
                .filter(p -> Usability.works(o, p))
                // The password was refused where it was sent: only a route where it was accepted can work —
                // a route that never tried it (unencrypted port 25, a guess) would fail the same way in Gmail.
                .filter(p -> !passwordRefused || Usability.login(o, p) == Usability.Login.VERIFIED)
                // Likewise a server that refused this sender after login refuses it on every route not proven.
                .filter(p -> !senderRefused || Usability.senderVerified(o, p));
    }

    static Recommendation recommend(Observations o, List<Finding> findings) {
        Optional<CandidateProbe> best = best(o);
        Recommendation r = recommend(o, findings, best);
        Optional<Recommendation.Typed> typed = best.flatMap(p -> typedVerdict(o, p));
        Optional<Finding> problem = typed.filter(t -> t == Recommendation.Typed.FAILED)
                .flatMap(t -> typedProblem(o, findings));
        if (typed.equals(Optional.of(Recommendation.Typed.FAILED)) && problem.isEmpty()) {
            typed = Optional.of(Recommendation.Typed.UNCONFIRMED);
        }
        return r.with(typed, problem, UntestedPassword.of(o, best));
    }

    /** What became of the typed combination, when one was typed and a choice was made. */
    private static Optional<Recommendation.Typed> typedVerdict(Observations o, CandidateProbe chosen) {
        var s = o.settings();
        if (s.server().isEmpty() || s.port().isEmpty() || s.security().isEmpty()) {
            return Optional.empty();
        }
        Optional<CandidateProbe> typed = typedProbe(o);
        if (typed.isPresent() && typed.get() == chosen) {
            return Usability.secureWorks(o, chosen) ? Optional.of(Recommendation.Typed.KEEP) : Optional.empty();
        }
        if (typed.isEmpty()) {
            return Optional.of(Recommendation.Typed.UNCONFIRMED);
        }
        if (Usability.insecureWorks(o, typed.get())) {
            return Optional.of(Recommendation.Typed.INSECURE);
        }
        return Optional.of(Usability.works(o, typed.get()) || Usability.secureSeen(o, typed.get())
                ? Recommendation.Typed.UNCONFIRMED : Recommendation.Typed.FAILED);
    }

    /** The finding that best explains why the typed server and port failed. */
    private static Optional<Finding> typedProblem(Observations o, List<Finding> findings) {
        String host = o.settings().server().orElse("");
        String port = String.valueOf(o.settings().port().orElse(-1));
        return likelyCause(findings.stream().filter(f -> f.severity() != Severity.INFO
                && host.equalsIgnoreCase(f.args().getOrDefault("host", ""))
                && port.equals(f.args().getOrDefault("port", port))).toList());
    }

    private static Recommendation recommend(Observations o, List<Finding> findings, Optional<CandidateProbe> best) {
        if (best.isPresent()) {
            CandidateProbe p = best.get();
            Choice choice = choice(o, p);
            if (choice.secure()) {
                return new Recommendation(Kind.SECURE, Optional.of(choice), List.of(), List.of(), Optional.empty(),
                        Optional.empty());
            }
            List<Ask> asks = asks(findings);
            if (asks.isEmpty()) {
                asks = List.of(Ask.TLS_SUBMISSION);
            }
            return new Recommendation(Kind.INSECURE_ONLY, Optional.of(choice), List.of(Risk.values()), asks,
                    Optional.empty(), Optional.empty());
        }
        Optional<Finding> cause = likelyCause(findings);
        NextAction next = cause.map(f -> next(f.code())).orElse(o.probes().isEmpty()
                ? NextAction.FIX_INPUT : NextAction.CHECK_NETWORK);
        List<Ask> asks = next == NextAction.ASK_PROVIDER ? asks(findings) : List.of();
        return new Recommendation(Kind.NOTHING_WORKS, Optional.empty(), List.of(), asks, cause, Optional.of(next));
    }

    private static Choice choice(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        boolean secure = r.endpoint().security().encrypted();
        String username = o.settings().username().filter(u -> !u.isBlank()).orElse(o.settings().address());
        return new Choice(r.endpoint().host(), r.endpoint().port(), r.endpoint().security(), username, secure,
                p.candidate().source(), Usability.login(o, p) == Usability.Login.VERIFIED,
                Usability.senderVerified(o, p), !p.credentialsAllowed());
    }

    private static int tier(Observations o, CandidateProbe p) {
        ProbeResult r = p.result();
        if (!Usability.secureWorks(o, p)) {
            return 2;
        }
        return r.endpoint().security() == Security.TLS && r.endpoint().port() == 25 ? 1 : 0;
    }

    /** Typed, then the same machine's certificate names, then what the domain or provider publishes, then guesses. */
    private static int sourceRank(CandidateSource s) {
        return switch (s) {
            case TYPED -> 0;
            case CERTIFICATE_NAME -> 1;
            case SRV_SUBMISSIONS -> 2;
            case SRV_SUBMISSION -> 3;
            case AUTOCONFIG -> 4;
            case PROVIDER_MX -> 5;
            case GUESS_SMTP -> 6;
            case GUESS_MAIL -> 7;
            case GUESS_DOMAIN -> 8;
        };
    }

    /** 465 SSL, other SSL, 587 STARTTLS, other STARTTLS, unsecured. */
    static int modeRank(ProbeResult r) {
        int port = r.endpoint().port();
        return switch (r.endpoint().security()) {
            case SSL -> port == 465 ? 0 : 1;
            case TLS -> port == 587 ? 2 : 3;
            case NONE -> 4;
        };
    }

    /** What the provider must change, from what blocked the secure routes. */
    static List<Ask> asks(List<Finding> findings) {
        Set<Ask> asks = new LinkedHashSet<>();
        for (Finding f : findings) {
            switch (f.code()) {
                case TLS_NAME_MISMATCH -> asks.add(Ask.CERTIFICATE_FOR_HOST);
                case TLS_UNTRUSTED_CHAIN, TLS_EXPIRED -> asks.add(Ask.TRUSTED_CERTIFICATE);
                case STARTTLS_NOT_OFFERED, STARTTLS_REJECTED, TLS_HANDSHAKE_FAILED, TLS_PROTOCOL_OBSOLETE ->
                        asks.add(Ask.TLS_SUBMISSION);
                case AUTH_NOT_OFFERED -> {
                    // Asking for login without TLS would be asking for the unsafe route.
                    if (!"none".equals(f.args().get("security"))) {
                        asks.add(Ask.SMTP_AUTH);
                    }
                }
                case AUTH_MECHANISM_UNSUPPORTED -> asks.add(Ask.SMTP_AUTH);
                default -> {
                }
            }
        }
        List<Ask> out = new ArrayList<>(asks);
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * The cause that explains most when nothing works: a failure late in the conversation (login refused)
     * says more than one early on other ports (refused connection), so the order below runs from the
     * furthest step back to the network; errors before warnings before notes.
     */
    private static final List<FindingCode> CAUSE_ORDER = List.of(
            FindingCode.ADDRESS_DOMAIN_NOT_FOUND,
            FindingCode.SENDER_NOT_OWNED,
            FindingCode.AUTH_FAILED,
            FindingCode.TLS_NAME_MISMATCH,
            FindingCode.TLS_UNTRUSTED_CHAIN,
            FindingCode.TLS_EXPIRED,
            // Only an obsolete TLS version: the handshake itself fails, which explains more than the AUTH that a
            // well-configured server hides before STARTTLS.
            FindingCode.TLS_PROTOCOL_OBSOLETE,
            FindingCode.AUTH_NOT_OFFERED,
            FindingCode.AUTH_MECHANISM_UNSUPPORTED,
            FindingCode.AUTH_REQUIRES_TLS,
            FindingCode.SECURITY_MODE_MISMATCH,
            FindingCode.STARTTLS_NOT_OFFERED,
            FindingCode.STARTTLS_REJECTED,
            FindingCode.TLS_HANDSHAKE_FAILED,
            FindingCode.GREETING_REJECTED,
            FindingCode.COMMAND_REJECTED,
            FindingCode.PROTOCOL_VIOLATION,
            FindingCode.CONNECTION_CLOSED,
            FindingCode.SERVER_TIMEOUT,
            FindingCode.DNS_NO_SUCH_HOST,
            FindingCode.DNS_LOOKUP_FAILED,
            FindingCode.CONNECT_TIMEOUT,
            FindingCode.NETWORK_UNREACHABLE,
            FindingCode.CONNECT_REFUSED,
            FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY,
            FindingCode.INTERNAL_ERROR);

    private static final Map<FindingCode, NextAction> NEXT = new EnumMap<>(FindingCode.class);

    static {
        NEXT.put(FindingCode.SENDER_NOT_OWNED, NextAction.CHECK_SENDER);
        NEXT.put(FindingCode.AUTH_FAILED, NextAction.CHECK_CREDENTIALS);
        NEXT.put(FindingCode.DNS_NO_SUCH_HOST, NextAction.CHECK_SERVER_NAME);
        NEXT.put(FindingCode.ADDRESS_DOMAIN_NOT_FOUND, NextAction.FIX_INPUT);
        NEXT.put(FindingCode.DNS_LOOKUP_FAILED, NextAction.CHECK_NETWORK);
        NEXT.put(FindingCode.CONNECT_TIMEOUT, NextAction.CHECK_NETWORK);
        NEXT.put(FindingCode.CONNECT_REFUSED, NextAction.CHECK_NETWORK);
        NEXT.put(FindingCode.NETWORK_UNREACHABLE, NextAction.CHECK_NETWORK);
        NEXT.put(FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY, NextAction.CHECK_NETWORK);
        NEXT.put(FindingCode.GREETING_REJECTED, NextAction.CHECK_NETWORK);
        NEXT.put(FindingCode.PROTOCOL_VIOLATION, NextAction.RETRY_LATER);
        NEXT.put(FindingCode.CONNECTION_CLOSED, NextAction.RETRY_LATER);
        NEXT.put(FindingCode.SERVER_TIMEOUT, NextAction.RETRY_LATER);
        NEXT.put(FindingCode.COMMAND_REJECTED, NextAction.RETRY_LATER);
        NEXT.put(FindingCode.INTERNAL_ERROR, NextAction.REPORT_BUG);
    }

    static NextAction next(FindingCode code) {
        if (code.name().startsWith("INPUT_")) {
            return NextAction.FIX_INPUT;
        }
        return NEXT.getOrDefault(code, NextAction.ASK_PROVIDER);
    }

    static Optional<Finding> likelyCause(List<Finding> findings) {
        Optional<Finding> input = findings.stream()
                .filter(f -> f.severity() == Severity.ERROR && f.code().name().startsWith("INPUT_")).findFirst();
        if (input.isPresent()) {
            return input;
        }
        for (Severity s : Severity.values()) {
            for (FindingCode code : CAUSE_ORDER) {
                for (Finding f : findings) {
                    if (f.severity() == s && f.code() == code) {
                        return Optional.of(f);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
