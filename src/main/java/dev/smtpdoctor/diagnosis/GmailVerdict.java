package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import java.util.List;
import java.util.Optional;

/**
 * What Gmail's "Send mail as" dialog would report for one of its choices: port 25, 465 or 587 with
 * "Secured connection using TLS" or "…using SSL", or port 25 with "Unsecured connection" — for the server
 * the user typed (or the best candidate when none was typed). Gmail checks the certificate strictly
 * (trusted chain and the typed name) in SSL and TLS modes, and not at all in Unsecured mode.
 *
 * @param host          the server, as it would be typed into "SMTP Server"
 * @param port          the "Port" drop-down
 * @param security      the security radio button ({@link Security#NONE} = "Unsecured connection")
 * @param status        what Gmail would do
 * @param message       the message Gmail would show, when a failure's wording is known or approximated
 * @param verbatim      true when {@code message} is Gmail's confirmed wording for this very cause; false
 *                      when the wording is approximate or unconfirmed for this cause
 * @param serverReply   the server's reply Gmail would quote ({@code Server returned error: "..."}), one line
 * @param cause         the finding that explains the failure (or why the cell is not tested)
 * @param inferred      true when no probe ran exactly this choice and the verdict follows from another
 *                      probe of the same port (a closed port is closed for every mode; a port that speaks
 *                      plain SMTP cannot do SSL, and an implicit-TLS port cannot do STARTTLS)
 * @param loginVerified the password was accepted in this run (on this probe or on the same server)
 * @param caveats       why Gmail may see something else than this test did (greeting delay, the provider's
 *                      foreign-IP filter, a coming change); meaningful mostly for {@link Status#WORKS}
 */
public record GmailVerdict(String host, int port, Security security, Status status, Optional<KnownMessage> message,
                           boolean verbatim, Optional<String> serverReply, Optional<FindingCode> cause,
                           boolean inferred, boolean loginVerified, List<FindingCode> caveats) {

    public GmailVerdict {
        caveats = List.copyOf(caveats);
    }

    public enum Status {
        /** Gmail would accept this choice (as far as this run could tell: see loginVerified and caveats). */
        WORKS,
        /** Gmail would show an error (or sending would fail later). */
        FAILS,
        /** Not probed and not inferable, or inconclusive from here (port 25 blocked on the local network). */
        NOT_TESTED
    }

    /** Gmail's choices in the order they are shown: the recommended modes first, Unsecured last. */
    public static final List<Choice> CHOICES = List.of(
            new Choice(465, Security.SSL), new Choice(587, Security.TLS), new Choice(25, Security.TLS),
            new Choice(465, Security.TLS), new Choice(587, Security.SSL), new Choice(25, Security.SSL),
            new Choice(25, Security.NONE));

    /** One port and security combination Gmail's dialog allows. */
    public record Choice(int port, Security security) {
    }
}
