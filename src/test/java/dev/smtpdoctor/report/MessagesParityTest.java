package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every sentence exists in both languages: a key missing in one bundle would show as !key! to its users. */
class MessagesParityTest {

    @Test
    void englishAndJapaneseHaveTheSameKeys() throws IOException {
        Set<String> en = keys("/dev/smtpdoctor/Messages.properties");
        Set<String> ja = keys("/dev/smtpdoctor/Messages_ja.properties");
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(ja);
        Set<String> onlyJa = new TreeSet<>(ja);
        onlyJa.removeAll(en);
        assertThat(onlyEn).as("keys only in English").isEmpty();
        assertThat(onlyJa).as("keys only in Japanese").isEmpty();
    }

    /**
     * A key given twice silently keeps only the last value (Properties), and features add their keys in blocks of
     * their own: a second {@code error.port} once replaced the probe's sentence with the web page's.
     */
    @Test
    void noKeyIsGivenTwice() throws IOException {
        for (String resource : new String[] {"/dev/smtpdoctor/Messages.properties", "/dev/smtpdoctor/Messages_ja.properties"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            Properties p = new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    if (!seen.add((String) key)) {
                        twice.add((String) key);
                    }
                    return super.put(key, value);
                }
            };
            try (InputStream in = MessagesParityTest.class.getResourceAsStream(resource)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(twice).as("keys given twice in %s", resource).isEmpty();
        }
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesParityTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
