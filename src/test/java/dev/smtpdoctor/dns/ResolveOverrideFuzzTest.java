package dev.smtpdoctor.dns;

import static dev.smtpdoctor.testing.Fuzzing.require;
import static dev.smtpdoctor.testing.Fuzzing.requireEqual;
import static dev.smtpdoctor.testing.Fuzzing.requireAtMost;
import static dev.smtpdoctor.testing.Fuzzing.requirePrintable;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smtpdoctor.testing.Fuzzing;
import dev.smtpdoctor.testing.RecordingResolverProvider;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Fuzzes {@code --resolve HOST:PORT:ADDRESS}: the seed file is the argument. Bad text fails with
 * IllegalArgumentException and a printable message bounded by the argument's length, never anything
 * else and never a DNS lookup; a parsed override applies to its own host and port and reads back from
 * its own written form.
 */
class ResolveOverrideFuzzTest {

    @FuzzTest
    @DictionaryEntries({":", "*", "[", "]", "::", "::1", "::ffff:", ".", "127.0.0.1", "255", "256", "65535",
        "65536", "0", "00025", "%", " "})
    void resolveArgument(byte[] input) throws Exception {
        String text = Fuzzing.text(input);
        int lookupsBefore = RecordingResolverProvider.lookups().size();
        ResolveOverride o;
        try {
            o = ResolveOverride.parse(text);
        } catch (IllegalArgumentException e) {
            requirePrintable("message", e.getMessage());
            // The message may quote the address (the CLI shows its own text): bounded by the input.
            requireAtMost("message length", e.getMessage().length(), 64 + text.length());
            return;
        } finally {
            List<String> lookups = RecordingResolverProvider.lookups();
            for (String name : lookups.subList(lookupsBefore, lookups.size())) {
                // Other tests' threads may look names up meanwhile; none of them looks up our text.
                require(name.isEmpty() || !text.contains(name), "parse() asked DNS for", name);
            }
        }

        require(!o.host().isEmpty() && o.host().equals(o.host().toLowerCase(Locale.ROOT)), "host", o.host());
        require(o.host().codePoints().noneMatch(c -> c == ':' || Character.isWhitespace(c) || Character.isSpaceChar(c)),
                "host is one name", o.host());
        requirePrintable("host", o.host());
        require(!o.host().endsWith("."), "host without its trailing dot", o.host());
        require(o.port() >= 0 && o.port() <= 65535, "port", o.port());
        require(o.address().getAddress().length == 4 || o.address().getAddress().length == 16, "address", o);

        int port = o.port() == 0 ? 587 : o.port();
        require(o.appliesTo(o.host(), port), "applies to its own host", o);
        require(o.appliesTo(Fuzzing.flipAsciiCase(o.host()), port), "applies to its host in another case", o);
        require(o.appliesTo(o.host() + ".", port), "applies to its host with a trailing dot", o);
        require(o.port() == 0 || !o.appliesTo(o.host(), o.port() % 65535 + 1), "applies to its port only", o);

        // Idempotence: written back in curl's form, it parses to the same override.
        requireEqual("override written out and parsed again", o, ResolveOverride.parse(written(o)));
    }

    private static String written(ResolveOverride o) {
        InetAddress a = o.address();
        String address = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return o.host() + ":" + (o.port() == 0 ? "*" : Integer.toString(o.port())) + ":" + address;
    }
}
