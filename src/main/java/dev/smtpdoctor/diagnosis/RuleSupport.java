package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.smtp.Reply;
import java.util.List;
import java.util.Locale;

/** What the rules share: thresholds, reply wording, DNS and AUTH classifications. Pure. */
final class RuleSupport {

    /** A greeting slower than this is measured and labelled (Postfix postscreen waits 6 s by default). */
    static final long GREETING_NOTE_MILLIS = 5_000;
    /** Gmail's patience seen in one report (~9–10 s, email-oauth2-proxy #299); unconfirmed. */
    static final long GMAIL_PATIENCE_MILLIS = 10_000;

    private RuleSupport() {
    }

    /** A name that does not lead to a server (NXDOMAIN, NODATA) is not a lookup that did not finish. */
    static FindingCode dnsCode(ProbeOutcome.DnsFailed d) {
        return switch (d.failure()) {
            case NO_SUCH_HOST, NO_ADDRESS -> FindingCode.DNS_NO_SUCH_HOST;
            case TIMED_OUT, LOOKUP_FAILED, INTERRUPTED -> FindingCode.DNS_LOOKUP_FAILED;
        };
    }

    /** A reply on one line, at most 200 characters, for arguments and Gmail's "Server returned error". */
    static String oneLine(Reply r) {
        String s = r.code() + " " + String.join(" ", r.lines()).strip();
        return abbreviate(s, 200);
    }

    static String abbreviate(String s, int max) {
        String t = s.replaceAll("[\\r\\n\\t]+", " ");
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }

    /**
     * A refusal of the mechanism rather than of the credentials: 504 unrecognised type, 534 too weak
     * (RFC 4954 §6) — except Google's "534 5.7.9 Application-specific password required", which is about
     * the password.
     */
    static boolean mechanismRejection(Reply reply) {
        if (reply.code() == 504) {
            return true;
        }
        return reply.code() == 534 && !text(reply).contains("application-specific password");
    }

    static String text(Reply r) {
        return String.join(" ", r.lines()).toLowerCase(Locale.ROOT);
    }

    /**
     * The server announces AUTH only inside TLS on this port: the EHLO before STARTTLS (or of an unsecured
     * probe) had no AUTH, the EHLO after STARTTLS had it. Good practice — and the reason "Unsecured
     * connection" cannot log in there.
     */
    static boolean authOnlyAfterTls(CheckView m, String host, int port) {
        boolean afterTls = false;
        boolean beforeTls = false;
        for (CandidateProbe p : m.onHost(host)) {
            ProbeResult r = p.result();
            if (r.endpoint().port() != port || r.endpoint().security() == Security.SSL) {
                continue;
            }
            afterTls |= Usability.authAdvertised(r.ehloTls());
            beforeTls |= Usability.authAdvertised(r.ehlo());
        }
        return afterTls && !beforeTls;
    }

    /** The username as Gmail will send it: the typed one, else the address. Never a password. */
    static String username(Observations o) {
        return o.settings().username().filter(u -> !u.isBlank()).orElse(o.settings().address());
    }
}
