package dev.smtpdoctor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNameTest {

    private static final String LABEL_63 = "a".repeat(63);
    private static final String LABEL_64 = "a".repeat(64);
    /** 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters. */
    private static final String NAME_253 = LABEL_63 + "." + LABEL_63 + "." + LABEL_63 + "." + "a".repeat(61);
    private static final String NAME_254 = NAME_253 + "a";

    /** One row per form: strict (a server name), lenient (what the lint accepts), IP literal. */
    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            // host                 strict  lenient ipLiteral
            "smtp.example.jp,        true,   true,   false",
            "sv1234.xserver.jp,      true,   true,   false",
            "xn--r8jz45g.jp,         true,   true,   false",
            "a_b.example.jp,         false,  true,   false",
            "_smtp.example.jp,       false,  true,   false",
            "localhost,              false,  true,   false",
            "smtp,                   false,  true,   false",
            "smtp..example.jp,       false,  false,  false",
            "-smtp.example.jp,       false,  false,  false",
            "smtp-.example.jp,       false,  false,  false",
            "smtp.example.jp.,       false,  false,  false",
            "SMTP.example.jp,        false,  false,  false",
            "'',                     false,  false,  false",
            "1.2.3.999,              false,  false,  false",
            "10.1,                   false,  false,  false",
            "smtp.123,               false,  false,  false",
            "127.0.0.1,              false,  false,  true",
            "::1,                    false,  false,  true",
            "[::1],                  false,  false,  true",
            "[192.0.2.1],            false,  false,  true",
            "2001:db8::25,           false,  false,  true",
            "::ffff:192.0.2.1,       false,  false,  true",
            "1:2:3:4:5:6:7:8,        false,  false,  true",
            "1:2:3:4:5:6:7:8:9,      false,  false,  false",
            "1::2::3,                false,  false,  false",
            "2001:db8::g,            false,  false,  false",
            "1:2:3,                  false,  false,  false",
            ":::1,                   false,  false,  false",
            "[smtp.example.jp],      false,  false,  false"})
    void forms(String host, boolean strict, boolean lenient, boolean ipLiteral) {
        assertThat(HostName.isStrict(host)).as("strict").isEqualTo(strict);
        assertThat(HostName.isLenient(host)).as("lenient").isEqualTo(lenient);
        assertThat(HostName.isIpLiteral(host)).as("IP literal").isEqualTo(ipLiteral);
    }

    @Test
    void labelsOfAtMost63AndNamesOfAtMost253Characters() {
        assertThat(HostName.isStrict(LABEL_63 + ".jp")).isTrue();
        assertThat(HostName.isStrict(LABEL_64 + ".jp")).isFalse();
        assertThat(HostName.isLenient(LABEL_64 + ".jp")).isFalse();
        assertThat(NAME_253).hasSize(253);
        assertThat(HostName.isStrict(NAME_253)).isTrue();
        assertThat(HostName.isStrict(NAME_254)).isFalse();
        assertThat(HostName.isLenient(NAME_254)).isFalse();
        assertThat(HostName.parse(NAME_253 + ".")).contains(new HostName(NAME_253));
        assertThat(HostName.parse(NAME_254)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "smtp.example.jp, smtp.example.jp", "' SMTP.Example.JP. ', smtp.example.jp", "smtp.example.jp.., smtp.example.jp.",
            "., ''", "'', ''"})
    void normalise(String raw, String expected) {
        assertThat(HostName.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "smtp.example.jp,           smtp.example.jp",
            "' Mail.Example.JP. ',      mail.example.jp",
            "例え.jp,                    xn--r8jz45g.jp",
            "例え.ＪＰ,                  xn--r8jz45g.jp",
            "例え.jp.,                   xn--r8jz45g.jp",
            "XN--R8JZ45G.jp,            xn--r8jz45g.jp",
            "a_b.example.jp,            a_b.example.jp",
            "localhost,                 localhost",
            "127.0.0.1,                 127.0.0.1",
            "[::1],                     ::1",
            "FE80::1,                   fe80::1",
            "[192.0.2.1],               192.0.2.1",
            "[mail.example.jp],         NULL",
            "例_え.jp,                   NULL",
            "mail..example.jp,          NULL",
            "mail.example.jp..,         NULL",
            "1.2.3.999,                 NULL",
            "'',                        NULL",
            "' ',                       NULL",
            "*.example.jp,              NULL"})
    void parse(String raw, String expected) {
        assertThat(HostName.parse(raw).map(HostName::value)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void parseStrictRefusesWhatOnlyTheLintAccepts() {
        assertThat(HostName.parseStrict("Mail.Example.jp.")).contains(new HostName("mail.example.jp"));
        assertThat(HostName.parseStrict("a_b.example.jp")).isEmpty();
        assertThat(HostName.parseStrict("localhost")).isEmpty();
        assertThat(HostName.parseStrict("127.0.0.1")).isEmpty();
    }

    @Test
    void theValueKnowsItsForm() {
        HostName single = HostName.parse("localhost").orElseThrow();
        assertThat(single.isSingleLabel()).isTrue();
        assertThat(single.isStrict()).isFalse();
        HostName underscore = HostName.parse("a_b.example.jp").orElseThrow();
        assertThat(underscore.hasUnderscore()).isTrue();
        assertThat(underscore.isLenient()).isTrue();
        assertThat(underscore.isStrict()).isFalse();
        HostName v6 = HostName.parse("[::1]").orElseThrow();
        assertThat(v6.isIpLiteral()).isTrue();
        assertThat(v6.isSingleLabel()).isFalse();
        assertThat(v6).hasToString("::1");
        assertThatThrownBy(() -> new HostName("Mail.example.jp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostName("[::1]")).isInstanceOf(IllegalArgumentException.class)
                .as("the value keeps no brackets");
    }

    @ParameterizedTest
    @CsvSource({
            "[::1], true", "::1, true", "10.1, true", "999.1.1.1, true", "127.0.0.1., true", "[192.0.2.1], true",
            "smtp.example.jp, false", "smtp1.example.jp, false", "'', false", "., false"})
    void looksLikeAddress(String host, boolean address) {
        assertThat(HostName.looksLikeAddress(host)).isEqualTo(address);
    }

    @Test
    void toAsciiOnlyForValidInternationalisedNames() {
        assertThat(HostName.toAscii("例え.jp")).contains("xn--r8jz45g.jp");
        assertThat(HostName.toAscii("例え\u0000.jp")).isEmpty();
        assertThat(HostName.isAscii("例え.jp")).isFalse();
        assertThat(HostName.isAscii("smtp.example.jp")).isTrue();
    }
}
