package dev.smtpdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The layout of docs/architecture.md, held against the compiled classes: packages are stacked along the
 * pipeline, and a package may use only those below it (or itself). A new package must be given its place
 * here; a lower stage importing a higher one fails the build.
 */
class ArchitectureTest {

    /** Bottom to top. A package may depend on packages with a lower number only. */
    static final Map<String, Integer> STACK = Map.ofEntries(
            Map.entry("text", 0),        // the sanitiser for outside text
            Map.entry("model", 1),       // the shared vocabulary
            Map.entry("smtp", 3),        // the wire: replies, lines, capabilities
            Map.entry("tls", 4),
            Map.entry("dns", 5),
            Map.entry("http", 6),
            Map.entry("lint", 7),        // stage 1: what was typed
            Map.entry("discovery", 8),   // stage 2: which servers to try, who may get the password
            Map.entry("probe", 9),       // stage 3: one endpoint
            Map.entry("matrix", 10),     // stage 4: every candidate × mode
            Map.entry("diagnosis", 11),  // stage 5: pure rules
            Map.entry("sendingdomain", 12), // the sending-domain checks
            Map.entry("", 13),           // the front door: SmtpDoctor, CheckRequest, Diagnosis
            Map.entry("report", 14),     // text and JSON
            Map.entry("demo", 15),
            Map.entry("audit", 16),      // bulk audit: many checks, records, resume, shards (above the front door)
            Map.entry("web", 16),        // the local web page (serve)
            Map.entry("cli", 17));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.smtpdoctor");

    @Test
    void everyPackageHasItsPlaceInTheStack() {
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            if (!STACK.containsKey(area(c))) {
                unplaced.add(c.getPackageName());
            }
        }
        assertThat(unplaced).as("packages not placed in ArchitectureTest.STACK").isEmpty();
    }

    @Test
    void noPackageUsesOneAboveIt() {
        List<String> upward = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            Integer from = STACK.get(area(c));
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith("dev.smtpdoctor") || area(target).equals(area(c))) {
                    continue;
                }
                Integer to = STACK.get(area(target));
                if (from != null && to != null && to > from) {
                    upward.add(d.getDescription());
                }
            }
        }
        assertThat(upward).as("dependencies that run up the stack").isEmpty();
    }

    /** "About 400 lines" at most per class, so each reads as one thing; spec tables may be longer. */
    @Test
    void noSourceFileIsOverAbout400Lines() throws java.io.IOException {
        List<String> long_ = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                long lines = java.nio.file.Files.readAllLines(f).size();
                if (lines > MAX_LINES && !SPEC_TABLES.contains(f.getFileName().toString())) {
                    long_.add(f + " (" + lines + " lines)");
                }
            }
        }
        assertThat(long_).as("classes over %d lines: split them along a seam", MAX_LINES).isEmpty();
    }

    private static final int MAX_LINES = 420;
    /** Tables that follow a specification or a catalogue line by line. None today. */
    private static final java.util.Set<String> SPEC_TABLES = java.util.Set.of();

    /** The first package below dev.smtpdoctor ("" for the root), so sub-packages share their parent's place. */
    private static String area(JavaClass c) {
        String p = c.getPackageName();
        if (p.equals("dev.smtpdoctor")) {
            return "";
        }
        String rest = p.substring("dev.smtpdoctor.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
