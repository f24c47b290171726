package dev.smtpdoctor.probe;

import dev.smtpdoctor.probe.sasl.Secrets;
import dev.smtpdoctor.smtp.Capabilities;
import dev.smtpdoctor.smtp.Deviation;
import dev.smtpdoctor.smtp.Reply;
import dev.smtpdoctor.tls.CertificateSummary;
import dev.smtpdoctor.tls.ChainVerdict;
import dev.smtpdoctor.tls.NameVerdict;
import dev.smtpdoctor.tls.TlsObservation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the credentials from server text — replies, non-reply lines, certificate fields, error reasons —
 * before anything stores, shows or cuts it. A hostile or buggy server may echo the password (or a server that
 * legitimately received it may put it in a certificate on another port), so every probe of a check masks the
 * credentials of the whole check, whether or not it sent them.
 *
 * <p>What is masked: the password, its base64 and the base64 of the PLAIN blob. Matching ignores case
 * (certificate names are lower-cased; a server may upper-case what it repeats) and is done before any cut,
 * so an abbreviated text never shows a prefix of the password. A multi-line reply is checked on its lines
 * joined, so an echo split over two lines is caught, and the part on each line is masked. In a reply whose
 * line was cut at the line limit, a line ending in the first characters of a secret has them masked too.
 *
 * <p>Passwords shorter than {@value #SHORT} characters would shred server text if every occurrence were
 * replaced ({@code a} is in almost every reply) and cannot be told apart from ordinary text anyway. For them,
 * any text that contains the password (ignoring case) is replaced whole by {@value #WITHHELD}: the reader
 * loses that text but can never see an echo. Reply codes and enhanced status codes are kept (digits the
 * protocol defines); EHLO capability keywords and parameters are protocol vocabulary that the diagnosis
 * depends on, so there a short password is masked only where a whole token is the password.
 *
 * <p>Immutable; built once per probe from its credentials. Holds the secrets as Strings for the probe's
 * lifetime, which matching needs.
 */
final class SecretMask {

    static final String REDACTED = Secrets.REDACTED;
    static final String WITHHELD = "[text withheld: may contain the password]";
    /** Passwords shorter than this withhold the text that contains them instead of being cut out of it. */
    static final int SHORT = 4;

    /** An RFC 3463 enhanced status code and its blank at the start of a reply line. */
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3} ");

    static final SecretMask NONE = new SecretMask(List.of(), List.of());

    /** Replaced where found. */
    private final List<String> secrets;
    /** Passwords shorter than {@link #SHORT}: the text containing one is withheld. */
    private final List<String> shortSecrets;

    private SecretMask(List<String> secrets, List<String> shortSecrets) {
        this.secrets = List.copyOf(secrets);
        this.shortSecrets = List.copyOf(shortSecrets);
    }

    /** The mask for every credential given (those a probe may send and those it only masks). */
    static SecretMask of(List<Credentials> credentials) {
        List<String> secrets = new ArrayList<>();
        List<String> shortOnes = new ArrayList<>();
        for (Credentials c : credentials) {
            char[] password = c.password();
            byte[] pass = Secrets.utf8(password);
            String p = new String(password);
            Arrays.fill(password, '\0');
            if (!p.isEmpty()) {
                (p.length() < SHORT ? shortOnes : secrets).add(p);
                // Server text is sanitised where it enters: an echo of a password holding a control or bidi
                // character arrives with U+FFFD in its place, and must be masked in that form too.
                String cleaned = dev.smtpdoctor.text.UntrustedText.clean(p);
                if (!cleaned.equals(p)) {
                    (cleaned.length() < SHORT ? shortOnes : secrets).add(cleaned);
                }
                secrets.add(new String(Secrets.base64(pass), StandardCharsets.US_ASCII));
            }
            byte[] blob = Secrets.plainBlob(c.username(), pass);
            secrets.add(new String(Secrets.base64(blob), StandardCharsets.US_ASCII));
            Arrays.fill(blob, (byte) 0);
            Arrays.fill(pass, (byte) 0);
        }
        return new SecretMask(secrets, shortOnes);
    }

    /** One piece of server text. */
    String text(String serverText) {
        return lines(List.of(serverText), false).get(0);
    }

    /** A text that was cut at its end: a trailing start of a secret is masked too. */
    String cutText(String serverText) {
        return lines(List.of(serverText), true).get(0);
    }

    /** A reply with every echo masked, also one split across lines; code, enhanced status and deviations kept. */
    Reply reply(Reply r) {
        List<String> masked = lines(r.lines(), r.deviations().contains(Deviation.LINE_TRUNCATED));
        return masked.equals(r.lines()) ? r : new Reply(r.code(), r.enhanced(), masked, r.deviations());
    }

    /** Capabilities parsed from an unmasked EHLO reply, masked for showing (see the class comment). */
    Capabilities capabilities(Capabilities c) {
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        c.keywords().forEach((k, params) -> keywords.put(token(k), params.stream().map(this::token).toList()));
        return new Capabilities(text(c.domain()), keywords, c.extended());
    }

    /** What a handshake showed, with every certificate field and validator message masked. */
    TlsObservation observation(TlsObservation o) {
        if (isEmpty()) {
            return o;
        }
        List<CertificateSummary> chain = o.chain().stream().map(this::certificate).toList();
        NameVerdict names = o.nameVerdict();
        NameVerdict maskedNames = new NameVerdict(names.host(),
                names.presentedNames().stream().map(this::text).toList(), names.matchedName().map(this::text));
        ChainVerdict verdict = new ChainVerdict(o.chainVerdict().status(), text(o.chainVerdict().detail()));
        return new TlsObservation(o.protocol(), o.cipherSuite(), o.sni(), chain, verdict, maskedNames,
                o.checkedAt(), o.daysLeft());
    }

    CertificateSummary certificate(CertificateSummary c) {
        return new CertificateSummary(text(c.subject()), text(c.commonName()),
                c.dnsNames().stream().map(this::text).toList(), c.ipAddresses().stream().map(this::text).toList(),
                text(c.issuer()), c.notBefore(), c.notAfter(), c.serialHex(), c.sha256(), c.selfIssued());
    }

    boolean isEmpty() {
        return secrets.isEmpty() && shortSecrets.isEmpty();
    }

    /** A protocol token: masked like text for long secrets; withheld only when it is a short password. */
    private String token(String token) {
        for (String s : shortSecrets) {
            if (token.equalsIgnoreCase(s)) {
                return WITHHELD;
            }
        }
        return redact(token, matches(token, secrets));
    }

    /**
     * Masks lines as one text: matches are searched on the lines joined (a continuation line's repeated enhanced
     * status code left out, as servers put one on every line), so a secret split over a line break is found, and
     * each line's share of a match is replaced.
     */
    private List<String> lines(List<String> lines, boolean cut) {
        if (isEmpty()) {
            return lines;
        }
        StringBuilder joined = new StringBuilder();
        List<int[]> origin = new ArrayList<>(); // per joined character: line, index in line
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l);
            Matcher m = ENHANCED.matcher(line);
            int from = l > 0 && m.lookingAt() ? m.end() : 0;
            for (int i = from; i < line.length(); i++) {
                joined.append(line.charAt(i));
                origin.add(new int[] {l, i});
            }
        }
        boolean[] longHits = matches(joined.toString(), secrets);
        boolean[] shortHits = matches(joined.toString(), shortSecrets);
        boolean[][] hit = new boolean[lines.size()][];
        boolean[] withheld = new boolean[lines.size()];
        for (int l = 0; l < lines.size(); l++) {
            hit[l] = new boolean[lines.get(l).length()];
            if (cut) {
                markTrailingStart(lines.get(l), secrets, hit[l]);
            }
        }
        for (int k = 0; k < origin.size(); k++) {
            int[] o = origin.get(k);
            hit[o[0]][o[1]] |= longHits[k];
            withheld[o[0]] |= shortHits[k];
        }
        List<String> out = new ArrayList<>(lines.size());
        for (int l = 0; l < lines.size(); l++) {
            out.add(withheld[l] ? WITHHELD : redact(lines.get(l), hit[l]));
        }
        return out;
    }

    /** {@code line} with each run of marked characters replaced by {@link #REDACTED}. */
    private static String redact(String line, boolean[] hit) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            if (!hit[i]) {
                sb.append(line.charAt(i));
            } else if (i == 0 || !hit[i - 1]) {
                sb.append(REDACTED);
            }
        }
        return sb.toString();
    }

    /** Per character of {@code text}: inside an occurrence (ignoring case) of any of {@code among}. */
    private static boolean[] matches(String text, List<String> among) {
        boolean[] hit = new boolean[text.length()];
        for (String s : among) {
            for (int i = 0; i + s.length() <= text.length(); i++) {
                if (text.regionMatches(true, i, s, 0, s.length())) {
                    Arrays.fill(hit, i, i + s.length(), true);
                }
            }
        }
        return hit;
    }

    /** Marks the longest end of {@code text} that is the start of a secret (at least 2 characters, or all of it). */
    private static void markTrailingStart(String text, List<String> among, boolean[] hit) {
        for (String s : among) {
            for (int n = Math.min(s.length() - 1, text.length()); n >= Math.min(2, s.length()); n--) {
                if (text.regionMatches(true, text.length() - n, s, 0, n)) {
                    Arrays.fill(hit, text.length() - n, text.length(), true);
                    break;
                }
            }
        }
    }
}
