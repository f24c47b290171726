package dev.smtpdoctor.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * What every fuzz target shares (docs/fuzzing.md): turning the fuzzer's bytes into the inputs a target
 * takes, and the invariants that hold for all of our output. A fuzz target is one small
 * {@code *FuzzTest} class next to the code it tests, with one {@code @FuzzTest} method taking
 * {@code byte[]}, so that its seed files under {@code <TestClass>Inputs/<method>/} are readable text.
 *
 * <p>Checks throw {@link AssertionError} with the offending value shown escaped, which Jazzer reports as
 * a finding and JUnit as a failure. Stateless and thread-safe.
 */
public final class Fuzzing {

    private Fuzzing() {
    }

    /** The bytes as UTF-8, malformed sequences replaced, as a terminal or argv would hand them over. */
    public static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /**
     * The text split at line feeds into exactly {@code count} fields: missing fields are empty and the
     * last field takes the rest, line feeds included. A seed file then has one field per line.
     */
    public static String[] fields(byte[] input, int count) {
        String[] parts = text(input).split("\n", count);
        String[] out = new String[count];
        Arrays.fill(out, "");
        System.arraycopy(parts, 0, out, 0, parts.length);
        return out;
    }

    /**
     * Text that may reach a terminal, a report or JSON: no C0 control character but tab, no DEL, no C1
     * control character (a hostile server must not drive the user's terminal), and no lone surrogate
     * (which no encoder can write faithfully).
     */
    public static void requirePrintable(String what, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                throw new AssertionError(what + " has control character U+" + hex(c) + " at " + i + ": " + escape(s));
            }
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                throw new AssertionError(what + " has a lone surrogate U+" + hex(c) + " at " + i + ": " + escape(s));
            }
        }
    }

    /** Every key and value of the map is {@link #requirePrintable printable}. */
    public static void requirePrintable(String what, Map<String, String> args) {
        args.forEach((k, v) -> {
            requirePrintable(what + " key", k);
            requirePrintable(what + "." + k, v);
        });
    }

    public static void require(boolean condition, String what, Object value) {
        if (!condition) {
            throw new AssertionError(what + ": " + escape(String.valueOf(value)));
        }
    }

    /** {@code Objects.equals}, without an assertion library's cost: fuzz targets run this thousands of times a second. */
    public static void requireEqual(String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + escape(String.valueOf(expected)) + " but was "
                    + escape(String.valueOf(actual)));
        }
    }

    public static void requireAtMost(String what, long value, long max) {
        if (value > max) {
            throw new AssertionError(what + " is " + value + ", more than " + max);
        }
    }

    public static void requireAtMost(String what, Collection<?> values, long max) {
        requireAtMost(what + " count", values.size(), max);
    }

    /** Fails when {@code secret} (a test canary, never a real password) occurs in {@code text}. */
    public static void requireAbsent(String what, String text, String secret) {
        int at = text.indexOf(secret);
        if (at >= 0) {
            throw new AssertionError(what + " contains the secret at " + at + ": " + escape(text));
        }
    }

    /** ASCII letters in the other case, everything else unchanged: what "case-insensitive" must ignore. */
    public static String flipAsciiCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /** Java-style escapes for anything but printable ASCII, so a failure message is itself safe to print. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append("\\u").append(hex(c));
            }
        }
        return sb.append('"').toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
