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
    CERTIFICATE_NAME,
    /** DNS SRV {@code _submissions._tcp.<domain>}: submission with implicit TLS (RFC 8314 §5.1). */
    SRV_SUBMISSIONS,
    /** DNS SRV {@code _submission._tcp.<domain>}: submission, usually port 587 with STARTTLS (RFC 6186 §3.1). */
    SRV_SUBMISSION,
    /** The domain's Thunderbird autoconfig file ({@code config-v1.1.xml}), its {@code outgoingServer}. */
    AUTOCONFIG,
    /** The provider knowledge base, matched by the domain's MX hosts (or their reverse names). */
    PROVIDER_MX
}
