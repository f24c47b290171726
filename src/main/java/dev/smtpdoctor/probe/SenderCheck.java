package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Reply;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * May this account send as the address? {@code MAIL FROM} and {@code RCPT TO} the user's own address, then
 * {@code RSET}: nothing is ever sent (no DATA). With PIPELINING (RFC 2920 §3.1) the four commands go with QUIT as
 * one group, one round trip; a refusal is still reported at its command, and the replies owed after it are read.
 * One per probe, on its thread.
 */
final class SenderCheck {

    private SenderResult result = SenderResult.notTested();

    SenderResult result() {
        return result;
    }

    /** Not made: the login did not succeed, and the answer would only say "authenticate first". */
    void skip(String from) {
        result = new SenderResult(SenderResult.Status.SKIPPED, Optional.of(from), Optional.empty());
    }

    void run(String from, Wire wire, Steps steps, Capabilities capabilities, Supplier<Deadline> deadline)
            throws Abort {
        String mail = "MAIL FROM:<" + from + ">";
        String rcpt = "RCPT TO:<" + from + ">";
        steps.run(Step.MAIL_FROM, () -> {
            if (capabilities.pipelining()) {
                wire.writeGroup(List.of(mail, rcpt, "RSET", "QUIT"), deadline.get()); // QUIT only last (§3.1)
            }
            Reply r = wire.command(mail, deadline.get());
            if (r.code() == 250) {
                result = new SenderResult(SenderResult.Status.ACCEPTED, Optional.of(from), Optional.of(r));
                return "250";
            }
            result = new SenderResult(SenderResult.Status.REJECTED, Optional.of(from), Optional.of(r));
            throw new Abort(new ProbeOutcome.SenderRejected(r), r.code() != 421 && wire.readOwed(deadline.get()));
        });
        // Postfix's default smtpd_delay_reject answers reject_sender_login_mismatch only at RCPT TO,
        // so the sender is accepted for sure only once a recipient is: the address itself. No DATA follows.
        steps.run(Step.RCPT_TO, () -> {
            Reply r = wire.command(rcpt, deadline.get());
            if (r.code() == 250 || r.code() == 251) {
                return String.valueOf(r.code());
            }
            if (r.isTransientFailure() && r.code() != 421) {
                // 4xx (greylisting, a busy mailbox) says nothing about who may send: MAIL FROM's 250 stands.
                return r.code() + " (temporary, not a verdict on the sender)";
            }
            result = new SenderResult(SenderResult.Status.REJECTED, Optional.of(from), Optional.of(r));
            throw new Abort(new ProbeOutcome.SenderRejected(r), r.code() != 421 && wire.readOwed(deadline.get()));
        });
        steps.run(Step.RSET, () -> String.valueOf(wire.command("RSET", deadline.get()).code()));
    }
}
