package dev.smtpdoctor.diagnosis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@link GmailErrorExplainer} looks for: the words of each known message (compared after
 * {@link GmailErrorExplainer#squeeze}) and its reply codes (on {@link GmailErrorExplainer#collapse}d text).
 * The words come from the texts users posted (src/test/resources/dev/smtpdoctor/diagnosis/explain-corpus.tsv
 * keeps them with their sources); a code alone is weaker than any of them.
 */
final class ExplainerTable {

    /** Phrases per message, squeezed: no spaces, lower case, NFKC. */
    static final Map<KnownMessage, List<String>> PHRASES = new EnumMap<>(KnownMessage.class);
    /** Reply-code patterns per message. */
    static final Map<KnownMessage, List<Pattern>> CODES = new EnumMap<>(KnownMessage.class);

    static {
        phrases(KnownMessage.CERTIFICATE_DOESNT_MATCH, "TLS Negotiation failed", "doesn't match the host",
                "doesnt match the host", "does not match the host", "certificate doesn't match",
                "did not match expected CN", "certificate owner does not match hostname");
        phrases(KnownMessage.STARTTLS_ENFORCEMENT, "STARTTLS not supported", "user requires enforcement",
                "requires enforcement");
        // Gmail's own frame (E3); a server's bare "535 Authentication failed" is AUTH_CREDENTIALS_INVALID.
        phrases(KnownMessage.AUTHENTICATION_FAILED, "Please check your username/password", "check your username");
        phrases(KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED, "Username and Password not accepted", "BadCredentials");
        phrases(KnownMessage.GOOGLE_WEB_LOGIN_REQUIRED, "Please log in via your web browser",
                "Please log in with your web browser", "log in via your web browser", "WebLoginRequired",
                "accounts.google.com/signin/continue", "accounts.google.com/ContinueSignIn",
                "support.google.com/mail/answer/78754", "DisplayUnlockCaptcha");
        codes(KnownMessage.GOOGLE_WEB_LOGIN_REQUIRED, "(?<![0-9])534[ -]5\\.7\\.14(?![0-9])");
        phrases(KnownMessage.GOOGLE_APP_PASSWORD_REQUIRED, "Application-specific password required",
                "application specific password required", "InvalidSecondFactor");
        codes(KnownMessage.GOOGLE_APP_PASSWORD_REQUIRED, "(?<![0-9])534[ -]5\\.7\\.9(?![0-9])");
        phrases(KnownMessage.WORKSPACE_EXTERNAL_SMTP_NOT_ALLOWED, "functionality is not available for your account",
                "Functionality not enabled", "contact your domain administrator", "You must send through",
                "per-user outbound gateway", "ユーザーごとの送信ゲートウェイ");
        phrases(KnownMessage.WORKSPACE_RELAY_DENIED, "Invalid credentials for relay", "Mail relay denied",
                "not registered within Google Workspace SMTP relay", "SMTP relay service");
        phrases(KnownMessage.DNS_NO_SUCH_HOST, "NXDOMAIN", "Non-Existent Domain", "Domain name not found",
                "Host or domain name not found", "Host not found", "Name or service not known", "getaddrinfo ENOTFOUND",
                "No such host is known", "nodename nor servname provided", "DNS Error");
        phrases(KnownMessage.COULDNT_REACH_SERVER, "Couldn't reach server", "Couldnt reach server",
                "Could not reach server", "reach server", "double-check the server and port", "double check the server",
                "check the server and port");
        phrases(KnownMessage.COMMAND_REJECTED, "Command rejected");
        codes(KnownMessage.COMMAND_REJECTED, "(?<![0-9])550[ -]5\\.7\\.1(?![0-9])");
        phrases(KnownMessage.TLS_NOT_AVAILABLE, "TLS not available");
        codes(KnownMessage.TLS_NOT_AVAILABLE, "(?<![0-9])454[ -]4\\.7\\.0 tls");
        phrases(KnownMessage.BASIC_AUTH_NOT_SUPPORTED, "Basic authentication is not supported");
        codes(KnownMessage.BASIC_AUTH_NOT_SUPPORTED, "(?<![0-9.])5\\.7\\.30(?![0-9])");
        // Microsoft 365: 5.7.139 in all its forms, and 5.7.57 (not logged in as far as the tenant is concerned).
        phrases(KnownMessage.SMTP_AUTH_DISABLED, "SmtpClientAuthentication is disabled", "security defaults policy",
                "did not meet the criteria to be authenticated", "Client not authenticated to send mail");
        codes(KnownMessage.SMTP_AUTH_DISABLED, "(?<![0-9.])5\\.7\\.139(?![0-9])", "(?<![0-9.])5\\.7\\.57(?![0-9])");
        phrases(KnownMessage.MUST_ISSUE_STARTTLS, "Must issue a STARTTLS command first", "issue a STARTTLS command",
                "STARTTLS is required");
        codes(KnownMessage.MUST_ISSUE_STARTTLS, "(?<![0-9])530(?![0-9])");
        phrases(KnownMessage.ENCRYPTION_REQUIRED, "Encryption required for requested authentication");
        codes(KnownMessage.ENCRYPTION_REQUIRED, "(?<![0-9])538(?![0-9])", "(?<![0-9.])5\\.7\\.11(?![0-9])");
        phrases(KnownMessage.CONNECTION_TIMED_OUT, "Connection timed out", "timed out", "Operation timed out");
        phrases(KnownMessage.CONNECTION_REFUSED, "Connection refused");
        phrases(KnownMessage.SEND_AS_BOUNCE, "メールの配信エラー", "別のアドレスまたは別のエイリアス",
                "アカウントの設定に誤りがある", "設定が最新の状態ではありません", "different address or alias",
                "misconfigured or out of date", "Mail Delivery Subsystem", "it was rejected by the relay",
                "Google tried to deliver your message");
        // OpenSMTPD "530 Sender rejected", Microsoft "554 5.2.252 SendAsDenied" (SenderRefusal lists the sources),
        // Zoho "553 Relaying disallowed as <address>", Stalwart "501 5.5.4 you are not allowed to send from this address".
        phrases(KnownMessage.SENDER_NOT_OWNED, "not owned by user", "Sender address rejected", "not owned by",
                "Sender rejected", "SendAsDenied", "not allowed to send as", "Relaying disallowed as",
                "not allowed to send from this address");
        codes(KnownMessage.SENDER_NOT_OWNED, "(?<![0-9])553(?![0-9])");
        phrases(KnownMessage.AUTH_CREDENTIALS_INVALID, "Authentication credentials invalid", "Authentication failed",
                "authentication failure", "Incorrect authentication data", "Authentication unsuccessful",
                "Password verification failed", "Invalid login");
        codes(KnownMessage.AUTH_CREDENTIALS_INVALID, "(?<![0-9])535(?![0-9])", "(?<![0-9.])5\\.7\\.8(?![0-9])",
                "(?<![0-9.])5\\.7\\.3(?![0-9])");
    }

    private ExplainerTable() {
    }

    private static void phrases(KnownMessage m, String... phrases) {
        List<String> list = new ArrayList<>();
        for (String p : phrases) {
            list.add(GmailErrorExplainer.squeeze(p));
        }
        PHRASES.put(m, list);
    }

    private static void codes(KnownMessage m, String... regexes) {
        List<Pattern> list = new ArrayList<>();
        for (String r : regexes) {
            list.add(Pattern.compile(r));
        }
        CODES.put(m, list);
    }
}
