package dev.smtpdoctor.diagnosis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reverse of the Gmail verdict: paste what Gmail showed (the dialog error, the bounce, or just the
 * server reply in it) and get the known messages it matches, their possible causes, and the check that
 * tells them apart. Pure and lenient: case, spacing, line breaks, full-width characters, curly quotes,
 * Gmail's {@code , code: 0/500/550} suffix and partial pastes do not matter. Unknown text gives an empty
 * list.
 */
public final class GmailErrorExplainer {

    /** A partial paste shorter than this is too weak to identify a message by itself. */
    private static final int MIN_PARTIAL = 8;
    /** ...and it must be words, not just a reply code ("535 5.7.8" is matched as a code). */
    private static final int MIN_PARTIAL_LETTERS = 6;
    /** Score of a match on a bare reply code: below any phrase. */
    private static final int CODE_SCORE = 5;

    /** Phrases per message, compared after {@link #squeeze}: no spaces, lower case, NFKC. */
    private static final Map<KnownMessage, List<String>> PHRASES = new EnumMap<>(KnownMessage.class);
    /** Reply-code patterns per message, on {@link #collapse}d text (lower case, single spaces). */
    private static final Map<KnownMessage, List<Pattern>> CODES = new EnumMap<>(KnownMessage.class);

    static {
        phrases(KnownMessage.CERTIFICATE_DOESNT_MATCH, "TLS Negotiation failed", "doesn't match the host",
                "doesnt match the host", "does not match the host", "certificate doesn't match");
        phrases(KnownMessage.STARTTLS_ENFORCEMENT, "STARTTLS not supported", "user requires enforcement",
                "requires enforcement");
        phrases(KnownMessage.AUTHENTICATION_FAILED, "Please check your username/password", "check your username",
                "Authentication failed");
        phrases(KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED, "Username and Password not accepted",
                "Application-specific password required", "BadCredentials");
        codes(KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED, "534[ -]5\\.7\\.9(?![0-9])");
        phrases(KnownMessage.COULDNT_REACH_SERVER, "Couldn't reach server", "Couldnt reach server",
                "Could not reach server", "reach server", "double-check the server and port", "double check the server",
                "check the server and port");
        phrases(KnownMessage.COMMAND_REJECTED, "Command rejected", "rejected by the relay");
        codes(KnownMessage.COMMAND_REJECTED, "(?<![0-9])550[ -]5\\.7\\.1(?![0-9])");
        phrases(KnownMessage.TLS_NOT_AVAILABLE, "TLS not available");
        codes(KnownMessage.TLS_NOT_AVAILABLE, "(?<![0-9])454[ -]4\\.7\\.0 tls");
        phrases(KnownMessage.BASIC_AUTH_NOT_SUPPORTED, "Basic authentication is not supported");
        codes(KnownMessage.BASIC_AUTH_NOT_SUPPORTED, "(?<![0-9.])5\\.7\\.30(?![0-9])");
        phrases(KnownMessage.SMTP_AUTH_DISABLED, "SmtpClientAuthentication is disabled", "security defaults policy",
                "Authentication unsuccessful");
        codes(KnownMessage.SMTP_AUTH_DISABLED, "(?<![0-9.])5\\.7\\.139(?![0-9])");
        phrases(KnownMessage.MUST_ISSUE_STARTTLS, "Must issue a STARTTLS command first", "issue a STARTTLS command");
        codes(KnownMessage.MUST_ISSUE_STARTTLS, "(?<![0-9])530(?![0-9])");
        phrases(KnownMessage.ENCRYPTION_REQUIRED, "Encryption required for requested authentication");
        codes(KnownMessage.ENCRYPTION_REQUIRED, "(?<![0-9])538(?![0-9])", "(?<![0-9.])5\\.7\\.11(?![0-9])");
        phrases(KnownMessage.CONNECTION_TIMED_OUT, "Connection timed out", "timed out");
        phrases(KnownMessage.CONNECTION_REFUSED, "Connection refused");
        phrases(KnownMessage.SEND_AS_BOUNCE, "メールの配信エラー", "別のアドレスまたは別のエイリアス",
                "アカウントの設定に誤りがある", "設定が最新の状態ではありません", "different address or alias",
                "misconfigured or out of date", "Mail Delivery Subsystem");
        // OpenSMTPD "530 Sender rejected", Microsoft "554 5.2.252 SendAsDenied" (SenderRefusal lists the sources).
        phrases(KnownMessage.SENDER_NOT_OWNED, "not owned by user", "Sender address rejected", "not owned by",
                "Sender rejected", "SendAsDenied", "not allowed to send as");
        codes(KnownMessage.SENDER_NOT_OWNED, "(?<![0-9])553(?![0-9])");
        phrases(KnownMessage.AUTH_CREDENTIALS_INVALID, "Authentication credentials invalid");
        codes(KnownMessage.AUTH_CREDENTIALS_INVALID, "(?<![0-9])535(?![0-9])", "(?<![0-9.])5\\.7\\.8(?![0-9])");
    }

    private GmailErrorExplainer() {
    }

    private static void phrases(KnownMessage m, String... phrases) {
        List<String> list = new ArrayList<>();
        for (String p : phrases) {
            list.add(squeeze(p));
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

    /** The known messages {@code pastedText} matches, best match first; empty when none. */
    public static List<Explanation> explain(String pastedText) {
        if (pastedText == null || pastedText.isBlank()) {
            return List.of();
        }
        String squeezed = squeeze(pastedText);
        String collapsed = collapse(pastedText);
        boolean partialEnough = squeezed.length() >= MIN_PARTIAL
                && squeezed.codePoints().filter(Character::isLetter).count() >= MIN_PARTIAL_LETTERS;
        Map<KnownMessage, Integer> scores = new EnumMap<>(KnownMessage.class);
        for (KnownMessage m : KnownMessage.values()) {
            if (m == KnownMessage.SERVER_RETURNED_ERROR) {
                continue;
            }
            int score = 0;
            for (String phrase : PHRASES.getOrDefault(m, List.of())) {
                if (squeezed.contains(phrase)) {
                    score = Math.max(score, phrase.length());
                }
            }
            // A partial paste: a piece of the message's own words (bare codes are matched as codes below).
            if (partialEnough && squeeze(m.text()).contains(squeezed)) {
                score = Math.max(score, squeezed.length());
            }
            for (Pattern p : CODES.getOrDefault(m, List.of())) {
                if (p.matcher(collapsed).find()) {
                    score = Math.max(score, CODE_SCORE);
                }
            }
            if (score > 0) {
                scores.put(m, score);
            }
        }
        dropSuperseded(scores);
        List<KnownMessage> found = new ArrayList<>(scores.keySet());
        found.sort(Comparator.comparing(GmailErrorExplainer::frame).thenComparing((KnownMessage m) -> -scores.get(m))
                .thenComparing(Comparator.naturalOrder()));
        return found.stream().map(Explanation::of).toList();
    }

    /**
     * A bare "535" (or "5.7.8") gives way to a message that says more about the same refusal: Gmail's E3
     * frame, Google's or Microsoft's own 535.
     */
    private static void dropSuperseded(Map<KnownMessage, Integer> s) {
        boolean specific = s.containsKey(KnownMessage.AUTHENTICATION_FAILED)
                || s.containsKey(KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED)
                || s.containsKey(KnownMessage.SMTP_AUTH_DISABLED);
        if (specific && s.getOrDefault(KnownMessage.AUTH_CREDENTIALS_INVALID, 0) <= CODE_SCORE) {
            s.remove(KnownMessage.AUTH_CREDENTIALS_INVALID);
        }
    }

    /** Messages that frame another one (the bounce, Gmail's "Authentication failed" line): listed after it. */
    private static boolean frame(KnownMessage m) {
        return m == KnownMessage.SEND_AS_BOUNCE || m == KnownMessage.AUTHENTICATION_FAILED;
    }

    /** Lower case, NFKC (full-width to ASCII), straight quotes, no whitespace or invisible characters at all. */
    static String squeeze(String s) {
        StringBuilder sb = new StringBuilder();
        String n = normalize(s);
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Lower case, NFKC, straight quotes, each whitespace run one space: for reply-code patterns. */
    static String collapse(String s) {
        return normalize(s).replaceAll("[\\s\\p{Z}]+", " ").strip();
    }

    private static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        n = n.replaceAll("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]", "");
        return n.replaceAll("[\\u2018\\u2019\\u201B\\u2032\\u00B4`]", "'").replaceAll("[\\u201C\\u201D\\u201F\\u2033]", "\"");
    }
}
