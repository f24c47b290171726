package dev.smtpdoctor.sendingdomain;

/**
 * Gmail's sender guidelines (support.google.com/mail/answer/81126, from February 2024) as far as DNS
 * shows them: every sender needs SPF or DKIM; bulk senders (more than 5,000 messages a day to Gmail)
 * need SPF and DKIM and a DMARC record (p=none is enough). With send-as through your own server, the
 * provider's server delivers, so these records must authorise the provider.
 *
 * @param spfPasses     SPF gives pass for the server's address (an approximation, see {@link DomainRequest})
 * @param dkimConfirmed a DKIM key was found under a selector tried
 * @param dmarcPublished a usable DMARC record applies to the domain
 */
public record GmailSenderRules(boolean spfPasses, boolean dkimConfirmed, boolean dmarcPublished) {

    /** SPF or DKIM: the rule for all senders. False means "not confirmed", not "broken". */
    public boolean allSendersMet() {
        return spfPasses || dkimConfirmed;
    }

    /** SPF and DKIM and DMARC: the rule for bulk senders. */
    public boolean bulkSendersMet() {
        return spfPasses && dkimConfirmed && dmarcPublished;
    }
}
