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

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesParityTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
