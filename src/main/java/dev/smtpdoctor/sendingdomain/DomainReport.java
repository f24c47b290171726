package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.Finding;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Everything the sending-domain checks ({@link DomainChecks}) found, language-neutral: the evidence of each
 * check and the findings drawn from it. Immutable.
 *
 * @param spfRecord  the domain's SPF record as published
 * @param spf        check_host() for the server's address; empty when that address is unknown. An
 *                   approximation: the provider's outbound relay may use other addresses.
 * @param reverseDns PTR of the server's address; empty when that address is unknown
 * @param findings   in the order: receiving (MX), SPF, DKIM, DMARC, reverse DNS
 */
public record DomainReport(String domain, Optional<InetAddress> serverAddress, Optional<String> serverHost,
                           MxResult mx, SpfRecordLookup spfRecord, Optional<SpfResult> spf, DkimResult dkim,
                           DmarcResult dmarc, Optional<ReverseDnsResult> reverseDns, GmailSenderRules gmail,
                           List<Finding> findings) {

    public DomainReport {
        findings = List.copyOf(findings);
    }
}
