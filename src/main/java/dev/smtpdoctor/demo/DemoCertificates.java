package dev.smtpdoctor.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The demo's certificates: committed PEM files under {@code certificates/} next to this class, made once by
 * {@code DemoCertificatesGenerator} (test code, see {@code certificates/README.md}) and read here with the
 * JDK alone. They are loaded once per JVM.
 *
 * <p>The one certificate that depends on the day is the expired one: the scenario shows a certificate that
 * expired twelve days ago, every day. {@link #expired} takes the committed expired certificate, gives it
 * the validity asked for and signs it again with the demo CA's key — a DER edit of one field and one JDK
 * {@link Signature}, no certificate library.
 */
final class DemoCertificates {

    /** The committed files, by base name: {@code NAME.pem} holds the certificate, {@code NAME-key.pem} its key. */
    enum Fixture {
        /** The demo CA: a root, the only certificate the demo trusts. */
        CA("demo-ca"),
        /** The provider's server name, signed by the demo CA (shared-hosting). */
        PROVIDER("sv1234.demo-hosting.test"),
        /** The customer's server name, signed by the demo CA. */
        MAIL("mail.example-shop.test"),
        /** The customer's server name, self-signed (self-signed). */
        SELF_SIGNED("mail.example-shop.test-self-signed"),
        /** The customer's server name, signed by the demo CA, already expired; re-dated at start (expired). */
        EXPIRED("mail.example-shop.test-expired");

        private final String baseName;

        Fixture(String baseName) {
            this.baseName = baseName;
        }

        String certificateFile() {
            return baseName + ".pem";
        }

        String keyFile() {
            return baseName + "-key.pem";
        }
    }

    /** Where the files are, relative to this class's package. */
    static final String DIRECTORY = "certificates/";

    private static final class Holder {
        static final DemoCertificates LOADED = new DemoCertificates();
    }

    private final DemoCertificate ca;
    private final byte[] caPem;
    private final DemoCertificate provider;
    private final DemoCertificate mail;
    private final DemoCertificate selfSigned;
    private final DemoCertificate expiredTemplate;

    private DemoCertificates() {
        caPem = resource(Fixture.CA.certificateFile());
        ca = load(Fixture.CA);
        provider = load(Fixture.PROVIDER);
        mail = load(Fixture.MAIL);
        selfSigned = load(Fixture.SELF_SIGNED);
        expiredTemplate = load(Fixture.EXPIRED);
    }

    /** The committed certificates, read on first use. */
    static DemoCertificates get() {
        return Holder.LOADED;
    }

    DemoCertificate ca() {
        return ca;
    }

    /** The demo CA's certificate exactly as committed: what {@code --ca-file} gets. */
    byte[] caCertificatePem() {
        return caPem.clone();
    }

    /** The certificate for {@code host}, signed by the demo CA. */
    DemoCertificate leaf(String host) {
        for (DemoCertificate c : List.of(provider, mail)) {
            if (c.certificate().getSubjectX500Principal().getName().equals("CN=" + host)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no demo certificate for " + host);
    }

    /** {@code mail.example-shop.test}, signed by itself. */
    DemoCertificate selfSigned() {
        return selfSigned;
    }

    /**
     * {@code mail.example-shop.test}, signed by the demo CA, valid for 90 days until {@code ago} before
     * {@code now} (to the second).
     */
    DemoCertificate expired(Duration ago, Instant now) {
        Instant end = now.minus(ago).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate c = redated(expiredTemplate.certificate(), end.minus(Duration.ofDays(90)), end,
                ca.privateKey());
        return new DemoCertificate(expiredTemplate.privateKey(), List.of(c));
    }

    /** The committed expired certificate as it is, for the fixture tests. */
    DemoCertificate expiredTemplate() {
        return expiredTemplate;
    }

    // ---- loading ----

    private static DemoCertificate load(Fixture f) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (var c : cf.generateCertificates(new ByteArrayInputStream(resource(f.certificateFile())))) {
                chain.add((X509Certificate) c);
            }
            byte[] pkcs8 = pemBody(new String(resource(f.keyFile()), StandardCharsets.US_ASCII), "PRIVATE KEY");
            String algorithm = chain.getFirst().getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new DemoCertificate(key, chain);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot read the demo certificate " + f.baseName + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = DemoCertificates.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource " + DIRECTORY + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Base64 body of the one {@code -----BEGIN type-----} block in {@code pem}. */
    static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " in PEM");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    // ---- re-dating: X.509 (RFC 5280 §4.1) with a new validity, signed again ----

    private static final int SEQUENCE = 0x30;
    private static final int BIT_STRING = 0x03;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int VERSION_TAG = 0xA0;
    private static final DateTimeFormatter UTC_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * {@code template} with its validity replaced by {@code notBefore}–{@code notAfter}, signed by
     * {@code issuerKey} with the template's signature algorithm. Everything else (names, key, serial,
     * extensions) stays as it was.
     */
    static X509Certificate redated(X509Certificate template, Instant notBefore, Instant notAfter,
                                   PrivateKey issuerKey) {
        try {
            List<byte[]> tbs = elements(template.getTBSCertificate());
            // tbsCertificate: [0] version, serialNumber, signature, issuer, validity, subject, ...
            int validity = (tbs.getFirst()[0] & 0xFF) == VERSION_TAG ? 4 : 3;
            tbs.set(validity, tlv(SEQUENCE, concat(List.of(time(notBefore), time(notAfter)))));
            byte[] newTbs = tlv(SEQUENCE, concat(tbs));
            Signature signer = Signature.getInstance(template.getSigAlgName());
            signer.initSign(issuerKey);
            signer.update(newTbs);
            byte[] signature = signer.sign();
            byte[] algorithm = elements(template.getEncoded()).get(1);
            byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = tlv(SEQUENCE, concat(List.of(newTbs, algorithm, tlv(BIT_STRING, bits))));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot re-date the demo certificate", e);
        }
    }

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
    private static byte[] time(Instant t) {
        int year = t.atZone(ZoneOffset.UTC).getYear();
        boolean utc = year >= 1950 && year < 2050;
        String text = (utc ? UTC_TIME_FORMAT : GENERALIZED_TIME_FORMAT).format(t);
        return tlv(utc ? UTC_TIME : GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The complete TLVs inside the DER SEQUENCE {@code der}, in order. */
    private static List<byte[]> elements(byte[] der) {
        if ((der[0] & 0xFF) != SEQUENCE) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        int[] header = lengthAt(der, 1);
        int pos = header[1];
        int end = pos + header[0];
        List<byte[]> out = new ArrayList<>();
        while (pos < end) {
            int[] len = lengthAt(der, pos + 1);
            int next = len[1] + len[0];
            byte[] element = new byte[next - pos];
            System.arraycopy(der, pos, element, 0, element.length);
            out.add(element);
            pos = next;
        }
        if (pos != end) {
            throw new IllegalArgumentException("malformed DER");
        }
        return out;
    }

    /** The DER length starting at {@code pos}: {length, position of the contents}. Single-byte tags only. */
    private static int[] lengthAt(byte[] der, int pos) {
        int first = der[pos] & 0xFF;
        if (first < 0x80) {
            return new int[] {first, pos + 1};
        }
        int count = first & 0x7F;
        if (count == 0 || count > 3) {
            throw new IllegalArgumentException("unsupported DER length");
        }
        int length = 0;
        for (int i = 1; i <= count; i++) {
            length = (length << 8) | (der[pos + i] & 0xFF);
        }
        return new int[] {length, pos + 1 + count};
    }

    private static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 5);
        out.write(tag);
        int n = contents.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
