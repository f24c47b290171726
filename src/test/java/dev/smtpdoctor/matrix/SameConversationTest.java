package dev.smtpdoctor.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.probe.TranscriptEntry;
import dev.smtpdoctor.smtp.Reply;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SameConversationTest {

    private static final InetAddress PINNED = address("192.0.2.10");
    private static final Endpoint TYPED_25 = new Endpoint("mail.example.jp", 25, Security.NONE);
    private static final Endpoint PROVIDER_25 = new Endpoint("sv1234.hosting.jp", 25, Security.NONE);
    private static final AuthResult WITHHELD = AuthResult.of(AuthResult.Status.WITHHELD_PLAINTEXT);

    @Test
    void aPlainConversationWithThePinnedAddressIsTheNamesToo() {
        ProbeResult typed = result(TYPED_25, "192.0.2.10", WITHHELD, List.of(Step.CONNECT, Step.GREETING, Step.EHLO,
                Step.QUIT));

        ProbeResult p = SameConversation.resultFor(typed, PROVIDER_25, PINNED, true, false, true).orElseThrow();

        assertThat(p.endpoint()).isEqualTo(PROVIDER_25);
        assertThat(p.greeting()).isEqualTo(typed.greeting());
        assertThat(p.auth()).isEqualTo(WITHHELD);
        assertThat(p.steps()).isEqualTo(typed.steps());
        assertThat(p.transcript().get(0).text()).startsWith("same address and port as mail.example.jp")
                .contains("not repeated");
        assertThat(p.transcript().subList(1, p.transcript().size())).isEqualTo(typed.transcript());
    }

    @Test
    void aNameWithoutThePasswordShowsNoLoginAndNoSenderTest() {
        ProbeResult typed = result(TYPED_25, "192.0.2.10", WITHHELD, List.of(Step.CONNECT, Step.QUIT));

        ProbeResult p = SameConversation.resultFor(typed, PROVIDER_25, PINNED, false, false, false).orElseThrow();

        assertThat(p.auth().status()).isEqualTo(AuthResult.Status.NOT_REQUESTED);
        assertThat(p.sender()).isEqualTo(SenderResult.notTested());
    }

    @Test
    void anythingTheNameCouldChangeIsProbedAgain() {
        List<Step> plain = List.of(Step.CONNECT, Step.GREETING, Step.EHLO, Step.QUIT);
        // Another address than the pinned one.
        assertThat(SameConversation.resultFor(result(TYPED_25, "192.0.2.11", WITHHELD, plain), PROVIDER_25, PINNED,
                true, false, true)).isEmpty();
        // No connection at all: which addresses were tried is not known.
        assertThat(SameConversation.resultFor(new ProbeResult(TYPED_25, new ProbeOutcome.Refused("192.0.2.10"),
                Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), WITHHELD,
                SenderResult.notTested(), 1, 0, List.of(), List.of(), false), PROVIDER_25, PINNED, true, false, true))
                .isEmpty();
        // A handshake began, even one that failed before any certificate: the name went out as SNI.
        Endpoint typed465 = new Endpoint("mail.example.jp", 465, Security.SSL);
        assertThat(SameConversation.resultFor(result(typed465, "192.0.2.10", WITHHELD, List.of(Step.CONNECT,
                Step.TLS_HANDSHAKE)), new Endpoint("sv1234.hosting.jp", 465, Security.SSL), PINNED, true, false, true))
                .isEmpty();
        // A login was made there.
        assertThat(SameConversation.resultFor(result(TYPED_25, "192.0.2.10",
                new AuthResult(AuthResult.Status.ACCEPTED, Optional.of("PLAIN"), Optional.empty()), plain),
                PROVIDER_25, PINNED, true, true, true)).isEmpty();
        // The name would send the password in the clear (consent), or has credentials the typed probe had not.
        assertThat(SameConversation.resultFor(result(TYPED_25, "192.0.2.10", WITHHELD, plain), PROVIDER_25, PINNED,
                true, true, true)).isEmpty();
        assertThat(SameConversation.resultFor(result(TYPED_25, "192.0.2.10",
                AuthResult.of(AuthResult.Status.NOT_REQUESTED), plain), PROVIDER_25, PINNED, true, false, true)).isEmpty();
        // The name would test the sender without a login, which the typed probe did not.
        assertThat(SameConversation.resultFor(result(TYPED_25, "192.0.2.10", WITHHELD, plain), PROVIDER_25, PINNED,
                false, false, true)).isEmpty();
    }

    private static ProbeResult result(Endpoint e, String address, AuthResult auth, List<Step> steps) {
        List<StepRecord> records = new ArrayList<>();
        for (Step s : steps) {
            records.add(new StepRecord(s, records.size(), 1, true, s.name()));
        }
        return new ProbeResult(e, new ProbeOutcome.Completed(), Optional.of(address),
                Optional.of(new Reply(220, Optional.empty(), List.of("mx.example.jp ESMTP"), List.of())), 5,
                Optional.empty(), Optional.empty(), Optional.empty(), auth,
                new SenderResult(SenderResult.Status.SKIPPED, Optional.of("you@example.jp"), Optional.empty()), 40, 100,
                records, List.of(new TranscriptEntry(1, TranscriptEntry.Direction.SERVER, "220 mx.example.jp ESMTP")),
                false);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
