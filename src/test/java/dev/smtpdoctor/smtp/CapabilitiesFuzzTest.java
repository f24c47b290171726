package dev.smtpdoctor.smtp;

import static dev.smtpdoctor.testing.Fuzzing.require;
import static dev.smtpdoctor.testing.Fuzzing.requireEqual;
import static dev.smtpdoctor.testing.Fuzzing.requireAtMost;
import static dev.smtpdoctor.testing.Fuzzing.requirePrintable;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fuzzes the EHLO reply reader: the server's bytes, read and parsed as on the wire, then
 * {@link Capabilities#fromEhlo}. It must accept any reply the parser produces, and what it announces
 * must be well-formed and survive being written out and read again. Seed files are EHLO replies.
 */
class CapabilitiesFuzzTest {

    @FuzzTest
    @DictionaryFile(resourcePath = "smtp.dict")
    void ehloReply(byte[] wire) throws Exception {
        Wire.Read read = Wire.read(wire, new Wire.Shape(LineReader.DEFAULT_MAX_LINE_BYTES, 4096, Long.MAX_VALUE));
        for (Wire.Outcome outcome : Wire.parse(read.lines(), ReplyParser.DEFAULT_MAX_LINES)) {
            if (outcome.reply().isPresent()) {
                check(outcome.reply().get(), true);
            }
        }
        // The same bytes as text, through the parser for scripts: its lines are not sanitised.
        try {
            check(ReplyParser.parse(new String(wire, java.nio.charset.StandardCharsets.UTF_8)), false);
        } catch (MalformedReplyException expected) {
            // not a reply at all: nothing to read capabilities from
        }
    }

    private static void check(Reply reply, boolean fromWire) {
        Capabilities caps = Capabilities.fromEhlo(reply);

        require(caps.extended(), "EHLO capabilities are extended", caps);
        require(caps.domain().chars().noneMatch(c -> c == ' ' || c == '\t'), "domain is one word", caps.domain());
        requireAtMost("keywords", caps.keywords().keySet(), reply.lines().size() - 1);
        if (fromWire) {
            requirePrintable("domain", caps.domain());
        }
        caps.keywords().forEach((keyword, params) -> {
            require(!keyword.isEmpty() && keyword.equals(keyword.toUpperCase(Locale.ROOT)), "keyword", keyword);
            require(isWord(keyword), "keyword is one word", keyword);
            require(!keyword.startsWith("AUTH="), "AUTH= is merged into AUTH", keyword);
            require(caps.has(keyword) && caps.has(asciiLower(keyword)), "has() is case-insensitive", keyword);
            params.forEach(p -> require(!p.isEmpty() && isWord(p), "parameter of " + keyword + " is a word", p));
            if (fromWire) {
                requirePrintable("keyword", keyword);
                params.forEach(p -> requirePrintable("parameter", p));
            }
        });

        Set<String> mechanisms = caps.authMechanisms();
        require(caps.authAdvertised() == caps.keywords().containsKey("AUTH"), "AUTH advertised", caps);
        for (String m : mechanisms) {
            require(!m.isBlank() && m.equals(m.toUpperCase(Locale.ROOT)), "mechanism", m);
            require(caps.keywords().get("AUTH").stream().anyMatch(p -> p.toUpperCase(Locale.ROOT).equals(m)),
                    "mechanism was announced", m);
        }
        Optional<String> preferred = caps.preferredAuthMechanism();
        Optional<String> firstSupported = Capabilities.SUPPORTED_AUTH.stream().filter(mechanisms::contains).findFirst();
        requireEqual("preferred mechanism", firstSupported, preferred);
        caps.size().ifPresent(size -> require(size >= 0, "SIZE is a byte count", size));
        require(caps.startTls() == caps.keywords().containsKey("STARTTLS"), "STARTTLS", caps);

        // Idempotence: the capabilities written out as an EHLO reply read back the same. Not for a token
        // holding other white space (U+2003, or a CR from the unsanitised text parser): lines are split
        // at spaces and tabs only (RFC 5321 allows nothing else in them), but strip() trims any white
        // space at a line's ends, so such a token written last on its line reads back shorter.
        if (tokens(caps).allMatch(t -> t.chars().noneMatch(Character::isWhitespace))) {
            requireEqual("capabilities written out and read again", caps,
                    Capabilities.fromEhlo(render(reply.code(), caps)));
        }
    }

    private static Stream<String> tokens(Capabilities caps) {
        return Stream.concat(Stream.of(caps.domain()),
                caps.keywords().entrySet().stream().flatMap(e -> Stream.concat(
                        Stream.of(e.getKey()), e.getValue().stream())));
    }

    private static Reply render(int code, Capabilities caps) {
        List<String> lines = new ArrayList<>();
        lines.add(caps.domain());
        for (Map.Entry<String, List<String>> e : caps.keywords().entrySet()) {
            StringBuilder line = new StringBuilder(e.getKey());
            e.getValue().forEach(p -> line.append(' ').append(p));
            lines.add(line.toString());
        }
        return new Reply(code, Optional.empty(), lines, List.of());
    }

    private static boolean isWord(String s) {
        return s.chars().noneMatch(c -> c == ' ' || c == '\t');
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().forEach(c -> sb.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
        return sb.toString();
    }
}
