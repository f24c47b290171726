package dev.smtpdoctor.tls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one TLS handshake showed, recorded whether or not the certificate would be accepted.
 *
 * @param protocol     negotiated protocol, e.g. TLSv1.3
 * @param cipherSuite  negotiated cipher suite
 * @param sni          the server name indication sent, empty when the host was an IP address
 * @param chain        the peer chain as presented, leaf first
 * @param chainVerdict PKIX verdict on the chain
 * @param nameVerdict  RFC 6125 verdict on the leaf against the typed host
 * @param daysLeft     whole days until the leaf expires, negative when expired, measured at {@code checkedAt}
 */
public record TlsObservation(String protocol, String cipherSuite, Optional<String> sni,
                             List<CertificateSummary> chain, ChainVerdict chainVerdict, NameVerdict nameVerdict,
                             Instant checkedAt, long daysLeft) {

    public TlsObservation {
        chain = List.copyOf(chain);
    }

    /** What Gmail requires: a trusted chain and a matching name. */
    public boolean verified() {
        return chainVerdict.trusted() && nameVerdict.matches();
    }

    /**
     * The same handshake judged against another host name (RFC 6125): the certificate, chain and SNI stay what
     * they were.
     */
    public TlsObservation forHost(String host) {
        List<String> names = nameVerdict.presentedNames();
        return new TlsObservation(protocol, cipherSuite, sni, chain, chainVerdict,
                new NameVerdict(host, names, HostnameMatcher.match(host, names)), checkedAt, daysLeft);
    }

    public Optional<CertificateSummary> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }
}
