package dev.smtpdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Test code stays out of the product, and so does Bouncy Castle: the demo reads committed certificates with
 * the JDK alone (docs/architecture.md, {@code demo/certificates/README.md}). Checked three ways: the sources,
 * the compiled classes that go into the jar, and the dependency's scope in the pom.
 */
class NoBouncyCastleInProductTest {

    private static final List<String> FORBIDDEN_IN_SOURCES = List.of("org.bouncycastle", "dev.smtpdoctor.testkit");
    private static final List<String> FORBIDDEN_IN_CLASSES = List.of("org/bouncycastle", "dev/smtpdoctor/testkit");

    @Test
    void noProductSourceMentionsBouncyCastleOrTheTestkit() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> FORBIDDEN_IN_SOURCES.stream().anyMatch(read(p)::contains))
                    .map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void noProductClassReferencesBouncyCastleOrTheTestkit() throws Exception {
        Path classes = Path.of(SmtpDoctor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes.resolve("dev/smtpdoctor/SmtpDoctor.class")).as("the product's classes").exists();
        List<Path> checked;
        try (Stream<Path> files = Files.walk(classes)) {
            checked = files.filter(p -> p.toString().endsWith(".class")).filter(p -> hasSource(classes.relativize(p)))
                    .toList();
        }
        assertThat(checked).contains(classes.resolve("dev/smtpdoctor/demo/DemoCertificates.class"));
        List<String> offenders = checked.stream().filter(p -> {
            String constants = new String(bytes(p), StandardCharsets.ISO_8859_1);
            return FORBIDDEN_IN_CLASSES.stream().anyMatch(constants::contains);
        }).map(p -> classes.relativize(p).toString()).toList();
        assertThat(offenders).isEmpty();
    }

    @Test
    void bouncyCastleIsATestDependency() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList deps = pom.getElementsByTagName("dependency");
        int found = 0;
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (text(d, "groupId").equals("org.bouncycastle")) {
                found++;
                assertThat(text(d, "scope")).as(text(d, "artifactId")).isEqualTo("test");
            }
        }
        assertThat(found).as("bcpkix for the tests' HeldCertificate").isPositive();
    }

    /**
     * Whether a class file comes from a source that still exists: an incremental build leaves the classes of
     * deleted sources behind (a clean build, as CI's, has none).
     */
    private static boolean hasSource(Path classFile) {
        String name = classFile.toString().replace('\\', '/');
        String outer = name.substring(0, name.length() - ".class".length()).split("\\$", 2)[0];
        return Files.exists(Path.of("src/main/java", outer + ".java"));
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    private static String read(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
