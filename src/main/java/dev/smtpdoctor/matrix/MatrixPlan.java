package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.discovery.CredentialPolicy;
import dev.smtpdoctor.discovery.Proposal;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Mode;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.tls.TlsObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to try, in what order: the matrix's deciding half, apart from the sockets, threads and clock of
 * {@link Matrix}. It admits hosts under the budgets ({@value #MAX_CANDIDATES} hosts typed, discovered or
 * guessed, plus {@value #MAX_CERTIFICATE_CANDIDATES} names from certificates, so discovered hosts never crowd
 * out the usual fix), gives each host its cells — every standard mode ({@link Mode#STANDARD}), the
 * combination the user typed, what a discovered source proposes — numbered so results read most secure
 * first, and picks which names of a certificate are worth a lookup. No I/O; thread-safe.
 */
public final class MatrixPlan {

    public static final int MAX_CANDIDATES = 8;
    static final int MAX_CERTIFICATE_CANDIDATES = 4;
    /** Distinct certificate names looked at, at most: a certificate with 500 names costs no more. */
    private static final int MAX_NAMES_SEEN = MAX_CERTIFICATE_CANDIDATES * 4;

    /** One probe to run: a host in one mode; {@code order} sorts the results. */
    record Cell(int order, Candidate candidate, Mode mode) {
        Endpoint endpoint() {
            return new Endpoint(candidate.host(), mode.port(), mode.security());
        }
    }

    private final List<Mode> typedModes;
    private final Map<String, Candidate> hosts = new LinkedHashMap<>();
    private final Set<String> namesSeen = new HashSet<>();
    private final Set<Endpoint> planned = new HashSet<>();

    /** @param typedModes combinations to add for the typed host (what the user chose, when not standard) */
    MatrixPlan(List<Mode> typedModes) {
        this.typedModes = List.copyOf(typedModes);
    }

    /**
     * Admits {@code c} if it is new and within its budget, and returns its cells; nothing when it is not
     * admitted.
     */
    synchronized List<Cell> admit(Candidate c) {
        boolean fromCertificate = c.source() == CandidateSource.CERTIFICATE_NAME;
        long sameKind = hosts.values().stream()
                .filter(h -> (h.source() == CandidateSource.CERTIFICATE_NAME) == fromCertificate).count();
        if (hosts.containsKey(c.host())
                || sameKind >= (fromCertificate ? MAX_CERTIFICATE_CANDIDATES : MAX_CANDIDATES)) {
            return List.of();
        }
        int index = hosts.size();
        hosts.put(c.host(), c);
        List<Mode> modes = new ArrayList<>(Mode.STANDARD);
        if (c.source() == CandidateSource.TYPED) {
            typedModes.stream().filter(m -> !modes.contains(m)).forEach(modes::add);
        }
        c.proposal().flatMap(MatrixPlan::proposedMode).filter(m -> !modes.contains(m)).ifPresent(modes::add);
        List<Cell> cells = new ArrayList<>();
        for (Mode m : modes) {
            Cell cell = new Cell(index * 100 + m.rank() * 10 + modes.indexOf(m), c, m);
            planned.add(cell.endpoint());
            cells.add(cell);
        }
        return cells;
    }

    /**
     * One more cell for an admitted host, when not planned yet: a probe found that {@code mode}'s port speaks
     * implicit TLS where a greeting was expected, so {@code mode} (that port with SSL) is worth trying.
     */
    synchronized Optional<Cell> followUp(Candidate c, Mode mode) {
        int index = new ArrayList<>(hosts.keySet()).indexOf(c.host());
        Cell cell = new Cell(index * 100 + mode.rank() * 10 + 9, c, mode);
        if (index < 0 || !planned.add(cell.endpoint())) {
            return Optional.empty();
        }
        return Optional.of(cell);
    }

    /** The admitted candidate for {@code host}, if any. */
    synchronized Optional<Candidate> candidate(String host) {
        return Optional.ofNullable(hosts.get(host));
    }

    /**
     * The names of {@code observation}'s certificate worth a lookup, each at most once per check. Names are
     * taken only where an attacker cannot plant them — a certificate whose chain verified, presented by a server
     * the policy already trusts — and never when they could carry the password ({@link CertificateNames}).
     */
    synchronized List<String> namesToFollow(Candidate presentedBy, TlsObservation observation,
                                            CredentialPolicy policy, Optional<Credentials> credentials) {
        if (!policy.mayFollowCertificateOf(presentedBy) || !observation.chainVerdict().trusted()
                || observation.leaf().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : observation.leaf().get().dnsNames()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (namesSeen.size() >= MAX_NAMES_SEEN || hosts.containsKey(n) || namesSeen.contains(n)
                    || !CertificateNames.worthLookingUp(n, credentials)) {
                continue;
            }
            namesSeen.add(n);
            out.add(n);
        }
        return out;
    }

    private static Optional<Mode> proposedMode(Proposal p) {
        return p.port().isPresent() && p.security().isPresent()
                ? Optional.of(new Mode(p.port().getAsInt(), p.security().get())) : Optional.empty();
    }

    /** Hosts to try for an address: the typed server first, then smtp., mail. and the domain itself. */
    public static List<Candidate> initialCandidates(Optional<String> typedServer, String domain) {
        return initialCandidates(typedServer, List.of(), domain);
    }

    /**
     * Hosts to try: the typed server, then what discovery found (in its order), then the guesses
     * {@code smtp.}, {@code mail.} and the domain itself. A host appears once, with its first source.
     */
    public static List<Candidate> initialCandidates(Optional<String> typedServer, List<Candidate> discovered,
                                                    String domain) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        typedServer.ifPresent(s -> out.put(s, Candidate.of(s, CandidateSource.TYPED)));
        discovered.forEach(c -> out.putIfAbsent(c.host(), c));
        out.putIfAbsent("smtp." + domain, Candidate.of("smtp." + domain, CandidateSource.GUESS_SMTP));
        out.putIfAbsent("mail." + domain, Candidate.of("mail." + domain, CandidateSource.GUESS_MAIL));
        out.putIfAbsent(domain, Candidate.of(domain, CandidateSource.GUESS_DOMAIN));
        return List.copyOf(out.values());
    }
}
