package dev.smtpdoctor.lint;

import static dev.smtpdoctor.model.Field.ADDRESS;
import static dev.smtpdoctor.model.Field.PASSWORD;
import static dev.smtpdoctor.model.Field.PORT;
import static dev.smtpdoctor.model.Field.SECURITY;
import static dev.smtpdoctor.model.Field.SERVER;
import static dev.smtpdoctor.model.Field.USERNAME;
import static dev.smtpdoctor.model.FindingCode.*;
import static dev.smtpdoctor.model.Severity.ERROR;
import static dev.smtpdoctor.model.Severity.INFO;
import static dev.smtpdoctor.model.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.model.Field;
import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.model.Security;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The input lint, one row per mistake: typed fields in, exact findings (code, severity, field, args)
 * and exact corrected settings out. Unless a row says otherwise the address is you@example.jp and the
 * other fields are empty.
 */
class InputLintTest {

    static final String ADDR = "you@example.jp";

    /** One row of the table: what was typed, what the lint must say, what it must use (null: unusable). */
    record Row(UnaryOperator<RawFields.Builder> typed, List<Finding> findings, SendAsSettings settings) {
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // ---- nothing wrong ----
                row("only the address", b -> b, none(), settings()),
                row("a clean Xserver setup",
                        b -> b.server("sv1234.xserver.jp").port("465").security("ssl").username(ADDR).password(pw("ok")),
                        none(), new SendAsSettings(ADDR, Optional.of("sv1234.xserver.jp"), OptionalInt.of(465),
                                Optional.of(Security.SSL), Optional.of(ADDR), true)),
                row("server: upper case is lowered without a finding", b -> b.server("SMTP.Example.JP"),
                        none(), server("smtp.example.jp")),
                row("server: blank is empty", b -> b.server(" \t "), none(), settings()),
                row("server: public IPv4 literal", b -> b.server("203.0.113.5"), none(), server("203.0.113.5")),
                row("server: popular. is not pop.", b -> b.server("popular.example.jp"), none(),
                        server("popular.example.jp")),

                // ---- copy-paste whitespace and invisible characters ----
                row("server: leading space", b -> b.server(" smtp.example.jp"),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, SERVER,
                                "original", " smtp.example.jp", "corrected", "smtp.example.jp")),
                        server("smtp.example.jp")),
                row("server: trailing tab and line break", b -> b.server("smtp.example.jp\t\r\n"),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, SERVER,
                                "original", "smtp.example.jp[U+0009][U+000D][U+000A]", "corrected", "smtp.example.jp")),
                        server("smtp.example.jp")),
                row("server: zero-width space", b -> b.server("\u200Bsmtp.example.jp"),
                        List.of(f(INPUT_INVISIBLE_CHARACTER, WARNING, SERVER, "original", "[U+200B]smtp.example.jp",
                                "corrected", "smtp.example.jp", "character", "U+200B ZERO WIDTH SPACE")),
                        server("smtp.example.jp")),
                row("server: BOM, zero-width joiner inside, no-break space after",
                        b -> b.server("\uFEFFsmtp.exa\u200Dmple.jp\u00A0"),
                        List.of(f(INPUT_INVISIBLE_CHARACTER, WARNING, SERVER,
                                "original", "[U+FEFF]smtp.exa[U+200D]mple.jp[U+00A0]", "corrected", "smtp.example.jp",
                                "character", "U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM), U+200D ZERO WIDTH JOINER, "
                                        + "U+00A0 NO-BREAK SPACE")),
                        server("smtp.example.jp")),
                row("server: space and BOM before", b -> b.server(" \uFEFFsmtp.example.jp"),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, SERVER,
                                        "original", " [U+FEFF]smtp.example.jp", "corrected", "smtp.example.jp"),
                                f(INPUT_INVISIBLE_CHARACTER, WARNING, SERVER,
                                        "original", " [U+FEFF]smtp.example.jp", "corrected", "smtp.example.jp",
                                        "character", "U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM)")),
                        server("smtp.example.jp")),
                row("server: tab inside counts as invisible", b -> b.server("smtp.\texample.jp"),
                        List.of(f(INPUT_INVISIBLE_CHARACTER, WARNING, SERVER, "original", "smtp.[U+0009]example.jp",
                                "corrected", "smtp.example.jp", "character", "U+0009 CHARACTER TABULATION")),
                        server("smtp.example.jp")),
                row("server: space inside", b -> b.server("smtp .example.jp"),
                        List.of(f(INPUT_INNER_WHITESPACE, WARNING, SERVER,
                                "original", "smtp .example.jp", "corrected", "smtp.example.jp")),
                        server("smtp.example.jp")),

                row("server: soft hyphen from a word processor", b -> b.server("smtp.exam\u00ADple.jp"),
                        List.of(f(INPUT_INVISIBLE_CHARACTER, WARNING, SERVER, "original", "smtp.exam[U+00AD]ple.jp",
                                "corrected", "smtp.example.jp", "character", "U+00AD SOFT HYPHEN")),
                        server("smtp.example.jp")),
                row("address: no-break space inside", b -> b.address("you@\u00A0example.jp"),
                        List.of(f(INPUT_INVISIBLE_CHARACTER, WARNING, ADDRESS, "original", "you@[U+00A0]example.jp",
                                "corrected", ADDR, "character", "U+00A0 NO-BREAK SPACE")),
                        settings()),
                row("username: line break inside is removed, a space inside is kept",
                        b -> b.username("my\naccount name"),
                        List.of(f(INPUT_INVISIBLE_CHARACTER, WARNING, USERNAME, "original", "my[U+000A]account name",
                                "corrected", "myaccount name", "character", "U+000A LINE FEED (LF)")),
                        username("myaccount name")),

                // ---- full-width characters from a Japanese IME ----
                row("server: full-width letters and dots", b -> b.server("ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, SERVER,
                                "original", "ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ", "corrected", "smtp.example.jp")),
                        server("smtp.example.jp")),
                row("server: ideographic full stops", b -> b.server("ｍａｉｌ。ｅｘａｍｐｌｅ。ｊｐ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, SERVER,
                                "original", "ｍａｉｌ。ｅｘａｍｐｌｅ。ｊｐ", "corrected", "mail.example.jp")),
                        server("mail.example.jp")),
                row("server: full-width with ideographic spaces around",
                        b -> b.server("\u3000ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ\u3000"),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, SERVER,
                                        "original", "[U+3000]ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ[U+3000]", "corrected", "smtp.example.jp"),
                                f(INPUT_FULL_WIDTH, WARNING, SERVER,
                                        "original", "[U+3000]ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ[U+3000]", "corrected", "smtp.example.jp")),
                        server("smtp.example.jp")),
                row("port: full-width digits", b -> b.port("５８７"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, PORT, "original", "５８７", "corrected", "587")),
                        port(587)),
                row("address: full-width at sign and dot", b -> b.address("ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, ADDRESS,
                                "original", "ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ", "corrected", ADDR)),
                        settings()),
                row("username: full-width address", b -> b.username("ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, USERNAME,
                                "original", "ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ", "corrected", ADDR)),
                        username(ADDR)),

                // ---- scheme, user, port and path pasted into the server field ----
                row("server: smtp:// scheme", b -> b.server("smtp://smtp.example.jp"),
                        List.of(f(INPUT_SCHEME_IN_HOST, WARNING, SERVER,
                                "original", "smtp://smtp.example.jp", "corrected", "smtp.example.jp", "scheme", "smtp")),
                        server("smtp.example.jp")),
                row("server: smtps URL with port and slash", b -> b.server("smtps://smtp.example.jp:465/"),
                        List.of(f(INPUT_SCHEME_IN_HOST, WARNING, SERVER, "original", "smtps://smtp.example.jp:465/",
                                        "corrected", "smtp.example.jp", "scheme", "smtps"),
                                f(INPUT_PATH_IN_HOST, WARNING, SERVER, "original", "smtps://smtp.example.jp:465/",
                                        "corrected", "smtp.example.jp", "path", "/"),
                                f(INPUT_PORT_IN_HOST, WARNING, SERVER, "original", "smtps://smtp.example.jp:465/",
                                        "corrected", "smtp.example.jp", "port", "465")),
                        new SendAsSettings(ADDR, Optional.of("smtp.example.jp"), OptionalInt.of(465), Optional.empty(),
                                Optional.empty(), false)),
                row("server: web address with a path", b -> b.server("https://mail.example.jp/webmail/?x=1"),
                        List.of(f(INPUT_SCHEME_IN_HOST, WARNING, SERVER, "original", "https://mail.example.jp/webmail/?x=1",
                                        "corrected", "mail.example.jp", "scheme", "https"),
                                f(INPUT_PATH_IN_HOST, WARNING, SERVER, "original", "https://mail.example.jp/webmail/?x=1",
                                        "corrected", "mail.example.jp", "path", "/webmail/?x=1")),
                        server("mail.example.jp")),
                row("server: port typed into the host, port field empty", b -> b.server("mail.example.jp:587"),
                        List.of(f(INPUT_PORT_IN_HOST, WARNING, SERVER,
                                "original", "mail.example.jp:587", "corrected", "mail.example.jp", "port", "587")),
                        serverAndPort("mail.example.jp", 587)),
                row("server: port typed into the host, same in the port field",
                        b -> b.server("mail.example.jp:587").port("587"),
                        List.of(f(INPUT_PORT_IN_HOST, WARNING, SERVER,
                                "original", "mail.example.jp:587", "corrected", "mail.example.jp", "port", "587")),
                        serverAndPort("mail.example.jp", 587)),
                row("server: port in the host conflicts with the port field",
                        b -> b.server("mail.example.jp:465").port("587"),
                        List.of(f(INPUT_PORT_IN_HOST, WARNING, SERVER,
                                        "original", "mail.example.jp:465", "corrected", "mail.example.jp", "port", "465"),
                                f(INPUT_PORT_CONFLICT, WARNING, PORT, "hostPort", "465", "port", "587")),
                        serverAndPort("mail.example.jp", 587)),
                row("server: unusual port in the host", b -> b.server("mail.example.jp:2525"),
                        List.of(f(INPUT_PORT_IN_HOST, WARNING, SERVER,
                                        "original", "mail.example.jp:2525", "corrected", "mail.example.jp", "port", "2525"),
                                f(INPUT_PORT_UNUSUAL, WARNING, PORT, "port", "2525")),
                        serverAndPort("mail.example.jp", 2525)),
                row("server: bracketed IPv6 literal with port", b -> b.server("[2001:db8::25]:587"),
                        List.of(f(INPUT_PORT_IN_HOST, WARNING, SERVER,
                                "original", "[2001:db8::25]:587", "corrected", "2001:db8::25", "port", "587")),
                        serverAndPort("2001:db8::25", 587)),
                row("server: the user's address", b -> b.server("you@example.jp"),
                        List.of(f(INPUT_ADDRESS_IN_HOST, WARNING, SERVER,
                                "original", "you@example.jp", "corrected", "example.jp", "username", "you")),
                        server("example.jp")),
                row("server: mailto: link", b -> b.server("mailto:you@example.jp"),
                        List.of(f(INPUT_SCHEME_IN_HOST, WARNING, SERVER,
                                        "original", "mailto:you@example.jp", "corrected", "example.jp", "scheme", "mailto"),
                                f(INPUT_ADDRESS_IN_HOST, WARNING, SERVER,
                                        "original", "mailto:you@example.jp", "corrected", "example.jp", "username", "you")),
                        server("example.jp")),
                row("server: URL with user and password (password redacted)",
                        b -> b.server("smtp://you%40example.jp:Pw-in-url@mail.example.jp:587"),
                        List.of(f(INPUT_SCHEME_IN_HOST, WARNING, SERVER,
                                        "original", "smtp://you%40example.jp:***@mail.example.jp:587",
                                        "corrected", "mail.example.jp", "scheme", "smtp"),
                                f(INPUT_ADDRESS_IN_HOST, WARNING, SERVER,
                                        "original", "smtp://you%40example.jp:***@mail.example.jp:587",
                                        "corrected", "mail.example.jp", "username", "you%40example.jp"),
                                f(INPUT_PORT_IN_HOST, WARNING, SERVER,
                                        "original", "smtp://you%40example.jp:***@mail.example.jp:587",
                                        "corrected", "mail.example.jp", "port", "587")),
                        serverAndPort("mail.example.jp", 587)),
                row("server: trailing dot", b -> b.server("smtp.example.jp."),
                        List.of(f(INPUT_TRAILING_DOT, INFO, SERVER,
                                "original", "smtp.example.jp.", "corrected", "smtp.example.jp")),
                        server("smtp.example.jp")),

                // ---- incoming server, local server ----
                row("server: pop. is for receiving", b -> b.server("pop.example.jp"),
                        List.of(f(INPUT_INCOMING_SERVER, WARNING, SERVER,
                                "host", "pop.example.jp", "suggested", "smtp.example.jp")),
                        server("pop.example.jp")),
                row("server: imap4. under a second-level domain", b -> b.server("imap4.example.co.jp"),
                        List.of(f(INPUT_INCOMING_SERVER, WARNING, SERVER,
                                "host", "imap4.example.co.jp", "suggested", "smtp.example.co.jp")),
                        server("imap4.example.co.jp")),
                row("server: Lolipop's POP3 server in capitals", b -> b.server("POP3.lolipop.jp"),
                        List.of(f(INPUT_INCOMING_SERVER, WARNING, SERVER,
                                "host", "pop3.lolipop.jp", "suggested", "smtp.lolipop.jp")),
                        server("pop3.lolipop.jp")),
                row("server: full-width imap. name", b -> b.server("ｉｍａｐ．ｅｘａｍｐｌｅ．ｊｐ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, SERVER,
                                        "original", "ｉｍａｐ．ｅｘａｍｐｌｅ．ｊｐ", "corrected", "imap.example.jp"),
                                f(INPUT_INCOMING_SERVER, WARNING, SERVER,
                                        "host", "imap.example.jp", "suggested", "smtp.example.jp")),
                        server("imap.example.jp")),
                row("server: localhost", b -> b.server("localhost"),
                        List.of(f(INPUT_HOST_NOT_PUBLIC, WARNING, SERVER, "host", "localhost")),
                        server("localhost")),
                row("server: private IPv4 address", b -> b.server("192.168.1.10"),
                        List.of(f(INPUT_HOST_NOT_PUBLIC, WARNING, SERVER, "host", "192.168.1.10")),
                        server("192.168.1.10")),

                // ---- internationalised domain names ----
                row("server: Japanese IDN", b -> b.server("メール.例え.jp"),
                        List.of(f(INPUT_IDN, INFO, SERVER, "unicode", "メール.例え.jp", "ascii", "xn--4dkua4c.xn--r8jz45g.jp")),
                        server("xn--4dkua4c.xn--r8jz45g.jp")),
                row("server: full-width letters around an IDN label", b -> b.server("ｍａｉｌ．例え．ｊｐ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, SERVER,
                                        "original", "ｍａｉｌ．例え．ｊｐ", "corrected", "mail.xn--r8jz45g.jp"),
                                f(INPUT_IDN, INFO, SERVER, "unicode", "mail.例え.jp", "ascii", "mail.xn--r8jz45g.jp")),
                        server("mail.xn--r8jz45g.jp")),
                row("address: IDN domain", b -> b.address("you@例え.jp"),
                        List.of(f(INPUT_IDN, INFO, ADDRESS, "unicode", "例え.jp", "ascii", "xn--r8jz45g.jp")),
                        new SendAsSettings("you@xn--r8jz45g.jp", Optional.empty(), OptionalInt.empty(),
                                Optional.empty(), Optional.empty(), false)),

                // ---- servers that are not servers ----
                row("server: double dot", b -> b.server("smtp..example.jp"),
                        List.of(f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "smtp..example.jp")), null),
                row("server: words", b -> b.server("SMTP server: smtp.example.jp"),
                        List.of(f(INPUT_INNER_WHITESPACE, WARNING, SERVER,
                                        "original", "SMTP server: smtp.example.jp", "corrected", "SMTPserver"),
                                f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "SMTP server: smtp.example.jp")),
                        null),
                row("server: non-numeric port", b -> b.server("smtp.example.jp:smtp"),
                        List.of(f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "smtp.example.jp:smtp")), null),
                row("server: port 0", b -> b.server("smtp.example.jp:0"),
                        List.of(f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "smtp.example.jp:0")), null),
                row("server: scheme only", b -> b.server("smtp://"),
                        List.of(f(INPUT_SCHEME_IN_HOST, WARNING, SERVER,
                                        "original", "smtp://", "corrected", "", "scheme", "smtp"),
                                f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "smtp://")),
                        null),
                row("server: invalid IDN", b -> b.server("例え..jp"),
                        List.of(f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "例え..jp")), null),
                row("server: out-of-range IPv4", b -> b.server("192.0.2.300"),
                        List.of(f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "192.0.2.300")), null),

                // ---- address ----
                row("address: missing", b -> b.address(""),
                        List.of(f(INPUT_ADDRESS_MISSING, ERROR, ADDRESS)), null),
                row("address: only spaces is missing", b -> b.address(" \u3000"),
                        List.of(f(INPUT_ADDRESS_MISSING, ERROR, ADDRESS)), null),
                row("address: no at sign", b -> b.address("you.example.jp"),
                        List.of(f(INPUT_INVALID_ADDRESS, ERROR, ADDRESS, "original", "you.example.jp")), null),
                row("address: two at signs", b -> b.address("you@@example.jp"),
                        List.of(f(INPUT_INVALID_ADDRESS, ERROR, ADDRESS, "original", "you@@example.jp")), null),
                row("address: nothing before the at sign", b -> b.address("@example.jp"),
                        List.of(f(INPUT_INVALID_ADDRESS, ERROR, ADDRESS, "original", "@example.jp")), null),
                row("address: domain without a dot", b -> b.address("you@localhost"),
                        List.of(f(INPUT_INVALID_ADDRESS, ERROR, ADDRESS, "original", "you@localhost")), null),
                row("address: surrounding whitespace", b -> b.address(" you@example.jp\n"),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, ADDRESS,
                                "original", " you@example.jp[U+000A]", "corrected", ADDR)),
                        settings()),
                row("address: with a display name", b -> b.address("Taro Yamada <you@example.jp>"),
                        List.of(f(INPUT_ADDRESS_EXTRA_TEXT, WARNING, ADDRESS,
                                "original", "Taro Yamada <you@example.jp>", "corrected", ADDR)),
                        settings()),
                row("address: mailto:", b -> b.address("mailto:you@example.jp"),
                        List.of(f(INPUT_ADDRESS_EXTRA_TEXT, WARNING, ADDRESS,
                                "original", "mailto:you@example.jp", "corrected", ADDR)),
                        settings()),
                row("address: spaces inside", b -> b.address("you @ example.jp"),
                        List.of(f(INPUT_INNER_WHITESPACE, WARNING, ADDRESS,
                                "original", "you @ example.jp", "corrected", ADDR)),
                        settings()),
                row("address: domain lower-cased, local part kept", b -> b.address("You@Example.JP"),
                        none(), new SendAsSettings("You@example.jp", Optional.empty(), OptionalInt.empty(),
                                Optional.empty(), Optional.empty(), false)),
                row("address: trailing dot", b -> b.address("you@example.jp."),
                        List.of(f(INPUT_TRAILING_DOT, INFO, ADDRESS, "original", "you@example.jp.", "corrected", ADDR)),
                        settings()),

                // ---- port ----
                row("port: spaces around", b -> b.port(" 465 "),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, PORT, "original", " 465 ", "corrected", "465")),
                        port(465)),
                row("port: spaces inside", b -> b.port("5 8 7"),
                        List.of(f(INPUT_INNER_WHITESPACE, WARNING, PORT, "original", "5 8 7", "corrected", "587")),
                        port(587)),
                row("port: not offered by Gmail", b -> b.port("2525"),
                        List.of(f(INPUT_PORT_UNUSUAL, WARNING, PORT, "port", "2525")), port(2525)),
                row("security: unsecured on the submission port", b -> b.port("587").security("none"),
                        List.of(f(FindingCode.INPUT_UNSECURED_NOT_PORT_25, Severity.INFO, Field.SECURITY, "port", "587")),
                        new SendAsSettings(ADDR, Optional.empty(), OptionalInt.of(587), Optional.of(Security.NONE),
                                Optional.empty(), false)),
                row("port: not a number", b -> b.port("abc"),
                        List.of(f(INPUT_INVALID_PORT, ERROR, PORT, "original", "abc")), null),
                row("port: too large", b -> b.port("70000"),
                        List.of(f(INPUT_INVALID_PORT, ERROR, PORT, "original", "70000")), null),

                // ---- security ----
                row("security: unknown", b -> b.security("auto"),
                        List.of(f(INPUT_INVALID_SECURITY, ERROR, SECURITY, "original", "auto")), null),

                // ---- username ----
                row("username: only the local part", b -> b.username("you"),
                        List.of(f(INPUT_USERNAME_NOT_ADDRESS, WARNING, USERNAME, "username", "you", "address", ADDR)),
                        username("you")),
                row("username: local part in capitals", b -> b.username("YOU"),
                        List.of(f(INPUT_USERNAME_NOT_ADDRESS, WARNING, USERNAME, "username", "YOU", "address", ADDR)),
                        username("YOU")),
                row("username: KAGOYA account id is left alone", b -> b.username("kir000000.info"),
                        none(), username("kir000000.info")),
                row("username: leading space", b -> b.username(" you@example.jp"),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, USERNAME,
                                "original", " you@example.jp", "corrected", ADDR)),
                        username(ADDR)),
                row("username: local part, full-width", b -> b.username("ｙｏｕ"),
                        List.of(f(INPUT_FULL_WIDTH, WARNING, USERNAME, "original", "ｙｏｕ", "corrected", "you"),
                                f(INPUT_USERNAME_NOT_ADDRESS, WARNING, USERNAME, "username", "you", "address", ADDR)),
                        username("you")),
                row("username: not compared with an unusable address", b -> b.address("you").username("you"),
                        List.of(f(INPUT_INVALID_ADDRESS, ERROR, ADDRESS, "original", "you")), null),

                // ---- password: reported, never changed, never shown ----
                row("password: leading space", b -> b.password(pw(" secret")),
                        List.of(f(INPUT_PASSWORD_WHITESPACE, WARNING, PASSWORD, "position", "leading")),
                        withPassword()),
                row("password: trailing line break", b -> b.password(pw("secret\n")),
                        List.of(f(INPUT_PASSWORD_WHITESPACE, WARNING, PASSWORD, "position", "trailing")),
                        withPassword()),
                row("password: spaces at both ends", b -> b.password(pw("\tsecret ")),
                        List.of(f(INPUT_PASSWORD_WHITESPACE, WARNING, PASSWORD, "position", "both")),
                        withPassword()),
                row("password: a space inside is normal", b -> b.password(pw("correct horse")),
                        none(), withPassword()),
                row("password: full-width letters", b -> b.password(pw("ｓｅｃｒｅｔ")),
                        List.of(f(INPUT_PASSWORD_FULL_WIDTH, WARNING, PASSWORD)), withPassword()),
                row("password: kana typed with the IME on", b -> b.password(pw("ぱすわーど")),
                        List.of(f(INPUT_PASSWORD_FULL_WIDTH, WARNING, PASSWORD)), withPassword()),
                row("password: zero-width space inside", b -> b.password(pw("sec\u200Bret")),
                        List.of(f(INPUT_PASSWORD_INVISIBLE_CHARACTER, WARNING, PASSWORD)), withPassword()),
                row("password: BOM at the start", b -> b.password(pw("\uFEFFsecret")),
                        List.of(f(INPUT_PASSWORD_INVISIBLE_CHARACTER, WARNING, PASSWORD)), withPassword()),
                row("password: ideographic space before", b -> b.password(pw("\u3000secret")),
                        List.of(f(INPUT_PASSWORD_WHITESPACE, WARNING, PASSWORD, "position", "leading"),
                                f(INPUT_PASSWORD_FULL_WIDTH, WARNING, PASSWORD)),
                        withPassword()),

                // ---- everything at once, as pasted from a guide with the IME on ----
                row("a dialog full of mistakes",
                        b -> b.address(" ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ").server("smtp://pop.example.jp:587/").port("")
                                .security("TLS を使用したセキュリティで保護された接続（推奨）").username("you")
                                .password(pw("secret ")),
                        List.of(f(INPUT_SURROUNDING_WHITESPACE, WARNING, ADDRESS,
                                        "original", " ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ", "corrected", ADDR),
                                f(INPUT_FULL_WIDTH, WARNING, ADDRESS,
                                        "original", " ｙｏｕ＠ｅｘａｍｐｌｅ．ｊｐ", "corrected", ADDR),
                                f(INPUT_SCHEME_IN_HOST, WARNING, SERVER, "original", "smtp://pop.example.jp:587/",
                                        "corrected", "pop.example.jp", "scheme", "smtp"),
                                f(INPUT_PATH_IN_HOST, WARNING, SERVER, "original", "smtp://pop.example.jp:587/",
                                        "corrected", "pop.example.jp", "path", "/"),
                                f(INPUT_PORT_IN_HOST, WARNING, SERVER, "original", "smtp://pop.example.jp:587/",
                                        "corrected", "pop.example.jp", "port", "587"),
                                f(INPUT_INCOMING_SERVER, WARNING, SERVER,
                                        "host", "pop.example.jp", "suggested", "smtp.example.jp"),
                                f(INPUT_USERNAME_NOT_ADDRESS, WARNING, USERNAME, "username", "you", "address", ADDR),
                                f(INPUT_PASSWORD_WHITESPACE, WARNING, PASSWORD, "position", "trailing")),
                        new SendAsSettings(ADDR, Optional.of("pop.example.jp"), OptionalInt.of(587),
                                Optional.of(Security.TLS), Optional.of("you"), true)),
                row("several fatal errors are all reported",
                        b -> b.address("you").server("smtp server:").port("abc").security("auto"),
                        List.of(f(INPUT_INVALID_ADDRESS, ERROR, ADDRESS, "original", "you"),
                                f(INPUT_INNER_WHITESPACE, WARNING, SERVER,
                                        "original", "smtp server:", "corrected", "smtpserver"),
                                f(INPUT_INVALID_HOST, ERROR, SERVER, "original", "smtp server:"),
                                f(INPUT_INVALID_PORT, ERROR, PORT, "original", "abc"),
                                f(INPUT_INVALID_SECURITY, ERROR, SECURITY, "original", "auto")),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void lints(Row row) {
        LintResult result = InputLint.lint(typed(row));

        assertThat(result.findings()).containsExactlyElementsOf(row.findings());
        assertThat(result.findings()).allSatisfy(f -> assertThat(InputLint.CODES).contains(f.code()));
        if (row.settings() == null) {
            assertThat(result.usable()).isFalse();
            assertThat(result.settings()).isEmpty();
            assertThat(result.errors()).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(ERROR));
        } else {
            assertThat(result.usable()).isTrue();
            assertThat(result.errors()).isEmpty();
            assertThat(result.corrected()).isEqualTo(row.settings());
        }
    }

    /** Every code the lint declares is produced by some row, so every message is exercised. */
    @Test
    void theTableCoversEveryCode() {
        Set<FindingCode> seen = EnumSet.noneOf(FindingCode.class);
        rows().forEach(a -> seen.addAll(((Row) ((Named<?>) a.get()[0]).getPayload()).findings().stream()
                .map(Finding::code).toList()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(InputLint.CODES);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("securityLabels")
    void readsGmailsSecurityLabels(String typed, Security expected) {
        LintResult result = InputLint.lint(RawFields.builder().address(ADDR).security(typed).build());
        assertThat(result.findings()).isEmpty();
        assertThat(result.corrected().security()).contains(expected);
    }

    static Stream<Arguments> securityLabels() {
        return Stream.of(
                Arguments.of("ssl", Security.SSL),
                Arguments.of("SSL", Security.SSL),
                Arguments.of("ＳＳＬ", Security.SSL),
                Arguments.of(" tls\n", Security.TLS),
                Arguments.of("starttls", Security.TLS),
                Arguments.of("STARTTLS", Security.TLS),
                Arguments.of("none", Security.NONE),
                Arguments.of("SSL/TLS", Security.SSL),
                Arguments.of("Secured connection using TLS (recommended)", Security.TLS),
                Arguments.of("Secured connection using TLS", Security.TLS),
                Arguments.of("Secured connection using SSL", Security.SSL),
                Arguments.of("Unsecured connection", Security.NONE),
                Arguments.of("TLS を使用したセキュリティで保護された接続（推奨）", Security.TLS),
                Arguments.of("TLSを使用したセキュリティで保護された接続", Security.TLS),
                Arguments.of("SSL を使用したセキュリティで保護された接続", Security.SSL),
                Arguments.of("保護されていない接続", Security.NONE));
    }

    @Test
    void unusableInputHasNoCorrectedSettings() {
        LintResult result = InputLint.lint(RawFields.builder().address("you").build());
        assertThatThrownBy(result::corrected).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INPUT_INVALID_ADDRESS");
    }

    @Test
    void anEmptySecurityIsSearched() {
        assertThat(InputLint.lint(RawFields.builder().address(ADDR).security("  ").build()).corrected().security())
                .isEmpty();
    }

    @Test
    void findingsAreInDialogOrder() {
        LintResult result = InputLint.lint(RawFields.builder().address(" you@example.jp").server(" smtp.example.jp")
                .port(" 587").username(" you@example.jp").password(pw(" pw")).build());
        assertThat(result.findings()).extracting(f -> f.field().orElseThrow())
                .containsExactly(ADDRESS, SERVER, PORT, USERNAME, PASSWORD);
        assertThat(result.findings(SERVER)).hasSize(1);
    }

    // ---- helpers ----

    static Arguments row(String name, UnaryOperator<RawFields.Builder> typed, List<Finding> findings,
                         SendAsSettings settings) {
        return Arguments.of(Named.of(name, new Row(typed, findings, settings)));
    }

    static RawFields typed(Row row) {
        return row.typed().apply(RawFields.builder().address(ADDR)).build();
    }

    static Finding f(FindingCode code, Severity severity, Field field, String... args) {
        return Finding.of(code, severity, field, Finding.args(args));
    }

    static List<Finding> none() {
        return List.of();
    }

    static char[] pw(String s) {
        return s.toCharArray();
    }

    static SendAsSettings settings() {
        return new SendAsSettings(ADDR, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), false);
    }

    static SendAsSettings server(String host) {
        return new SendAsSettings(ADDR, Optional.of(host), OptionalInt.empty(), Optional.empty(), Optional.empty(), false);
    }

    static SendAsSettings serverAndPort(String host, int port) {
        return new SendAsSettings(ADDR, Optional.of(host), OptionalInt.of(port), Optional.empty(), Optional.empty(),
                false);
    }

    static SendAsSettings port(int port) {
        return new SendAsSettings(ADDR, Optional.empty(), OptionalInt.of(port), Optional.empty(), Optional.empty(), false);
    }

    static SendAsSettings username(String username) {
        return new SendAsSettings(ADDR, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.of(username),
                false);
    }

    static SendAsSettings withPassword() {
        return new SendAsSettings(ADDR, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), true);
    }
}
