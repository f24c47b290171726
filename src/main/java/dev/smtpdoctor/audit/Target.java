package dev.smtpdoctor.audit;

import dev.smtpdoctor.model.Security;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of the audit's input, parsed: what to check, or why it cannot be checked. Immutable.
 *
 * @param line    the line's number in the input, from 1 (the CSV header counts)
 * @param text    the line as read, cleaned of control characters ({@link dev.smtpdoctor.text.UntrustedText}) and
 *                cut to {@link AuditInput#MAX_LINE} characters
 * @param hash    the line's key (16 hex digits): {@link LineHash#of} of the line as read
 * @param domain  the mail domain the line names (a domain, an address's domain, a CSV {@code domain}); its
 *                SPF, DMARC and MX go into the record. Empty for a line naming only a server, and for a bad line
 * @param address the address the check runs for: the line's own, else {@code postmaster@} the domain or the
 *                server; empty for a bad line
 * @param server  the server to check as typed, when the line names one
 * @param port    the port to check, when the line names one
 * @param security the security to check, when the line names one
 * @param problem for a bad line, why ({@link Problem}); empty for a line that can be checked
 */
public record Target(long line, String text, String hash, Optional<String> domain, Optional<String> address, Optional<String> server,
                     OptionalInt port, Optional<Security> security, Optional<Problem> problem) {

    /** Why a line cannot be checked. The JSON name is the lower-case name. */
    public enum Problem {
        /** Neither a domain, an address, a host, nor host:port. */
        NOT_A_DOMAIN_OR_HOST,
        /** A port that is not 1–65535. */
        BAD_PORT,
        /** A security that is not ssl, tls (starttls) or none. */
        BAD_SECURITY,
        /** A CSV line with more cells than the header. */
        TOO_MANY_FIELDS,
        /** A CSV line with neither a domain nor a server. */
        NOTHING_TO_CHECK,
        /** Longer than {@link AuditInput#MAX_LINE} characters. */
        TOO_LONG,
        /** Not valid UTF-8. */
        NOT_UTF8
    }

    public boolean bad() {
        return problem.isPresent();
    }

    static Target bad(long line, String text, String hash, Problem p) {
        return new Target(line, text, hash, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.of(p));
    }

    /** The host whose address names the server for the per-address limit: the server, else mail.DOMAIN. */
    public Optional<String> mainHost() {
        if (server.isPresent()) {
            return server;
        }
        return domain.map(d -> "mail." + d);
    }
}
