package dev.smtpdoctor.report;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.sendingdomain.DomainReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer of a check at a glance, worded in the user's language: what became of the typed settings, one
 * sentence of why, the values for Gmail's fields, the few notes that change what the user does (the password
 * went untested, the name must be confirmed), the main risks when only the unsecured route works, what to ask
 * the provider, the next step, and one line on the sending domain when it affects this setup. Everything else
 * (every finding, Gmail's verdict per option, the matrix) is in the detailed report. The text report and the
 * web page both show this. Pure.
 *
 * @param heading the title line
 * @param verdict what became of the typed settings, when a whole combination was typed
 * @param why     one sentence: the cause behind a failed typed setting, or why nothing works
 * @param intro   which of the three situations this is ("Type this into Gmail:"), unless the typed settings are kept
 * @param cautions what to do before typing the password into Gmail: it was not tested, the name must be confirmed
 * @param fields  Gmail's fields and the values to type, in the dialog's order; empty when nothing works
 * @param notes   where the name came from, what the test showed of the login, whether the settings were right
 * @param risks   when only the unsecured route works: its risks, the gravest first
 * @param asks    what to ask the provider
 * @param next    the next step when nothing works
 * @param domain  one sentence on the sending domain when it affects this setup
 */
public record Answer(String heading, Optional<String> verdict, Optional<String> why, Optional<String> intro,
                     List<String> cautions, List<Field> fields, List<String> notes,
                     List<String> risks, List<String> asks, Optional<String> next, Optional<String> domain) {

    /** Sending-domain findings that change whether this setup delivers mail (the rest are details). */
    private static final Set<FindingCode> DOMAIN_AFFECTS_SETUP = Set.of(FindingCode.MX_MISSING, FindingCode.MX_NULL,
            FindingCode.MX_HOSTS_UNRESOLVABLE, FindingCode.SPF_DOES_NOT_AUTHORISE_SERVER,
            FindingCode.DMARC_ENFORCED_WITHOUT_AUTH);

    public Answer {
        cautions = List.copyOf(cautions);
        fields = List.copyOf(fields);
        notes = List.copyOf(notes);
        risks = List.copyOf(risks);
        asks = List.copyOf(asks);
    }

    /**
     * One of Gmail's fields. {@code value} is empty for the security radio button, whose label is the value.
     *
     * @param label Gmail's label
     * @param value what to type, or empty
     * @param copy  the text a copy button copies (the value without decoration), or empty
     */
    public record Field(String label, String value, String copy) {
    }

    /** The answer of a diagnosis that got past the input check ({@code d.assessment()} present). */
    public static Answer of(Diagnosis d, Messages m) {
        Assessment a = d.assessment().orElseThrow();
        return of(a.recommendation(), d.settings().map(s -> s.address()).orElse(""), d.probes(), d.domain(), m);
    }

    /** The answer for a recommendation; {@code probes} and {@code domain} add the notes that depend on them. */
    public static Answer of(Recommendation r, String address, List<CandidateProbe> probes,
                            Optional<DomainReport> sendingDomain, Messages m) {
        DiagnosisText text = new DiagnosisText(m);
        Optional<String> verdict = r.typed().map(t -> text.typedStatus(r));
        boolean keep = r.typed().filter(t -> t == Recommendation.Typed.KEEP).isPresent();
        Optional<String> intro = keep ? Optional.empty() : Optional.of(m.named("recommendation." + r.kind().name(), Map.of()));
        Optional<String> why = r.typed().filter(t -> t == Recommendation.Typed.FAILED && r.typedProblem().isPresent()).isPresent()
                ? Optional.empty() // the verdict already says why: "What you typed does not work. <the cause>"
                : r.typedProblem().or(r::likelyCause).map(text::firstSentence);
        List<Field> fields = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> cautions = new ArrayList<>();
        r.passwordUntested().ifPresent(u -> cautions.add(m.named("recommendation.password-untested." + u.why().name(),
                Map.of("host", u.host().orElse("")))));
        // "Your password was NOT tested" already says, for a certificate name, to confirm it and how to test it.
        boolean untestedName = r.passwordUntested()
                .filter(u -> u.why() == Recommendation.PasswordUntested.Why.CERTIFICATE_NAME_UNCONFIRMED).isPresent();
        r.choice().ifPresent(c -> {
            fields.add(new Field(m.named("gmail.field.server", Map.of()), c.server(), c.server()));
            fields.add(new Field(m.named("gmail.field.port", Map.of()), String.valueOf(c.port()), String.valueOf(c.port())));
            fields.add(new Field(m.named("gmail.field.username", Map.of()), c.username(), c.username()));
            fields.add(new Field(m.named("gmail.field.password", Map.of()), m.named("recommendation.password.value", Map.of()), ""));
            fields.add(new Field(text.security(c.security()), "", ""));
            // Where the name came from matters when the user did not type it: a certificate, DNS, a guess.
            boolean ownSentence = c.confirmWithProvider() && c.source() == CandidateSource.CERTIFICATE_NAME;
            String source = "recommendation.source." + c.source().name();
            if (c.source() != CandidateSource.TYPED && !ownSentence && m.has(source)) {
                notes.add(m.named(source, Map.of()));
            }
            if (c.confirmWithProvider() && !(untestedName && c.source() == CandidateSource.CERTIFICATE_NAME)) {
                String key = "recommendation.confirm-with-provider." + c.source().name();
                cautions.add(m.named(m.has(key) ? key : "recommendation.confirm-with-provider", Map.of("server", c.server())));
            }
            // "Not tested" was already said, with the reason, when the password went untested.
            if (c.loginVerified() && c.senderVerified()) {
                notes.add(m.named("recommendation.login-and-sender-verified", Map.of("address", address)));
            } else if (c.loginVerified()) {
                notes.add(m.named("recommendation.login-verified", Map.of()));
            } else if (r.passwordUntested().isEmpty()) {
                notes.add(m.named("recommendation.login-not-verified", Map.of()));
            }
        });
        reachedLogin(probes, r, text, m).ifPresent(notes::add);
        List<String> risks = r.risks().stream().map(x -> m.named("risk." + x.name(), Map.of())).toList();
        List<String> asks = r.askProvider().stream().map(x -> m.named("ask." + x.name(), Map.of())).toList();
        Optional<String> next = r.nextAction().map(x -> m.named("next." + x.name(), Map.of()));
        Optional<String> domain = sendingDomain.flatMap(dom -> dom.findings().stream()
                .filter(f -> DOMAIN_AFFECTS_SETUP.contains(f.code())).findFirst())
                .map(text::firstSentence);
        return new Answer(m.get("check.heading", address), verdict, why, intro, cautions, fields, notes, risks, asks, next, domain);
    }

    /**
     * When the login or the sender was refused over a certificate Gmail accepts, the connection settings were
     * right: say so, so the user changes only the username or the password.
     */
    private static Optional<String> reachedLogin(List<CandidateProbe> probes, Recommendation r, DiagnosisText text,
                                                 Messages m) {
        if (r.kind() != Recommendation.Kind.NOTHING_WORKS) {
            return Optional.empty();
        }
        for (CandidateProbe p : probes) {
            ProbeResult x = p.result();
            boolean sender = x.outcome() instanceof ProbeOutcome.SenderRejected;
            boolean refused = x.outcome() instanceof ProbeOutcome.AuthRejected || sender;
            if (refused && x.tls().map(t -> t.verified()).orElse(false)) {
                // A refused sender means the login itself worked: only the address is not this account's to use.
                return Optional.of(m.get(sender ? "check.reached-sender" : "check.reached-login", x.endpoint().host(),
                        String.valueOf(x.endpoint().port()), text.security(x.endpoint().security())));
            }
        }
        return Optional.empty();
    }

}
