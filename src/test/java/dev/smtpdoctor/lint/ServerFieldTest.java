package dev.smtpdoctor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerFieldTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            smtp.example.jp                        | smtp.example.jp
            mail.example.jp:587                    | mail.example.jp:587
            you@example.jp                         | you@example.jp
            mailto:you@example.jp                  | mailto:you@example.jp
            smtp:you@example.jp                    | smtp:you@example.jp
            user:pw@mail.example.jp                | user:***@mail.example.jp
            smtp://user:pw@mail.example.jp:587/    | smtp://user:***@mail.example.jp:587/
            smtp://user:p@ss:w/rd@mail.example.jp  | smtp://user:***@mail.example.jp
            smtp:user:pw@mail.example.jp           | smtp:user:***@mail.example.jp
            ' smtps://u:pw@mail.example.jp'        | ' smtps://u:***@mail.example.jp'
            ｕ：ｐｗ＠ｍａｉｌ．ｅｘａｍｐｌｅ．ｊｐ     | ｕ：***＠ｍａｉｌ．ｅｘａｍｐｌｅ．ｊｐ
            """)
    void redactsPasswordsInUserInfo(String typed, String shown) {
        assertThat(ServerField.redactUserInfo(typed)).isEqualTo(shown);
    }
}
