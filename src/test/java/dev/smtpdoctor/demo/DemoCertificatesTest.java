package dev.smtpdoctor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.demo.DemoCertificates.Fixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed demo certificates (made by {@link DemoCertificatesGenerator}) are what the scenarios need:
 * they parse with the JDK, each key belongs to its certificate, the chains verify to the demo CA, and names
 * and validity fit each scenario — and the expired one is re-dated correctly on any day.
 */
class DemoCertificatesTest {

    private static final String MAIL = "mail.example-shop.test";
    private static final String PROVIDER = "sv1234.demo-hosting.test";
    private static final Instant IN_TEN_YEARS = Instant.now().plus(Duration.ofDays(3653));

    private final DemoCertificates certs = DemoCertificates.get();
    private final X509Certificate ca = certs.ca().certificate();

    @ParameterizedTest
    @EnumSource(Fixture.class)
    void eachCommittedFileParsesAndItsKeyBelongsToItsCertificate(Fixture f) throws Exception {
        DemoCertificate c = byFixture(f);
        assertThat(c.chain()).as("one certificate per file: the CA is a root, there is no intermediate").hasSize(1);
        assertThat(c.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.privateKey().getFormat()).isEqualTo("PKCS#8");
        byte[] data = f.name().getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(c.privateKey());
        s.update(data);
        byte[] sig = s.sign();
        s.initVerify(c.certificate().getPublicKey());
        s.update(data);
        assertThat(s.verify(sig)).as(f + ": key and certificate are a pair").isTrue();
    }

    @Test
    void theCaIsARootThatMaySignOnlyLeavesAndOutlivesTheNextTenYears() throws Exception {
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=smtp-doctor demo CA (not for real use)");
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        ca.checkValidity(Date.from(IN_TEN_YEARS));
        ca.checkValidity();
    }

    @Test
    void theValidLeavesChainToTheDemoCaNowAndInTenYears() throws Exception {
        for (String host : List.of(MAIL, PROVIDER)) {
            X509Certificate leaf = certs.leaf(host).certificate();
            assertThat(names(leaf)).as(host).containsExactly(host);
            assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=" + host);
            assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
            assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
            validate(leaf, Instant.now());
            validate(leaf, IN_TEN_YEARS);
        }
        assertThatThrownBy(() -> certs.leaf("smtp.example-shop.test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSelfSignedOneNamesTheMailHostAndLeadsNowhere() throws Exception {
        X509Certificate c = certs.selfSigned().certificate();
        assertThat(names(c)).containsExactly(MAIL);
        assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
        c.verify(c.getPublicKey());
        c.checkValidity(Date.from(IN_TEN_YEARS));
        assertThatThrownBy(() -> validate(c, Instant.now())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void theCommittedExpiredOneIsSignedByTheCaAndExpired() throws Exception {
        X509Certificate c = certs.expiredTemplate().certificate();
        assertThat(names(c)).containsExactly(MAIL);
        c.verify(ca.getPublicKey());
        assertThatThrownBy(c::checkValidity).isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void theExpiredScenarioGetsACertificateThatExpiredTwelveDaysAgoSignedByTheCa() throws Exception {
        Instant now = Instant.now();
        X509Certificate template = certs.expiredTemplate().certificate();
        DemoCertificate expired = certs.expired(Duration.ofDays(12), now);
        X509Certificate c = expired.certificate();

        Instant end = now.minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(end);
        assertThat(c.getNotBefore().toInstant()).isEqualTo(end.minus(Duration.ofDays(90)));
        c.verify(ca.getPublicKey());
        assertThatThrownBy(c::checkValidity).isInstanceOf(CertificateExpiredException.class);
        validate(c, end.minus(Duration.ofDays(1)));
        assertSameButValidity(c, template);
        assertThat(expired.privateKey()).isEqualTo(certs.expiredTemplate().privateKey());
    }

    @Test
    void reDatingPastTwoThousandFortyNineUsesGeneralizedTime() throws Exception {
        Instant from = Instant.parse("2049-12-31T23:59:59Z");
        Instant until = Instant.parse("2150-06-01T12:00:00Z");
        X509Certificate c = DemoCertificates.redated(certs.expiredTemplate().certificate(), from, until,
                certs.ca().privateKey());
        assertThat(c.getNotBefore().toInstant()).isEqualTo(from);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(until);
        c.verify(ca.getPublicKey());
        assertSameButValidity(c, certs.expiredTemplate().certificate());
    }

    @ParameterizedTest
    @EnumSource(DemoScenario.class)
    void everyScenarioPresentsTheCertificateItDescribes(DemoScenario scenario) throws Exception {
        Plan plan = scenario.plan(certs);
        switch (scenario) {
            case NO_STARTTLS, ONLY_UNSECURED -> assertThat(plan.certificate()).isEmpty();
            case SHARED_HOSTING -> {
                X509Certificate c = plan.certificate().orElseThrow().certificate();
                assertThat(names(c)).containsExactly(PROVIDER);
                validate(c, IN_TEN_YEARS);
            }
            case SELF_SIGNED -> assertThat(plan.certificate()).contains(certs.selfSigned());
            case EXPIRED -> {
                X509Certificate c = plan.certificate().orElseThrow().certificate();
                assertThat(names(c)).containsExactly(MAIL);
                long daysAgo = Duration.between(c.getNotAfter().toInstant(), Instant.now()).toDays();
                assertThat(daysAgo).isEqualTo(12);
            }
            case WRONG_PASSWORD, SENDER_NOT_OWNED, GREETING_DELAY -> {
                X509Certificate c = plan.certificate().orElseThrow().certificate();
                assertThat(names(c)).containsExactly(MAIL);
                validate(c, IN_TEN_YEARS);
            }
        }
    }

    @Test
    void theCaFileIsTheCommittedCaCertificate() throws Exception {
        List<java.security.cert.Certificate> parsed = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(certs.caCertificatePem())));
        assertThat(parsed).containsExactly(ca);
    }

    @Test
    void theReadmeNextToTheKeysSaysTheyArePublic() throws Exception {
        try (InputStream in = DemoCertificates.class.getResourceAsStream(DemoCertificates.DIRECTORY + "README.md")) {
            assertThat(in).isNotNull();
            String readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(readme).contains("public test keys", "-Ddemo.certificates.regenerate=true");
        }
    }

    private DemoCertificate byFixture(Fixture f) {
        return switch (f) {
            case CA -> certs.ca();
            case PROVIDER -> certs.leaf(PROVIDER);
            case MAIL -> certs.leaf(MAIL);
            case SELF_SIGNED -> certs.selfSigned();
            case EXPIRED -> certs.expiredTemplate();
        };
    }

    /** PKIX with the demo CA as the only trust anchor, at {@code when}. */
    private void validate(X509Certificate leaf, Instant when) throws Exception {
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        p.setRevocationEnabled(false);
        p.setDate(Date.from(when));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), p);
    }

    private static List<String> names(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().filter(n -> (Integer) n.get(0) == 2)
                .map(n -> (String) n.get(1)).toList();
    }

    private static void assertSameButValidity(X509Certificate c, X509Certificate template) {
        assertThat(c.getSubjectX500Principal()).isEqualTo(template.getSubjectX500Principal());
        assertThat(c.getIssuerX500Principal()).isEqualTo(template.getIssuerX500Principal());
        assertThat(c.getSerialNumber()).isEqualTo(template.getSerialNumber());
        assertThat(c.getPublicKey()).isEqualTo(template.getPublicKey());
        assertThat(c.getSigAlgName()).isEqualTo(template.getSigAlgName());
        assertThat(c.getCriticalExtensionOIDs()).isEqualTo(template.getCriticalExtensionOIDs());
        assertThat(c.getNonCriticalExtensionOIDs()).isEqualTo(template.getNonCriticalExtensionOIDs());
        for (String oid : template.getNonCriticalExtensionOIDs()) {
            assertThat(c.getExtensionValue(oid)).as(oid).isEqualTo(template.getExtensionValue(oid));
        }
        for (String oid : template.getCriticalExtensionOIDs()) {
            assertThat(c.getExtensionValue(oid)).as(oid).isEqualTo(template.getExtensionValue(oid));
        }
    }
}
