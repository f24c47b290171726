package dev.smtpdoctor.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One thing the diagnosis found: a stable code, how much it matters, the dialog field it concerns,
 * and named arguments (host, port, names...) that the message bundles fill in. Never rendered text,
 * never a password.
 */
public record Finding(FindingCode code, Severity severity, Optional<Field> field, Map<String, String> args) {

    public Finding {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    public static Finding of(FindingCode code, Severity severity, Field field, Map<String, String> args) {
        return new Finding(code, severity, Optional.ofNullable(field), args);
    }

    public static Finding of(FindingCode code, Severity severity, Map<String, String> args) {
        return new Finding(code, severity, Optional.empty(), args);
    }

    /** Args in the order given: {@code args("host", h, "port", "465")}. */
    public static Map<String, String> args(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
