package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docs/json.md promises about {@code probe --json}, read from the document itself, so the test fails
 * when the output and the documentation part: the top-level fields of the example, every row of the probe
 * object table (with the sub-fields its "Meaning" column names), the extra fields of each outcome type,
 * and the fields of a reply and of capabilities.
 *
 * <p>Lenient on purpose about prose: a backticked word is a field name unless it sits in parentheses or
 * braces, where the document lists values ({@code `ssl`}, {@code `NOT_A_REPLY`}) and nested objects.
 */
final class JsonDoc {

    static final Path FILE = Path.of("docs/json.md");

    private static final Pattern BACKTICKED = Pattern.compile("`([A-Za-z0-9_]+)(\\[])?`");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Za-z0-9-]+)(\\[])?`\\s*\\|(.*)\\|\\s*$");

    /** One documented field: its name, whether it is an array, and the sub-fields its description names. */
    record Field(String name, boolean array, List<String> subFields) {
    }

    /** One row of the outcome table. */
    record Outcome(String type, Set<String> steps, List<String> extraFields) {
    }

    private final List<String> lines;

    private JsonDoc(List<String> lines) {
        this.lines = lines;
    }

    static JsonDoc read() {
        try {
            return new JsonDoc(Files.readAllLines(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys of the example document under "## `smtp-doctor probe --json`". */
    List<String> topLevelFields() {
        int start = indexOf("## `smtp-doctor probe --json`");
        int open = indexOf("```json", start);
        List<String> keys = new ArrayList<>();
        Pattern key = Pattern.compile("^\\s*\"([A-Za-z0-9]+)\":");
        for (int i = open + 1; !lines.get(i).startsWith("```"); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** Rows of the table under "### Probe object". */
    List<Field> probeFields() {
        List<Field> fields = new ArrayList<>();
        for (List<String> row : table("### Probe object")) {
            fields.add(new Field(row.get(0).replace("[]", ""), row.get(0).endsWith("[]"), names(row.get(2))));
        }
        return fields;
    }

    /** Rows of the table under "**Outcome**", by type. */
    Map<String, Outcome> outcomes() {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (List<String> row : table("**Outcome**")) {
            Set<String> steps = new LinkedHashSet<>();
            Matcher m = Pattern.compile("\\b[A-Z][A-Z_]+\\b").matcher(row.get(1));
            while (m.find()) {
                steps.add(m.group());
            }
            out.put(row.get(0), new Outcome(row.get(0), steps, names(row.get(2))));
        }
        return out;
    }

    /** The fields listed in the paragraph that starts with {@code **label**:}. */
    List<String> paragraphFields(String label) {
        int i = indexOf("**" + label + "**:");
        StringBuilder text = new StringBuilder();
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            text.append(lines.get(i)).append(' ');
        }
        return names(text.substring(text.indexOf(":") + 1));
    }

    /** The step names listed in the paragraph that starts with "Steps:". */
    List<String> steps() {
        int i = indexOf("Steps:");
        StringBuilder text = new StringBuilder();
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            text.append(lines.get(i)).append(' ');
        }
        return names(text.toString());
    }

    // ---- checks -------------------------------------------------------------------------------------

    /** Fails unless {@code document} (a whole {@code probe --json} output) has every documented field. */
    void assertComplete(JsonNode document) {
        for (String key : topLevelFields()) {
            assertThat(document.has(key)).as("top-level field '%s' (docs/json.md)", key).isTrue();
        }
        JsonNode probe = document.get("probe");
        List<String> replyFields = paragraphFields("Reply");
        List<String> capabilityFields = paragraphFields("Capabilities");
        List<String> tlsFields = paragraphFields("TLS");
        for (Field f : probeFields()) {
            String where = "probe." + f.name();
            assertThat(probe.has(f.name())).as("field %s (docs/json.md)", where).isTrue();
            JsonNode value = probe.get(f.name());
            if (value.isNull()) {
                continue;
            }
            if (f.array()) {
                assertThat(value.isArray()).as("%s is an array", where).isTrue();
                value.forEach(element -> assertHas(element, f.subFields(), where + "[]"));
            } else {
                assertHas(value, f.subFields(), where);
            }
            switch (f.name()) {
                case "greeting" -> assertHas(value, replyFields, where);
                case "ehlo", "ehloTls" -> assertHas(value, capabilityFields, where);
                case "tls" -> {
                    assertHas(value, tlsFields, where);
                    assertHas(value.get("chainVerdict"), List.of("status", "detail"), where + ".chainVerdict");
                    assertHas(value.get("nameVerdict"), List.of("host", "matches", "matchedName", "presentedNames"),
                            where + ".nameVerdict");
                }
                case "auth", "sender" -> {
                    if (!value.get("reply").isNull()) {
                        assertHas(value.get("reply"), replyFields, where + ".reply");
                    }
                }
                default -> { }
            }
        }
        List<String> steps = steps();
        probe.get("steps").forEach(s -> assertThat(s.get("step").asText())
                .as("step in probe.steps[] is one of the Steps docs/json.md lists").isIn(steps));
        JsonNode outcome = probe.get("outcome");
        String type = outcome.get("type").asText();
        Outcome documented = outcomes().get(type);
        assertThat(documented).as("outcome type '%s' is documented", type).isNotNull();
        assertHas(outcome, List.of("type", "step"), "probe.outcome");
        assertHas(outcome, documented.extraFields(), "probe.outcome (" + type + ")");
        if (!documented.steps().isEmpty()) {
            assertThat(outcome.get("step").asText()).as("step of outcome %s", type).isIn(documented.steps());
        }
        if (outcome.has("reply")) {
            assertHas(outcome.get("reply"), replyFields, "probe.outcome.reply");
        }
    }

    private static void assertHas(JsonNode node, List<String> fields, String where) {
        for (String name : fields) {
            assertThat(node.has(name)).as("%s.%s (docs/json.md) in %s", where, name, node).isTrue();
        }
    }

    // ---- reading the markdown -----------------------------------------------------------------------

    private int indexOf(String prefix) {
        return indexOf(prefix, 0);
    }

    private int indexOf(String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("docs/json.md has no line starting with " + prefix);
    }

    /** The body rows of the first table after the heading: each row's cells, first cell unquoted. */
    private List<List<String>> table(String heading) {
        int i = indexOf(heading);
        while (!lines.get(i).startsWith("|")) {
            i++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (!m.matches()) {
                throw new AssertionError("cannot read table row: " + lines.get(i));
            }
            List<String> cells = new ArrayList<>();
            cells.add(m.group(1) + (m.group(2) == null ? "" : "[]"));
            for (String c : m.group(3).split("\\|", -1)) {
                cells.add(c.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Backticked names outside parentheses and braces. */
    private static List<String> names(String prose) {
        String outside = prose;
        String before;
        do {
            before = outside;
            outside = outside.replaceAll("\\([^()]*\\)", "").replaceAll("\\{[^{}]*}", "");
        } while (!outside.equals(before));
        List<String> names = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(outside);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
