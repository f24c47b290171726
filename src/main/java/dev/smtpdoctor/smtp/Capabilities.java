package dev.smtpdoctor.smtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a server announced in its EHLO reply (RFC 5321 §4.1.1.1): the greeting domain on the first line
 * and one keyword with optional parameters per further line. {@link #helo()} stands for a server that
 * refused EHLO and answered HELO, which announces nothing.
 *
 * @param domain         what the server called itself on the first line
 * @param keywords       every keyword upper-cased, in order, with its parameters as sent
 * @param extended       false after a HELO fallback
 */
public record Capabilities(String domain, Map<String, List<String>> keywords, boolean extended) {

    /** AUTH mechanisms this tool can use, in order of preference over TLS. */
    public static final List<String> SUPPORTED_AUTH = List.of("PLAIN", "LOGIN", "CRAM-MD5");

    /** Characters of a keyword line kept (RFC 5321 keeps a whole reply line within 512 octets). */
    public static final int MAX_LINE_CHARS = 512;
    /** Characters of a keyword kept; real ones are a few letters. */
    public static final int MAX_KEYWORD_CHARS = 64;
    /** Characters of the greeting domain kept (a domain name has at most 253). */
    public static final int MAX_DOMAIN_CHARS = 255;
    /**
     * Characters of keywords and parameters kept in all; past it only the keywords this tool reads are kept,
     * so junk lines cannot hide STARTTLS or AUTH, nor make the report large.
     */
    public static final int MAX_KEPT_CHARS = 4 * 1024;
    /** The keywords this tool reads, kept whatever came before them. */
    private static final Set<String> READ = Set.of("STARTTLS", "AUTH", "SIZE", "PIPELINING", "8BITMIME", "SMTPUTF8",
            "ENHANCEDSTATUSCODES");

    public Capabilities {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        keywords.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        keywords = java.util.Collections.unmodifiableMap(copy);
    }

    private static String cut(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n;
        return s.substring(0, end);
    }

    public static Capabilities helo(String domain) {
        return new Capabilities(cut(domain, MAX_DOMAIN_CHARS), Map.of(), false);
    }

    /**
     * Reads a 250 EHLO reply. Keywords are case-insensitive; the old {@code AUTH=LOGIN} form is merged into AUTH.
     * Bounded: lines are cut to {@value #MAX_LINE_CHARS} characters, keywords to {@value #MAX_KEYWORD_CHARS},
     * the domain to {@value #MAX_DOMAIN_CHARS}, and past {@value #MAX_KEPT_CHARS} characters in all only the
     * keywords this tool reads are kept.
     */
    public static Capabilities fromEhlo(Reply reply) {
        List<String> lines = reply.lines();
        // The domain ends at the first blank, tab included, as keyword parameters do below.
        String domain = cut(cut(lines.get(0), MAX_LINE_CHARS).strip().split("[ \t]", 2)[0], MAX_DOMAIN_CHARS);
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        int kept = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = cut(lines.get(i), MAX_LINE_CHARS).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[ \t]+");
            String keyword = cut(parts[0], MAX_KEYWORD_CHARS).toUpperCase(Locale.ROOT);
            List<String> params = new ArrayList<>(List.of(parts).subList(1, parts.length));
            if (keyword.startsWith("AUTH=")) {
                // Pre-RFC 4954 servers (old Outlook clients' era) announce "AUTH=LOGIN PLAIN" as well.
                // A bare "AUTH=" announces AUTH but no mechanism: keep no empty parameter.
                if (keyword.length() > 5) {
                    params.add(0, keyword.substring(5));
                }
                keyword = "AUTH";
            }
            int size = line.length();
            if (kept + size > MAX_KEPT_CHARS && (!READ.contains(keyword) || keywords.containsKey(keyword))) {
                continue;
            }
            kept += size;
            List<String> existing = keywords.get(keyword);
            if (existing == null) {
                keywords.put(keyword, params);
            } else {
                List<String> merged = new ArrayList<>(existing);
                merged.addAll(params);
                keywords.put(keyword, merged);
            }
        }
        return new Capabilities(domain, keywords, true);
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    public boolean startTls() {
        return has("STARTTLS");
    }

    /** True when AUTH was announced, even with no mechanisms. */
    public boolean authAdvertised() {
        return has("AUTH");
    }

    /** Announced AUTH mechanisms, upper-cased, in the server's order, without repeats. */
    public Set<String> authMechanisms() {
        Set<String> out = new LinkedHashSet<>();
        for (String m : keywords.getOrDefault("AUTH", List.of())) {
            if (!m.isBlank()) {
                out.add(m.toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The mechanism this tool would use: the first of {@link #SUPPORTED_AUTH} the server announced. */
    public Optional<String> preferredAuthMechanism() {
        Set<String> offered = authMechanisms();
        return SUPPORTED_AUTH.stream().filter(offered::contains).findFirst();
    }

    /** SIZE limit in bytes (RFC 1870: digits only); empty when not announced or without such a number. */
    public OptionalLong size() {
        List<String> p = keywords.get("SIZE");
        if (p == null || p.isEmpty() || !p.get(0).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(p.get(0)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public boolean pipelining() {
        return has("PIPELINING");
    }

    public boolean eightBitMime() {
        return has("8BITMIME");
    }

    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    public boolean enhancedStatusCodes() {
        return has("ENHANCEDSTATUSCODES");
    }
}
