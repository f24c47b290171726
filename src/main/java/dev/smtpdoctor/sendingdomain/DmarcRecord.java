package dev.smtpdoctor.sendingdomain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DMARC policy record (RFC 7489 §6.3, §6.4): semicolon-separated tags, {@code v=DMARC1} first.
 * Only what the report needs is interpreted: {@code p}, {@code sp}, {@code pct}, {@code rua}.
 *
 * @param policy    {@code p}; {@code none} when p is missing or invalid but rua has a valid URI (§6.6.3
 *                  step 6); empty when the record is then unusable
 * @param subdomainPolicy {@code sp}, when given and valid
 * @param pct       0..100, default 100
 * @param rua       the aggregate report URIs as written
 */
public record DmarcRecord(String text, Optional<Policy> policy, Optional<Policy> subdomainPolicy, int pct,
                          List<String> rua) {

    public DmarcRecord {
        rua = List.copyOf(rua);
    }

    /** The {@code p=} values (§6.3). */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Policy> of(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "none" -> Optional.of(NONE);
                case "quarantine" -> Optional.of(QUARANTINE);
                case "reject" -> Optional.of(REJECT);
                default -> Optional.empty();
            };
        }
    }

    /** Whether a TXT string is meant as a DMARC record: its first tag is {@code v=DMARC1} (§6.6.3). */
    static boolean isDmarc(String txt) {
        String first = txt.split(";", 2)[0];
        int eq = first.indexOf('=');
        return eq > 0 && first.substring(0, eq).strip().equals("v") && first.substring(eq + 1).strip().equals("DMARC1");
    }

    /** Parses a record that {@link #isDmarc} accepted. Lenient about unknown tags (§6.3: ignored). */
    static DmarcRecord parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        List<String> rua = new ArrayList<>();
        if (tags.containsKey("rua")) {
            for (String u : tags.get("rua").split(",")) {
                if (!u.isBlank()) {
                    rua.add(u.strip());
                }
            }
        }
        Optional<Policy> p = Optional.ofNullable(tags.get("p")).flatMap(Policy::of);
        Optional<Policy> sp = Optional.ofNullable(tags.get("sp")).flatMap(Policy::of);
        boolean spInvalid = tags.containsKey("sp") && sp.isEmpty();
        if (p.isEmpty() || spInvalid) {
            // §6.6.3 step 6: act as p=none when rua holds a valid URI, else the record is unusable.
            p = rua.stream().anyMatch(DmarcRecord::validUri) ? Optional.of(Policy.NONE) : Optional.empty();
            sp = Optional.empty();
        }
        return new DmarcRecord(text, p, sp, pct(tags.get("pct")), rua);
    }

    private static int pct(String s) {
        if (s == null) {
            return 100;
        }
        try {
            int v = Integer.parseInt(s.strip());
            return v < 0 || v > 100 ? 100 : v;
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** A DMARC URI (§6.2): a scheme, a colon, something after it, optionally "!size". */
    private static boolean validUri(String u) {
        return u.matches("(?i)^[a-z][a-z0-9+.-]*:[^\\s!]+(?:![0-9]+[kmgt]?)?$");
    }
}
