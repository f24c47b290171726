package dev.smtpdoctor.diagnosis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse of the Gmail verdict: paste what Gmail showed (the dialog error, the bounce, or just the
 * server reply in it) and get the known messages it matches, their possible causes, and the check that
 * tells them apart. Pure and lenient: case, spacing, line breaks, full-width characters, curly quotes,
 * Gmail's {@code , code: 0/500/550} suffix and partial pastes do not matter. Unknown text gives an empty
 * list; {@link #hint} then names the closest next step.
 *
 * <p>The server's own reply inside Gmail's frame ({@code Server returned error: "…"}, the bounce's
 * 「応答:」, {@code The error that the other server returned was:}) is read first: what it says comes before
 * what the frame says, so an inner {@code DNS Error … NXDOMAIN} is a name that does not exist even when the
 * frame speaks of the password. Within one piece of text, a reply code alone never outranks words: a code
 * counts only when no phrase of any message was found there.
 */
public final class GmailErrorExplainer {

    /** A partial paste shorter than this is too weak to identify a message by itself. */
    private static final int MIN_PARTIAL = 8;
    /** ...and it must be words, not just a reply code ("535 5.7.8" is matched as a code). */
    private static final int MIN_PARTIAL_LETTERS = 6;
    /** Score of a match on a bare reply code: below any phrase. */
    private static final int CODE_SCORE = 5;

    /**
     * Where Gmail (or a bounce, or a library) starts quoting the server: everything after the first of these
     * is the server's reply. Gmail's dialog and its English and Japanese bounces; client libraries' "with message".
     */
    private static final Pattern INNER = Pattern.compile(
            "server returned error\\s*[:：]?|サーバーからエラーが返されました\\s*[:：]?|応答\\s*[:：]|応答が"
                    + "|the error that the other server returned was\\s*:|the response (?:from the remote server )?was\\s*:"
                    + "|with message|err=",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Messages that frame another one (the bounce, Gmail's "Authentication failed" line): listed after it. */
    private static final Set<KnownMessage> FRAMES = Set.of(KnownMessage.SEND_AS_BOUNCE,
            KnownMessage.AUTHENTICATION_FAILED);
    /** Refusals that say more than a generic "wrong username or password": the generic one gives way. */
    private static final Set<KnownMessage> SPECIFIC_LOGIN_REFUSALS = Set.of(KnownMessage.GOOGLE_CREDENTIALS_NOT_ACCEPTED,
            KnownMessage.GOOGLE_WEB_LOGIN_REQUIRED, KnownMessage.GOOGLE_APP_PASSWORD_REQUIRED,
            KnownMessage.SMTP_AUTH_DISABLED, KnownMessage.BASIC_AUTH_NOT_SUPPORTED);

    private GmailErrorExplainer() {
    }

    /** The known messages {@code pastedText} matches, the server's own reply first; empty when none. */
    public static List<Explanation> explain(String pastedText) {
        if (pastedText == null || pastedText.isBlank()) {
            return List.of();
        }
        Matcher inner = INNER.matcher(pastedText);
        String reply = inner.find() ? pastedText.substring(inner.end()) : "";
        String frame = reply.isEmpty() ? pastedText : pastedText.substring(0, inner.start());
        Map<KnownMessage, String> found = new LinkedHashMap<>();
        if (!reply.isBlank()) {
            ranked(reply).forEach(m -> found.putIfAbsent(m, shown(reply)));
        }
        if (!frame.isBlank()) {
            List<KnownMessage> framed = new ArrayList<>(ranked(frame));
            if (framed.contains(KnownMessage.AUTHENTICATION_FAILED)) {
                // "Authentication failed" there is Gmail's own frame (E3), not a server's reply.
                framed.remove(KnownMessage.AUTH_CREDENTIALS_INVALID);
            }
            // The frame's own words first when the reply said nothing known; frames always after the rest.
            framed.stream().filter(m -> !FRAMES.contains(m)).forEach(m -> found.putIfAbsent(m, shown(frame)));
            framed.stream().filter(FRAMES::contains).forEach(m -> found.putIfAbsent(m, shown(frame)));
        }
        if (found.keySet().stream().anyMatch(SPECIFIC_LOGIN_REFUSALS::contains)) {
            found.remove(KnownMessage.AUTH_CREDENTIALS_INVALID);
        }
        List<Explanation> out = new ArrayList<>();
        found.forEach((m, shown) -> out.add(Explanation.of(m, shown)));
        return out;
    }

    /** The messages one piece of text matches, best first; reply codes only where no words matched. */
    private static List<KnownMessage> ranked(String text) {
        String squeezed = squeeze(text);
        String collapsed = collapse(text);
        boolean partialEnough = squeezed.length() >= MIN_PARTIAL
                && squeezed.codePoints().filter(Character::isLetter).count() >= MIN_PARTIAL_LETTERS;
        Map<KnownMessage, Integer> words = new EnumMap<>(KnownMessage.class);
        Map<KnownMessage, Integer> codes = new EnumMap<>(KnownMessage.class);
        for (KnownMessage m : KnownMessage.values()) {
            if (m == KnownMessage.SERVER_RETURNED_ERROR) {
                continue;
            }
            int score = 0;
            for (String phrase : ExplainerTable.PHRASES.getOrDefault(m, List.of())) {
                if (squeezed.contains(phrase)) {
                    score = Math.max(score, phrase.length());
                }
            }
            // A partial paste: a piece of the message's own words (bare codes are matched as codes below).
            if (partialEnough && m.verbatim() && squeeze(m.text()).contains(squeezed)) {
                score = Math.max(score, squeezed.length());
            }
            if (score > 0) {
                words.put(m, score);
            }
            for (Pattern p : ExplainerTable.CODES.getOrDefault(m, List.of())) {
                if (p.matcher(collapsed).find()) {
                    codes.put(m, CODE_SCORE);
                }
            }
        }
        Map<KnownMessage, Integer> scores = words.isEmpty() ? codes : words;
        List<KnownMessage> found = new ArrayList<>(scores.keySet());
        found.sort(Comparator.comparing((KnownMessage m) -> -scores.get(m)).thenComparing(Comparator.naturalOrder()));
        return found;
    }

    /** The user's own words, as the report shows them: trimmed of quotes and spacing, one line, bounded. */
    static String shown(String piece) {
        String s = piece.replaceAll("[\\s\\p{Z}]+", " ").strip();
        s = s.replaceAll("^[\"'“”「『(]+|[\"'“”」』)]+$", "").strip();
        // The bounce's 「詳細」 ("Details") heading just before 「応答:」 is not part of the message.
        s = s.replaceAll("\\s*(?:詳細|Details)$", "").strip();
        if (s.codePointCount(0, s.length()) > Explanation.PASTED_MAX) {
            s = s.substring(0, s.offsetByCodePoints(0, Explanation.PASTED_MAX - 1)) + "…";
        }
        return s;
    }

    /** What an unknown text is most likely about, for the next step to suggest. */
    public enum Hint {
        /** Certificates, TLS, SSL. */
        CERTIFICATE,
        /** Login, password, authentication. */
        LOGIN,
        /** Reaching the server: names, ports, connections, time-outs. */
        CONNECTION,
        /** The sender address or relaying. */
        SENDER,
        /** A server reply with a code but no words known here. */
        REPLY_CODE,
        /** Nothing recognisable. */
        NONE
    }

    private static final Map<Hint, List<String>> HINT_WORDS = Map.of(
            Hint.CERTIFICATE, List.of("certificate", "cert", "tls", "ssl", "handshake", "証明書", "暗号"),
            Hint.LOGIN, List.of("auth", "password", "login", "log in", "credential", "username", "認証", "パスワード",
                    "ログイン", "ユーザー名"),
            Hint.CONNECTION, List.of("connect", "timeout", "timed out", "unreachable", "dns", "host", "port", "接続",
                    "タイムアウト", "ポート", "サーバー名"),
            Hint.SENDER, List.of("sender", "relay", "from address", "send as", "送信者", "差出人", "リレー"));
    private static final List<Hint> HINT_ORDER = List.of(Hint.CERTIFICATE, Hint.LOGIN, Hint.SENDER, Hint.CONNECTION);
    private static final Pattern ANY_REPLY_CODE = Pattern.compile("(?<![0-9])[45][0-9]{2}(?:[ -][45]\\.[0-9]{1,3}\\.[0-9]{1,3})?(?![0-9])");

    /** For a text {@link #explain} does not know: the closest next step (the first kind of word it contains). */
    public static Hint hint(String pastedText) {
        if (pastedText == null || pastedText.isBlank()) {
            return Hint.NONE;
        }
        String c = collapse(pastedText);
        for (Hint h : HINT_ORDER) {
            if (HINT_WORDS.get(h).stream().anyMatch(c::contains)) {
                return h;
            }
        }
        return ANY_REPLY_CODE.matcher(c).find() ? Hint.REPLY_CODE : Hint.NONE;
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
