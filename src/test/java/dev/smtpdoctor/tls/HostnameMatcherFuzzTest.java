package dev.smtpdoctor.tls;

import static dev.smtpdoctor.testing.Fuzzing.require;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smtpdoctor.testing.Fuzzing;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the certificate name check with a reference name and the names a hostile certificate presents.
 * A seed file has the host on its first line and one presented name per further line. The matcher never
 * throws, ignores ASCII case and one trailing dot, lets a wildcard stand for exactly one label, and
 * {@link HostnameMatcher#match} agrees with {@link HostnameMatcher#matches}.
 */
class HostnameMatcherFuzzTest {

    @FuzzTest
    @DictionaryEntries({"*.", "*", ".", "..", "xn--", "example.jp", "mail.", "\u3002", "-", "_", " "})
    void hostAndPresentedNames(byte[] input) {
        List<String> lines = Arrays.asList(Fuzzing.text(input).split("\n", -1));
        String host = lines.get(0);
        List<String> presented = lines.subList(1, lines.size());

        Optional<String> matched = HostnameMatcher.match(host, presented);
        Optional<String> first = presented.stream().filter(p -> HostnameMatcher.matches(host, p)).findFirst();
        require(matched.equals(first), "match() is the first name matches() accepts", matched + " vs " + first);
        matched.ifPresent(m -> require(presented.stream().anyMatch(p -> p == m), "match() returns a presented name", m));

        String ref = HostnameMatcher.normalize(host);
        checkNormalized(host, ref);
        for (String p : presented) {
            boolean matches = HostnameMatcher.matches(host, p);
            String pattern = HostnameMatcher.normalize(p);
            checkNormalized(p, pattern);
            require(!matches || !ref.isEmpty() && !pattern.isEmpty(), "an empty name matches nothing", p);
            require(HostnameMatcher.matches(Fuzzing.flipAsciiCase(host), Fuzzing.flipAsciiCase(p)) == matches, "case matters for",
                    host + " / " + p);
            if (isPlain(host)) {
                require(HostnameMatcher.matches(host + ".", p) == matches, "a trailing dot matters for", host);
            }
            if (isPlain(p)) {
                require(HostnameMatcher.matches(host, p + ".") == matches, "a trailing dot matters for", p);
            }
            if (matches && pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                String label = ref.substring(0, ref.length() - suffix.length());
                require(ref.endsWith(suffix) && !label.isEmpty() && label.indexOf('.') < 0,
                        "a wildcard stands for one label", ref + " / " + pattern);
                require(suffix.indexOf('.', 1) > 0, "a wildcard needs two labels after it", pattern);
            } else if (matches) {
                require(ref.equals(pattern), "names without a wildcard match exactly", ref + " / " + pattern);
            }
            if (host.indexOf('*') < 0 && p.indexOf('*') < 0) {
                require(HostnameMatcher.matches(p, host) == matches, "plain names match symmetrically",
                        host + " / " + p);
            }
        }
    }

    /**
     * Normalising gives ASCII, and is idempotent on what it gave, unless that still ends in a dot or white
     * space (from input such as {@code "a.."} or {@code "a ."}, which normalising strips once, not twice).
     */
    private static void checkNormalized(String name, String normalized) {
        require(normalized.chars().allMatch(c -> c < 0x80), "normalised " + Fuzzing.escape(name) + " is ASCII",
                normalized);
        if (!normalized.isEmpty() && !normalized.endsWith(".") && normalized.strip().equals(normalized)) {
            require(HostnameMatcher.normalize(normalized).equals(normalized), "normalising again changes",
                    normalized);
        }
    }

    /** Has no trailing dot and no surrounding white space, so adding a dot must change nothing. */
    private static boolean isPlain(String name) {
        return !name.isEmpty() && !name.endsWith(".") && name.strip().equals(name);
    }
}
