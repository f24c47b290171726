package dev.smtpdoctor;

import static dev.smtpdoctor.MtaCheck.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.testing.MailLog;
import dev.smtpdoctor.testing.knot.KnotServer;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdExtension;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdServer;
import dev.smtpdoctor.testing.opensmtpd.OpenSmtpdServer.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static KnotServer knot;
    private static Socket closedPort;

    private final OpenSmtpdServer smtpd;

    OpenSmtpdAddressOnlyIT(OpenSmtpdServer smtpd) {
        this.smtpd = smtpd;
    }

    @BeforeAll
    static void start() throws IOException {
        knot = KnotServer.start(MtaCheck.ZONES);
        closedPort = new Socket();
        closedPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() throws IOException {
        if (knot != null) {
            knot.close();
        }
        if (closedPort != null) {
            closedPort.close();
        }
    }

    @Test
    void addressOnly_senderTheAccountDoesNotOwnIsReported() {
        Result r = check(addressOnly(OpenSmtpdServer.FOREIGN_ADDRESS), Set.of(OpenSmtpdServer.PROVIDER_HOST));
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

    private record Result(MtaCheck.Run run, List<String> lines) {

        String describe() {
            return run.summary() + "\nsmtpd's log (events):\n  "
                    + String.join("\n  ", lines.stream().filter(l -> !l.startsWith("debug:")).toList());
        }
    }

    private Result check(RawFields.Builder fields, Set<String> confirmed) {
        MailLog.Mark mark = smtpd.mark();
        DnsjavaDns dns = knot.dns(Duration.ofSeconds(2));
        Resolver resolver = MtaCheck.knotResolver(dns, Map.of(465, smtpd.port(Listener.SSL_465),
                587, smtpd.port(Listener.STARTTLS_587), 25, smtpd.port(Listener.PLAIN_25)), closedPort.getLocalPort());
        MtaCheck.Run run = MtaCheck.check("opensmtpd-address-only-it", dns, resolver, smtpd.trust(), fields.build(),
                false, confirmed);
        return new Result(run, smtpd.awaitSessions(mark, run.connections()));
    }

    /** The address to send as, the account's username and password: the server field (port, security) empty. */
    private RawFields.Builder addressOnly(String address) {
        return RawFields.builder().address(address).username(OpenSmtpdServer.USER)
                .password(smtpd.credentials().password());
    }
}
