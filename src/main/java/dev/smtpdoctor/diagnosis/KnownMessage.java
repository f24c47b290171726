package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import java.util.List;
import java.util.Optional;

/**
 * Messages users meet when "Send mail as" fails — Gmail's dialog errors, the bounce Gmail sends, and the
 * server replies quoted inside them — with what can cause each. A flat table of the twelve messages (E1–E12) as Gmail and the providers'
 * help pages quote them (Gmail Help, support.google.com/mail/answer/22370; the provider pages cited in {@code providers.json}). The texts are data, not translations: Gmail shows them in
 * English even in its Japanese interface. Meaning and check texts: {@code known.<NAME>} and
 * {@code known.<NAME>.check} in the message bundles.
 */
public enum KnownMessage {

    /** E1. Also the text for a self-signed or private-CA chain (three independent reports). */
    CERTIFICATE_DOESNT_MATCH("E1", "TLS Negotiation failed, the certificate doesn't match the host.", true,
            List.of(FindingCode.TLS_NAME_MISMATCH, FindingCode.TLS_UNTRUSTED_CHAIN, FindingCode.TLS_EXPIRED)),
    /** E2. "TLS" chosen, EHLO without STARTTLS (or an implicit-TLS port). */
    STARTTLS_ENFORCEMENT("E2", "STARTTLS not supported and the user requires enforcement., code: 500", true,
            List.of(FindingCode.STARTTLS_NOT_OFFERED, FindingCode.SECURITY_MODE_MISMATCH)),
    /** E3. Followed by {@code Server returned error: "535 ..."}. */
    AUTHENTICATION_FAILED("E3", "Authentication failed. Please check your username/password.", true,
            List.of(FindingCode.AUTH_FAILED, FindingCode.PROVIDER_FOREIGN_IP_FILTER)),
    /** E4. smtp.gmail.com with the normal password instead of an App Password. */
    GOOGLE_CREDENTIALS_NOT_ACCEPTED("E4", "535 5.7.8 Username and Password not accepted", true,
            List.of(FindingCode.PROVIDER_APP_PASSWORD, FindingCode.AUTH_FAILED)),
    /** Google's sign-in block: the account must sign in through a browser first (534 5.7.14, 534 5.7.9). */
    GOOGLE_WEB_LOGIN_REQUIRED(null, "534-5.7.14 Please log in via your web browser and then try again.", true,
            List.of(FindingCode.PROVIDER_APP_PASSWORD, FindingCode.AUTH_FAILED)),
    /** Google with 2-Step Verification on: only an App Password logs in (534 5.7.9). */
    GOOGLE_APP_PASSWORD_REQUIRED(null, "534-5.7.9 Application-specific password required.", true,
            List.of(FindingCode.PROVIDER_APP_PASSWORD)),
    /**
     * Google Workspace refusing "Send mail as" through another server: the administrator has not allowed
     * per-user outbound gateways (Admin console, Gmail, End User Access).
     */
    WORKSPACE_EXTERNAL_SMTP_NOT_ALLOWED(null, "You must send through <domain> SMTP servers when you send as <address>. "
            + "However, this functionality is not available for your account. Please contact your domain administrator "
            + "for more information.", true, List.of()),
    /** Google Workspace's SMTP relay service refusing a sender it does not know (smtp-relay.gmail.com). */
    WORKSPACE_RELAY_DENIED(null, "550 5.7.1 Invalid credentials for relay", true, List.of()),
    /** A name that does not exist in DNS, whatever frame it comes in (Gmail's, a bounce, a library's). */
    DNS_NO_SUCH_HOST(null, "DNS Error: … NXDOMAIN (Non-Existent Domain)", false, List.of(FindingCode.DNS_NO_SUCH_HOST)),
    /** E5. Wording unconfirmed. */
    COULDNT_REACH_SERVER("E5", "Couldn't reach server. Please double-check the server and port number.", false,
            List.of(FindingCode.DNS_NO_SUCH_HOST, FindingCode.CONNECT_TIMEOUT, FindingCode.CONNECT_REFUSED,
                    FindingCode.SECURITY_MODE_MISMATCH, FindingCode.PROVIDER_FOREIGN_IP_FILTER,
                    FindingCode.GREETING_DELAYED)),
    /** E6. Sakura's foreign-IP filter rejecting Google (bounce). */
    COMMAND_REJECTED("E6", "550 5.7.1 <address>... Command rejected", true,
            List.of(FindingCode.PROVIDER_FOREIGN_IP_FILTER, FindingCode.SENDER_NOT_OWNED)),
    /** E7. STARTTLS announced but TLS broken on the server. */
    TLS_NOT_AVAILABLE("E7", "454 4.7.0 TLS not available due to local problem", true,
            List.of(FindingCode.STARTTLS_REJECTED, FindingCode.TLS_HANDSHAKE_FAILED)),
    /** E8. Microsoft 365 after Basic authentication for SMTP was retired. */
    BASIC_AUTH_NOT_SUPPORTED("E8", "550 5.7.30 Basic authentication is not supported for Client Submission.", true,
            List.of(FindingCode.AUTH_FAILED, FindingCode.PROVIDER_PASSWORD_AUTH_ENDING)),
    /** E9. Microsoft 365 with SMTP AUTH turned off (tenant, Security Defaults or mailbox). */
    SMTP_AUTH_DISABLED("E9",
            "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", true,
            List.of(FindingCode.PROVIDER_SMTP_AUTH_DISABLED, FindingCode.AUTH_FAILED)),
    /** E10. RFC 3207: the server wants TLS before AUTH or MAIL. */
    MUST_ISSUE_STARTTLS("E10", "530 5.7.0 Must issue a STARTTLS command first", true,
            List.of(FindingCode.AUTH_REQUIRES_TLS)),
    /** E11. RFC 4954 §6. */
    ENCRYPTION_REQUIRED("E11", "538 5.7.11 Encryption required for requested authentication mechanism", true,
            List.of(FindingCode.AUTH_REQUIRES_TLS)),
    /** E12. Packets dropped: firewall, foreign-IP filter, or port 25 blocked on the testing side. */
    CONNECTION_TIMED_OUT("E12", "Connection timed out", true,
            List.of(FindingCode.CONNECT_TIMEOUT, FindingCode.PORT25_MAY_BE_BLOCKED_LOCALLY,
                    FindingCode.PROVIDER_FOREIGN_IP_FILTER)),
    /** E12. Nothing listens on that port. */
    CONNECTION_REFUSED("E12", "Connection refused", true, List.of(FindingCode.CONNECT_REFUSED)),
    /** The bounce Gmail sends when a send-as message fails later ("Mail Delivery Subsystem"). */
    SEND_AS_BOUNCE(null, "メールの配信エラー … 別のアドレスまたは別のエイリアスからこのメールを送信しようとしています。"
            + "… のアカウントの設定に誤りがあるか、設定が最新の状態ではありません。", true,
            List.of(FindingCode.AUTH_FAILED, FindingCode.TLS_NAME_MISMATCH, FindingCode.PROVIDER_FOREIGN_IP_FILTER,
                    FindingCode.SENDER_NOT_OWNED)),
    /** A submission server refusing the sender after login (Postfix wording; 553/550 in general). */
    SENDER_NOT_OWNED(null, "553 5.7.1 Sender address rejected: not owned by user", true,
            List.of(FindingCode.SENDER_NOT_OWNED)),
    /** RFC 4954 §6: the generic "wrong username or password" reply. */
    AUTH_CREDENTIALS_INVALID(null, "535 5.7.8 Authentication credentials invalid", true,
            List.of(FindingCode.AUTH_FAILED, FindingCode.PROVIDER_FOREIGN_IP_FILTER)),
    /**
     * Gmail's frame around a server's reply when its own wording for the situation is not known; the
     * verdict's server reply goes in the quotes. Never matched by the explainer.
     */
    SERVER_RETURNED_ERROR(null, "Server returned error: \"<reply>\"", false, List.of());

    private final String referenceId;
    private final String text;
    private final boolean verbatim;
    private final List<FindingCode> causes;

    KnownMessage(String referenceId, String text, boolean verbatim, List<FindingCode> causes) {
        this.referenceId = referenceId;
        this.text = text;
        this.verbatim = verbatim;
        this.causes = causes;
    }

    /** The row in the reference's error table (E1–E12), when it has one. */
    public Optional<String> referenceId() {
        return Optional.ofNullable(referenceId);
    }

    /** The message as users see it (Gmail shows these in English in every language). */
    public String text() {
        return text;
    }

    /** True when the wording is confirmed verbatim; false when it is a paraphrase or unconfirmed. */
    public boolean verbatim() {
        return verbatim;
    }

    /** What can cause it, most common first. */
    public List<FindingCode> causes() {
        return causes;
    }

    /** Key of the explanation in the user's language: what the message means. */
    public String meaningKey() {
        return "known." + name();
    }

    /** Key of the check that tells the causes apart. */
    public String checkKey() {
        return "known." + name() + ".check";
    }
}
