package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.model.Security;
import java.util.List;
import java.util.Optional;

/**
 * What to type into Gmail: the most secure configuration that was seen working, ranked
 * 465 SSL ≥ 587 TLS > 25 TLS > 25 Unsecured; or, when only the unsecured route works, that route with its
 * risks and what to ask the provider; or, when nothing works, the most likely cause and the next action.
 * Language-neutral: the report words it from {@code recommendation.*}, {@code risk.*} and {@code ask.*}.
 *
 * @param kind        which of the three situations this is
 * @param choice      the values for Gmail's fields, present unless {@link Kind#NOTHING_WORKS}
 * @param risks       the risks of the chosen route; empty unless {@link Kind#INSECURE_ONLY}
 * @param askProvider what the provider must change so that a secure route works; empty for {@link Kind#SECURE}
 * @param likelyCause when nothing works: the finding that most likely explains it
 * @param nextAction  when nothing works: what to do next
 * @param typed       when the user typed a whole combination (server, port, security) and a choice was made: whether
 *                    it is kept, or why it is changed
 * @param typedProblem when {@code typed} is {@link Typed#FAILED}: the finding that explains it
 * @param passwordUntested a password was given but no probe could test it (no AUTH attempted anywhere): why, and
 *                    how to allow the test
 */
public record Recommendation(Kind kind, Optional<Choice> choice, List<Risk> risks, List<Ask> askProvider,
                             Optional<Finding> likelyCause, Optional<NextAction> nextAction, Optional<Typed> typed,
                             Optional<Finding> typedProblem, Optional<PasswordUntested> passwordUntested) {

    public Recommendation {
        risks = List.copyOf(risks);
        askProvider = List.copyOf(askProvider);
    }

    public Recommendation(Kind kind, Optional<Choice> choice, List<Risk> risks, List<Ask> askProvider,
                          Optional<Finding> likelyCause, Optional<NextAction> nextAction) {
        this(kind, choice, risks, askProvider, likelyCause, nextAction, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** What became of the combination the user typed. Text: {@code recommendation.typed.<NAME>}. */
    public enum Typed {
        /** It works securely (login verified, or untestable): the choice is exactly what was typed. */
        KEEP,
        /** It does not work; {@link #typedProblem} says why. */
        FAILED,
        /** It works only without encryption, and a secure route works. */
        INSECURE,
        /** It was not shown to work (nothing specific failed, e.g. the login there was not tested). */
        UNCONFIRMED
    }

    /**
     * A password was given but could not be tested anywhere. Text: {@code recommendation.password-untested.<WHY>}.
     *
     * @param why  the reason
     * @param host the server to confirm ({@code --trust-certificate-name HOST} or {@code --server HOST}), if any
     */
    public record PasswordUntested(Why why, Optional<String> host) {

        public enum Why {
            /** The server that works securely is a certificate name nobody confirmed: {@code --trust-certificate-name}. */
            CERTIFICATE_NAME_UNCONFIRMED,
            /** The server that works was not named by the user or vouched for by their domain: {@code --server}. */
            NOT_VOUCHED_FOR,
            /** Only an unencrypted route works, and the password is not sent without TLS. */
            PLAINTEXT_ONLY,
            /** No server with a certificate valid for its name offered login. */
            NO_LOGIN_OFFERED
        }
    }

    /** This recommendation with what became of the typed combination and whether the password went untested. */
    Recommendation with(Optional<Typed> t, Optional<Finding> problem, Optional<PasswordUntested> untested) {
        return new Recommendation(kind, choice, risks, askProvider, likelyCause, nextAction, t, problem, untested);
    }

    public enum Kind {
        /** A route with TLS and a certificate Gmail accepts works. */
        SECURE,
        /** Only port 25 with "Unsecured connection" works. */
        INSECURE_ONLY,
        /** No route works. */
        NOTHING_WORKS
    }

    /**
     * The values for Gmail's dialog.
     *
     * @param server              the "SMTP Server" field
     * @param port                the "Port" drop-down
     * @param security            the security radio button
     * @param username            the "Username" field: as typed, or the address when none was typed
     * @param secure              false only for the unsecured route
     * @param source              where this server name came from
     * @param loginVerified       the password was accepted by this server in this run
     * @param senderVerified      the server let this account send as the address (MAIL FROM accepted)
     * @param confirmWithProvider a server the user did not name and that never received the password: the
     *                            provider must confirm it is theirs before the password is typed into Gmail
     */
    public record Choice(String server, int port, Security security, String username, boolean secure,
                         CandidateSource source, boolean loginVerified, boolean senderVerified,
                         boolean confirmWithProvider) {
    }

    /** Risks of "Unsecured connection" (RFC 8314 §1: cleartext submission exposes the password and the mail). Text: {@code risk.<NAME>}. */
    public enum Risk {
        /** The login (AUTH PLAIN/LOGIN is base64, i.e. cleartext) crosses the Internet readable. */
        PASSWORD_READABLE,
        /** Every message can be read and altered on the way. */
        MAIL_READABLE_ALTERABLE,
        /** Nothing proves the server is the provider's: a forged server can collect the password. */
        SERVER_IMPERSONATION,
        /** A stolen mailbox password lets others send spam and fraud as you; the shared server gets blocklisted. */
        SPOOFING_WITH_STOLEN_CREDENTIALS,
        /** Unencrypted transfer of personal data may break rules your organisation must follow. */
        COMPLIANCE
    }

    /** What the provider must change so a secure route works. Text: {@code ask.<NAME>}. */
    public enum Ask {
        /** Tell the server name their certificate covers, or cover the name the user types. */
        CERTIFICATE_FOR_HOST,
        /** Install a publicly trusted, valid certificate. */
        TRUSTED_CERTIFICATE,
        /** Offer submission with TLS: port 465 (SSL) or 587 with STARTTLS. */
        TLS_SUBMISSION,
        /** Allow login (SMTP AUTH) over TLS for this account. */
        SMTP_AUTH
    }

    /** The next step when nothing works. Text: {@code next.<NAME>}. */
    public enum NextAction {
        /** Correct what the input lint found. */
        FIX_INPUT,
        /** The server name does not exist: check it against the provider's settings page. */
        CHECK_SERVER_NAME,
        /** The login was refused: check the username form and the password (app password). */
        CHECK_CREDENTIALS,
        /** The account may not send as this address: use the account that owns it, or ask the provider. */
        CHECK_SENDER,
        /** Only the provider can fix it (certificate, TLS, AUTH settings). */
        ASK_PROVIDER,
        /** Nothing answered: check the server name and port, or try from another network. */
        CHECK_NETWORK,
        /** The server misbehaves or is overloaded: try again later, then report it to the provider. */
        RETRY_LATER,
        /** A bug of smtp-doctor ended the decisive probe: report it (the command used, never the password). */
        REPORT_BUG
    }

    /** The finding code of the likely cause, for JSON. */
    public Optional<FindingCode> likelyCauseCode() {
        return likelyCause.map(Finding::code);
    }
}
