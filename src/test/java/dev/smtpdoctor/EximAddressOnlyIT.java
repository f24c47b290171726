package dev.smtpdoctor;

import static dev.smtpdoctor.MtaCheck.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.testing.exim.EximExtension;
import dev.smtpdoctor.testing.exim.EximServer;
import dev.smtpdoctor.testing.SharedHostingMta.Listener;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link EximCheckIT}'s case c (538 5.7.11 Encryption required to AUTH in clear text) with the address only: the
 * server field empty, so the Exim is found as the guess {@code mail.example.test}, which the test's Knot says is
 * 127.0.0.1 (as it says of the provider's {@code sv1234.hosting.test} on the certificate). The check resolves as
 * with {@code --dns-server}: discovery and the domain checks ask Knot, and the probes' resolver asks Knot and
 * maps each logical port to Exim's listener ({@link MtaCheck#knotResolver}). Plaintext AUTH is allowed, and the
 * provider's name is confirmed ({@code --trust-certificate-name}): a guess found only through DNS never gets the
 * password, in clear or not, so the one login goes to the provider's name, and the 538 comes from the
 * credential-free AUTH that asks whether "25" would take a password in clear (counted apart, at most one).
 */
@ExtendWith(EximExtension.class)
class EximAddressOnlyIT {

    private static MtaCheck.Network network;

    private final EximServer exim;

    EximAddressOnlyIT(EximServer exim) {
        this.exim = exim;
    }

    @BeforeAll
    static void start() throws IOException {
        network = MtaCheck.Network.withKnot();
    }

    @AfterAll
    static void stop() throws IOException {
        if (network != null) {
            network.close();
        }
    }

    /**
     * What the product should report, as it does with the server typed ({@link EximCheckIT}: the credential-free
     * AUTH's 538 on "25" is AUTH_REQUIRES_TLS with the reply). With the address only it reports, for the same
     * server, AUTH_PLAINTEXT_OFFERED on 25 and an AUTH_REQUIRES_TLS on 587 without reply; the 538 is lost.
     */
    @Test
    void addressOnly_encryptionRequiredOnAnUnencryptedAuthIsRecordedAndTheRecommendationStaysSecure() {
        MtaCheck.Logged r = check(addressOnly(), true, Set.of(EximServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.findings()).as(r.describe()).filteredOn(f -> f.code() == FindingCode.AUTH_REQUIRES_TLS)
                .anySatisfy(f -> assertThat(f.args())
                        .hasEntrySatisfying("host", h -> assertThat(h).isIn(EximServer.HOST, EximServer.PROVIDER_HOST))
                        .containsEntry("port", "25")
                        .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("538 5.7.11")));
        assertThat(d.findings()).extracting(f -> f.code()).doesNotContain(FindingCode.AUTH_FAILED);
        assertSecureOnTheProvidersNameWithOneLogin(r);
    }

    /**
     * The half of the case above that holds today: the provider's name confirmed (--trust-certificate-name), the
     * one login goes to it over TLS and is recommended; the only 538 in clear text on the guess's "25" is the
     * credential-free AUTH's, counted apart.
     */
    @Test
    void addressOnly_theOneLoginGoesToTheConfirmedProvidersNameAndOnlyTheCredentialFreeAuthGets538() {
        MtaCheck.Logged r = check(addressOnly(), true, Set.of(EximServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.findings()).as(r.describe()).extracting(f -> f.code()).doesNotContain(FindingCode.AUTH_FAILED);
        assertThat(d.probes()).as("no password to a DNS guess, nor in clear").noneMatch(p -> p.result().auth()
                .attempted() && (p.candidate().source() != CandidateSource.CERTIFICATE_NAME
                || p.result().endpoint().security() == Security.NONE));
        assertSecureOnTheProvidersNameWithOneLogin(r);
    }

    private void assertSecureOnTheProvidersNameWithOneLogin(MtaCheck.Logged r) {
        Diagnosis d = r.run().d();
        Recommendation rec = d.recommendation().orElseThrow();
        Recommendation.Choice c = rec.choice().orElseThrow(() -> new AssertionError(r.describe()));
        assertThat(c.server()).as(r.run().summary()).isEqualTo(EximServer.PROVIDER_HOST);
        assertThat(c.port()).isEqualTo(465);
        assertThat(c.security()).isEqualTo(Security.SSL);
        assertThat(c.secure()).isTrue();
        assertThat(c.source()).isEqualTo(CandidateSource.CERTIFICATE_NAME);
        assertThat(c.loginVerified()).isTrue();
        assertThat(c.senderVerified()).isTrue();
        assertThat(c.confirmWithProvider()).isFalse();
        assertThat(rec.typed()).as("nothing but the address was typed").isEmpty();
        assertThat(rec.passwordUntested()).isEmpty();
        assertThat(d.status()).isEqualTo(Diagnosis.Status.SECURE);
        assertThat(d.status().exitCode()).isZero();

        // Exim's log: exactly one login, on 465, and it did not fail ...
        assertThat(EximServer.loginAuthCommands(r.lines())).as(r.describe()).hasSize(1);
        // On an encrypted port of the provider's name: 465 usually (MatrixAuthGate gives 587 a short grace, never
        // longer), 587 after STARTTLS when it gets there first on a loaded machine; never the clear-text 25.
        assertThat(EximServer.loginAuthCommands(r.lines()).get(0)).containsAnyOf("on port " + exim.port(Listener.SSL_465) + " ",
                "on port " + exim.port(Listener.STARTTLS_587) + " ");
        assertThat(r.lines()).noneMatch(l -> l.contains("authenticator failed"));
        // ... and the credential-free AUTH on "25" (bare, counted apart) is the one Exim refused with 538.
        assertThat(EximServer.authCommands(r.lines())).as(r.describe())
                .filteredOn(l -> l.endsWith(" bare")).singleElement()
                .satisfies(l -> assertThat(l).contains("on port " + exim.port(Listener.PLAIN_25)));
        assertThat(r.lines()).filteredOn(l -> l.contains("rejected AUTH") && l.contains("538 5.7.11")).hasSize(1);
    }

    // ---- the harness ---------------------------------------------------------------------------------

    private MtaCheck.Logged check(RawFields.Builder fields, boolean allowPlaintextAuth, Set<String> confirmed) {
        return network.check("exim-address-only-it", exim, fields.build(), allowPlaintextAuth, confirmed);
    }

    /** The address, username and password: the server field (and port, security) left empty. */
    private RawFields.Builder addressOnly() {
        return RawFields.builder().address(EximServer.USER).username(EximServer.USER)
                .password(exim.credentials().password());
    }
}
