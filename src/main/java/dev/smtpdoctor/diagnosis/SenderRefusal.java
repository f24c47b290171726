package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.smtp.Reply;
import java.util.List;

/**
 * Whether a permanent refusal of {@code MAIL FROM} or {@code RCPT TO}, after a successful login, is about the
 * sender: the code alone does not say (OpenSMTPD answers {@code 530 Sender rejected} with no enhanced code), so
 * the words are read as well. Pure.
 */
final class SenderRefusal {

    /**
     * Words (lower case) that name the sender in a refusal. Sources:
     * <ul>
     *   <li>"sender" — OpenSMTPD smtp_session.c {@code 530 Sender rejected}; Postfix
     *       {@code Sender address rejected}; Exim {@code sender verify failed}; Dovecot/others "sender not allowed"</li>
     *   <li>"not owned" — Postfix reject_sender_login_mismatch {@code not owned by user x}</li>
     *   <li>"not allowed to send", "not authorized to send" — Microsoft 365
     *       {@code 554 5.2.252 SendAsDenied; … not allowed to send as …}; various hosting panels</li>
     *   <li>"sendasdenied" — Microsoft 365 (the error name itself)</li>
     *   <li>"mismatch" — "From address mismatch", "sender/login mismatch" (Exim ACLs, Dovecot submission)</li>
     *   <li>"from address", "mail from", "envelope from" — refusals that name the MAIL FROM address rather than
     *       the word sender. A bare "from" is not enough: it appears in refusals about the client's address.</li>
     * </ul>
     */
    static final List<String> WORDS = List.of("sender", "not owned", "not allowed to send", "not authorized to send",
            "not authorised to send", "sendasdenied", "send as denied", "mismatch", "from address", "mail from",
            "envelope from");

    private SenderRefusal() {
    }

    /** A permanent (5xx) refusal that is about who may send: 553 or 550 as before, or any 5xx whose words say so. */
    static boolean refusesSender(Reply r) {
        if (!r.isPermanentFailure()) {
            return false;
        }
        return r.code() == 553 || r.code() == 550 || namesSender(r);
    }

    static boolean namesSender(Reply r) {
        String t = RuleSupport.text(r);
        return WORDS.stream().anyMatch(t::contains);
    }
}
