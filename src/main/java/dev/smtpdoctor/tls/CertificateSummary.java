package dev.smtpdoctor.tls;

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
 * escape sequence in a CN or a dNSName). {@link #of} replaces them with U+FFFD, as the line reader does
 * for replies, so nothing built from a summary can drive the user's terminal.
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
                        dns.add(printable(s));
                    } else if (Integer.valueOf(7).equals(type) && value instanceof String s) {
                        ips.add(printable(s));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A malformed SAN extension: report the certificate with no alternative names.
        }
        String subject = printable(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
        String issuer = printable(cert.getIssuerX500Principal().getName(X500Principal.RFC2253));
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

    /** {@code text} with every C0 control (tab aside), DEL and C1 control replaced by U+FFFD. */
    static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
            if (control && sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (sb != null) {
                sb.append(control ? '\uFFFD' : c);
            }
        }
        return sb == null ? text : sb.toString();
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
