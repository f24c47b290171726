package dev.smtpdoctor;

import static dev.smtpdoctor.MtaCheck.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdExtension;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdServer;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link OpenSmtpdCheckIT}'s case d ({@code 530 Sender rejected} after a successful login) with the address only:
 * the server field empty, so OpenSMTPD is found as the guess {@code mail.example.test}, which the test's Knot says
 * is 127.0.0.1 (as it says of the provider's {@code sv1234.hosting.test} on the certificate). Discovery and the
 * domain checks ask Knot; the probes' resolver asks Knot and maps each logical port to OpenSMTPD's listener
 * ({@link MtaCheck#knotResolver}).
 */
@ExtendWith(OpenSmtpdExtension.class)
class OpenSmtpdAddressOnlyIT {

    private static MtaCheck.Network network;

    private final OpenSmtpdServer smtpd;

    OpenSmtpdAddressOnlyIT(OpenSmtpdServer smtpd) {
        this.smtpd = smtpd;
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

    @Test
    void addressOnly_senderTheAccountDoesNotOwnIsReported() {
        MtaCheck.Logged r = check(addressOnly(OpenSmtpdServer.FOREIGN_ADDRESS), Set.of(OpenSmtpdServer.PROVIDER_HOST));
        Diagnosis d = r.run().d();

        assertThat(d.status()).as(r.describe()).isEqualTo(Diagnosis.Status.NOTHING_WORKS);
        assertThat(d.status().exitCode()).isEqualTo(2);
        Recommendation rec = d.recommendation().orElseThrow();
        assertThat(rec.choice()).as(r.run().summary()).isEmpty();
        assertThat(rec.likelyCauseCode()).as(r.run().summary()).contains(FindingCode.SENDER_NOT_OWNED);
        assertThat(rec.nextAction()).contains(Recommendation.NextAction.CHECK_SENDER);
        assertThat(rec.typed()).as("nothing but the address was typed").isEmpty();
        assertThat(finding(d, FindingCode.SENDER_NOT_OWNED).args())
                .containsEntry("address", OpenSmtpdServer.FOREIGN_ADDRESS)
                .containsEntry("username", OpenSmtpdServer.USER)
                .hasEntrySatisfying("reply", reply -> assertThat(reply).startsWith("530 Sender rejected"));
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.AUTH_FAILED);
        assertThat(d.probes()).as(r.run().summary())
                .filteredOn(p -> p.result().outcome() instanceof ProbeOutcome.SenderRejected s
                        && s.reply().code() == 530 && p.result().auth().attempted())
                .singleElement().satisfies(p -> {
                    assertThat(p.result().endpoint().host()).isEqualTo(OpenSmtpdServer.PROVIDER_HOST);
                    assertThat(p.result().endpoint().port()).isEqualTo(465);
                });

        // smtpd's log: exactly one login in the whole check, it succeeded, and the foreign sender got the 530.
        assertThat(OpenSmtpdServer.authCommands(r.lines())).as(r.describe()).isEqualTo(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("result=ok")).hasSize(1);
        assertThat(r.lines()).filteredOn(l -> l.contains("result=\"530 Sender rejected\"")).hasSize(1);
    }

    // ---- the harness ---------------------------------------------------------------------------------

    private MtaCheck.Logged check(RawFields.Builder fields, Set<String> confirmed) {
        return network.check("opensmtpd-address-only-it", smtpd, fields.build(), false, confirmed);
    }

    /** The address to send as, the account's username and password: the server field (port, security) empty. */
    private RawFields.Builder addressOnly(String address) {
        return RawFields.builder().address(address).username(OpenSmtpdServer.USER)
                .password(smtpd.credentials().password());
    }
}
