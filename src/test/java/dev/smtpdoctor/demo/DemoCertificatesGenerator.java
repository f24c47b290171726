package dev.smtpdoctor.demo;

import dev.smtpdoctor.demo.DemoCertificates.Fixture;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Makes the demo's committed certificates ({@code src/main/resources/dev/smtpdoctor/demo/certificates/}) with
 * {@link HeldCertificate}: run by hand, never by the build — the command is in the README next to the files:
 * <pre>./mvnw -B -q -o -DskipITs test -Dtest=DemoCertificatesGenerator -Ddemo.certificates.regenerate=true</pre>
 * (a test that is skipped unless that property is set, so it needs no plugin beyond the build's own), or
 * {@link #main} with the test class path.
 * The product reads them with the JDK alone ({@link DemoCertificates}); {@link DemoCertificatesTest} checks
 * what this wrote.
 */
public final class DemoCertificatesGenerator {

    static final String DIRECTORY = "src/main/resources/dev/smtpdoctor/demo/certificates";

    /** Start of validity of every certificate but the expired one. */
    static final Instant VALID_FROM = Instant.parse("2026-01-01T00:00:00Z");
    /** End of validity of every certificate but the expired one: a century, so the demo never ages. */
    static final Instant VALID_UNTIL = Instant.parse("2126-01-01T00:00:00Z");

    /** Overwrites the committed files; Maven runs tests in the project's directory. */
    @Test
    @EnabledIfSystemProperty(named = "demo.certificates.regenerate", matches = "true")
    void regenerate() throws IOException {
        generate(Path.of(DIRECTORY));
    }

    /** {@code args[0]}: the directory to write, by default the resources directory of a checkout's root. */
    public static void main(String[] args) throws IOException {
        generate(Path.of(args.length > 0 ? args[0] : DIRECTORY));
    }

    static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        HeldCertificate ca = HeldCertificate.builder()
                .commonName("smtp-doctor demo CA (not for real use)")
                .certificateAuthority(0)
                .validity(VALID_FROM, VALID_UNTIL)
                .build();
        write(dir, Fixture.CA, ca);
        write(dir, Fixture.PROVIDER, leaf(DemoScenario.PROVIDER_HOST).signedBy(ca).build());
        write(dir, Fixture.MAIL, leaf(DemoScenario.MAIL_HOST).signedBy(ca).build());
        write(dir, Fixture.SELF_SIGNED, leaf(DemoScenario.MAIL_HOST).build());
        // Re-dated to "expired 12 days ago" by every start; as committed, it expired 12 days before it was made.
        Instant end = Instant.now().minus(DemoScenario.EXPIRED_AGO).truncatedTo(ChronoUnit.SECONDS);
        write(dir, Fixture.EXPIRED, leaf(DemoScenario.MAIL_HOST).validity(end.minus(Duration.ofDays(90)), end)
                .signedBy(ca).build());
        System.out.println("wrote the demo certificates to " + dir.toAbsolutePath());
    }

    private static HeldCertificate.Builder leaf(String host) {
        return HeldCertificate.builder().commonName(host).addDnsName(host).validity(VALID_FROM, VALID_UNTIL);
    }

    private static void write(Path dir, Fixture f, HeldCertificate c) throws IOException {
        Files.writeString(dir.resolve(f.certificateFile()), c.chainPem(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(f.keyFile()), c.privateKeyPem(), StandardCharsets.US_ASCII);
    }
}
