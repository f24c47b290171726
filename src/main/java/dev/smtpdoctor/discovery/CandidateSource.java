package dev.smtpdoctor.discovery;

/** Where a candidate server name came from; shown on every candidate in the report and JSON. */
public enum CandidateSource {
    /** What the user typed into the SMTP server field. */
    TYPED,
    /** {@code smtp.<domain>} guessed from the address. */
    GUESS_SMTP,
    /** {@code mail.<domain>} guessed from the address. */
    GUESS_MAIL,
    /** The address's domain itself. */
    GUESS_DOMAIN,
    /** A DNS name in a certificate seen during probing, resolving to the same address as the typed server. */
    CERTIFICATE_NAME
}
