package dev.smtpdoctor.tls;

import dev.smtpdoctor.text.UntrustedText;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * What a user needs to see of one certificate to act without rerunning: subject, every DNS and IP
 * subjectAltName, issuer, validity and fingerprint.
 *
 * <p>A certificate is the server's text like any reply: its names may hold control characters (a terminal
 * escape sequence in a CN or a dNSName, a right-to-left override in the organisation). {@link #of} passes
 * every field through {@link UntrustedText}, as the line reader does for replies, so nothing built from a
 * summary can drive the user's terminal.
 */
public record CertificateSummary(String subject, String commonName, List<String> dnsNames, List<String> ipAddresses,
                                 String issuer, Instant notBefore, Instant notAfter, String serialHex,
                                 String sha256, boolean selfIssued) {

    private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=((?:[^,\\\\]|\\\\.)*)");

    public CertificateSummary {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public static CertificateSummary of(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    Object value = san.get(1);
                    if (Integer.valueOf(2).equals(type) && value instanceof String s) {
                        dns.add(UntrustedText.clean(s));
                    } else if (Integer.valueOf(7).equals(type) && value instanceof String s) {
                        ips.add(UntrustedText.clean(s));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A malformed SAN extension: report the certificate with no alternative names.
        }
        String subject = UntrustedText.clean(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
        String issuer = UntrustedText.clean(cert.getIssuerX500Principal().getName(X500Principal.RFC2253));
        Matcher m = CN.matcher(subject);
        String cn = m.find() ? m.group(1).replace("\\", "") : "";
        return new CertificateSummary(subject, cn, dns, ips, issuer,
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                cert.getSerialNumber().toString(16), fingerprint(cert),
                cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
    }

    /**
     * The names to match a host against: the DNS subjectAltNames, or the subject CN when the certificate
     * has none (RFC 6125 §6.4.4 allows that fallback only then).
     */
    public List<String> presentedNames() {
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            return dnsNames;
        }
        return commonName.isEmpty() ? List.of() : List.of(commonName);
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}
