package dev.smtpdoctor.testing.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting Postfix log lines (as Postfix 3.7 writes them) into smtpd sessions. */
class SmtpdSessionTest {

    private static final List<String> LOG = List.of(
            "Nov 28 08:52:00 mail postfix-it/postfix-script[15952]: starting the Postfix mail system",
            "Nov 28 08:52:01 mail postfix-it/submissions/smtpd[15960]: disconnect from unknown[127.0.0.1]:47000 commands=0/0",
            "Nov 28 08:52:01 mail postfix-it/submissions/smtpd[15960]: connect from unknown[127.0.0.1]:47242",
            "Nov 28 08:52:01 mail postfix-it/submission/smtpd[15961]: connect from unknown[127.0.0.1]:50864",
            "Nov 28 08:52:01 mail postfix-it/submissions/smtpd[15960]: Anonymous TLS connection established from "
                    + "unknown[127.0.0.1]:47242: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "Nov 28 08:52:01 mail postfix-it/submissions/smtpd[15960]: warning: unknown[127.0.0.1]:47242: SASL PLAIN "
                    + "authentication failed: (reason unavailable), sasl_username=user@example.test",
            "Nov 28 08:52:01 mail postfix-it/submissions/smtpd[15960]: disconnect from unknown[127.0.0.1]:47242 "
                    + "ehlo=1 auth=0/1 quit=1 commands=2/3",
            "Nov 28 08:52:02 mail postfix-it/submissions/smtpd[15960]: connect from unknown[127.0.0.1]:47250");

    @Test
    void cutsOneListenersLinesIntoSessionsByProcess() {
        List<SmtpdSession> sessions = SmtpdSession.parse(Listener.SUBMISSIONS_465, LOG);

        assertThat(sessions).hasSize(2);
        SmtpdSession first = sessions.get(0);
        assertThat(first.client()).isEqualTo("unknown[127.0.0.1]:47242");
        assertThat(first.pid()).isEqualTo(15960);
        assertThat(first.ended()).isTrue();
        assertThat(first.lines()).hasSize(4);
        assertThat(first.count("SASL PLAIN authentication failed")).isEqualTo(1);
        assertThat(sessions.get(1).ended()).isFalse();
    }

    @Test
    void readsTheDisconnectCounters() {
        SmtpdSession s = SmtpdSession.parse(Listener.SUBMISSIONS_465, LOG).get(0);

        assertThat(s.commandCounters()).containsExactly(
                org.assertj.core.api.Assertions.entry("ehlo", "1"),
                org.assertj.core.api.Assertions.entry("auth", "0/1"),
                org.assertj.core.api.Assertions.entry("quit", "1"),
                org.assertj.core.api.Assertions.entry("commands", "2/3"));
        assertThat(s.attempts("auth")).isEqualTo(1);
        assertThat(s.attempts("ehlo")).isEqualTo(1);
        assertThat(s.attempts("starttls")).isZero();
    }

    @Test
    void otherListenersAndSessionsBegunEarlierAreLeftOut() {
        assertThat(SmtpdSession.parse(Listener.SUBMISSION_587, LOG)).singleElement()
                .satisfies(s -> assertThat(s.ended()).isFalse());
        assertThat(SmtpdSession.parse(Listener.SUBMISSION_DELAYED_REJECT, LOG)).isEmpty();
    }

    @Test
    void aSessionThatHasNotEndedHasNoCounters() {
        SmtpdSession open = SmtpdSession.parse(Listener.SUBMISSIONS_465, LOG).get(1);
        assertThatThrownBy(open::commandCounters).isInstanceOf(AssertionError.class).hasMessageContaining("not ended");
    }
}
