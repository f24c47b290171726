package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Finding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Table rows for rule tests: observations in, exactly these findings out (after de-duplication). */
final class RuleTable {

    private RuleTable() {
    }

    /** An expected finding: code, severity, and the arguments that must be present with these values. */
    record Expect(FindingCode code, Severity severity, Map<String, String> args) {
        @Override
        public String toString() {
            return code + "/" + severity + args;
        }
    }

    record Case(String name, Observations observations, List<Expect> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Expect e(FindingCode code, Severity severity, String... keyValues) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.put(keyValues[i], keyValues[i + 1]);
        }
        return new Expect(code, severity, args);
    }

    static Case row(String name, Probes.Obs obs, Expect... expected) {
        return new Case(name, obs.build(), List.of(expected));
    }

    static Case row(String name, Observations o, Expect... expected) {
        return new Case(name, o, List.of(expected));
    }

    /** Runs one rule and checks its findings are exactly the expected ones, in any order. */
    static List<Finding> check(Rule rule, Case c) {
        List<Finding> found = Diagnoser.normalize(rule.apply(CheckView.of(c.observations())));
        List<Finding> unmatched = new ArrayList<>(found);
        for (Expect e : c.expected()) {
            Finding match = unmatched.stream().filter(f -> matches(f, e)).findFirst().orElse(null);
            assertThat(match).as("%s: expected %s among %s", c.name(), e, found).isNotNull();
            unmatched.remove(match);
        }
        assertThat(unmatched).as("%s: unexpected findings", c.name()).isEmpty();
        for (Finding f : found) {
            assertThat(f.args().keySet()).as("no password in args").noneMatch(k -> k.toLowerCase().contains("password"));
        }
        return found;
    }

    private static boolean matches(Finding f, Expect e) {
        if (f.code() != e.code() || f.severity() != e.severity()) {
            return false;
        }
        for (Map.Entry<String, String> a : e.args().entrySet()) {
            if (!a.getValue().equals(f.args().get(a.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
