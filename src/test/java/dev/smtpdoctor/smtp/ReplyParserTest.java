package dev.smtpdoctor.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    private static RawLine bareLf(String text) {
        return new RawLine(text, true, false, false, false, false);
    }

    private static RawLine unterminated(String text) {
        return new RawLine(text, false, false, true, false, false);
    }

    @Test
    void singleLine() throws Exception {
        Reply r = ReplyParser.parse("250 OK\r\n");

        assertThat(r).isEqualTo(new Reply(250, Optional.empty(), List.of("OK"), List.of()));
        assertThat(r.isPositiveCompletion()).isTrue();
        assertThat(r.toWireText()).isEqualTo("250 OK");
    }

    @Test
    void codeAloneHasEmptyText() throws Exception {
        assertThat(ReplyParser.parse("250").lines()).containsExactly("");
    }

    @Test
    void multiLineEhloReply() throws Exception {
        Reply r = ReplyParser.parse("250-mail.example.test Hello [127.0.0.1]\r\n250-SIZE 35882577\r\n"
                + "250-8BITMIME\r\n250 STARTTLS\r\n");

        assertThat(r.code()).isEqualTo(250);
        assertThat(r.lines()).containsExactly("mail.example.test Hello [127.0.0.1]", "SIZE 35882577", "8BITMIME",
                "STARTTLS");
        assertThat(r.deviations()).isEmpty();
        assertThat(r.firstLine()).isEqualTo("mail.example.test Hello [127.0.0.1]");
        assertThat(r.toWireText()).isEqualTo(
                "250-mail.example.test Hello [127.0.0.1]\n250-SIZE 35882577\n250-8BITMIME\n250 STARTTLS");
    }

    @Test
    void preGreetingContinuationLinesBelongToTheGreeting() throws Exception {
        // Servers that delay on purpose (and some banners) send 220- lines long before the final 220.
        Reply r = ReplyParser.parse("220-mail.example.test ESMTP\r\n220-No UCE.\r\n220 ready\r\n");

        assertThat(r.code()).isEqualTo(220);
        assertThat(r.lines()).containsExactly("mail.example.test ESMTP", "No UCE.", "ready");
        assertThat(r.deviations()).isEmpty();
    }

    @Test
    void feedReturnsOnlyOnTheFinalLine() throws Exception {
        ReplyParser p = new ReplyParser();

        assertThat(p.feed(RawLine.of("220-first"))).isEmpty();
        assertThat(p.inProgress()).isTrue();
        assertThat(p.feed(RawLine.of("220 last"))).contains(
                new Reply(220, Optional.empty(), List.of("first", "last"), List.of()));
        assertThat(p.inProgress()).isFalse();
        // The parser is reusable for the next reply.
        assertThat(p.feed(RawLine.of("250 OK"))).contains(Reply.of(250, "OK"));
    }

    @Test
    void enhancedStatusCodeFromTheFirstLine() throws Exception {
        Reply r = ReplyParser.parse("535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 Learn more\r\n");

        assertThat(r.enhanced()).contains(new EnhancedStatus(5, 7, 8));
        assertThat(r.enhanced().orElseThrow().toString()).isEqualTo("5.7.8");
        assertThat(r.firstLine()).isEqualTo("5.7.8 Username and Password not accepted.");
    }

    @Test
    void enhancedStatusCodeAtEndOfText() throws Exception {
        assertThat(ReplyParser.parse("250 2.0.0").enhanced()).contains(new EnhancedStatus(2, 0, 0));
        assertThat(ReplyParser.parse("553 5.7.1 <you@example.test>: Sender address rejected").enhanced())
                .contains(new EnhancedStatus(5, 7, 1));
        assertThat(ReplyParser.parse("250 2.1.500 three-digit detail").enhanced())
                .contains(new EnhancedStatus(2, 1, 500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"250 OK", "250 3.1.0 class 3 does not exist", "250 2.1.0x", "250 2.1234.0 too long",
        "250 2.1 two parts", "250 v2.1.0", "250  2.1.0 leading space"})
    void noEnhancedStatusCode(String line) throws Exception {
        assertThat(ReplyParser.parse(line).enhanced()).isEmpty();
    }

    @Test
    void bareLfIsToleratedAndRecorded() throws Exception {
        ReplyParser p = new ReplyParser();
        p.feed(bareLf("250-mail.example.test"));

        Reply r = p.feed(bareLf("250 OK")).orElseThrow();

        assertThat(r.lines()).containsExactly("mail.example.test", "OK");
        assertThat(r.deviations()).containsExactly(Deviation.BARE_LF);
    }

    @Test
    void codeMismatchKeepsTheFirstCode() throws Exception {
        Reply r = ReplyParser.parse("250-mail.example.test\r\n251-SIZE 1000\r\n250 OK\r\n");

        assertThat(r.code()).isEqualTo(250);
        assertThat(r.lines()).containsExactly("mail.example.test", "SIZE 1000", "OK");
        assertThat(r.deviations()).containsExactly(Deviation.CODE_MISMATCH);
    }

    @Test
    void badSeparatorEndsTheReplyAndKeepsTheCharacter() throws Exception {
        Reply r = ReplyParser.parse("250_OK\r\n");

        assertThat(r.code()).isEqualTo(250);
        assertThat(r.lines()).containsExactly("_OK");
        assertThat(r.deviations()).containsExactly(Deviation.BAD_SEPARATOR);
    }

    @Test
    void missingSeparatorBeforeText() throws Exception {
        Reply r = ReplyParser.parse("220mail.example.test ESMTP");

        assertThat(r.lines()).containsExactly("mail.example.test ESMTP");
        assertThat(r.deviations()).containsExactly(Deviation.BAD_SEPARATOR);
    }

    @Test
    void missingFinalLineAtEndOfInput() throws Exception {
        Reply r = ReplyParser.parse("250-mail.example.test\r\n250-PIPELINING\r\n");

        assertThat(r.lines()).containsExactly("mail.example.test", "PIPELINING");
        assertThat(r.deviations()).containsExactly(Deviation.MISSING_FINAL_LINE);
    }

    @Test
    void unterminatedContinuationLineEndsTheReply() throws Exception {
        ReplyParser p = new ReplyParser();
        p.feed(RawLine.of("250-mail.example.test"));

        Reply r = p.feed(unterminated("250-PIPEL")).orElseThrow();

        assertThat(r.lines()).containsExactly("mail.example.test", "PIPEL");
        assertThat(r.deviations()).containsExactly(Deviation.MISSING_FINAL_LINE);
        assertThat(p.inProgress()).isFalse();
    }

    @Test
    void finalLineCutShortByTheConnectionIsNotReportedClean() throws Exception {
        // "220 ready for you" cut after "220 rea" by the server closing: the text is incomplete.
        Reply r = new ReplyParser().feed(unterminated("220 rea")).orElseThrow();

        assertThat(r.lines()).containsExactly("rea");
        assertThat(r.deviations()).containsExactly(Deviation.MISSING_FINAL_LINE);
    }

    @Test
    void deviationsInOrderOfAppearanceWithoutRepeats() throws Exception {
        ReplyParser p = new ReplyParser();
        p.feed(new RawLine("250-a", false, true, false, false, false));
        p.feed(new RawLine("251-b", true, false, false, false, true));
        p.feed(new RawLine("250-c\uFFFD", true, true, false, true, false));

        Reply r = p.feed(new RawLine("251 d", true, false, false, false, true)).orElseThrow();

        assertThat(r.deviations()).containsExactly(Deviation.LINE_TRUNCATED, Deviation.CODE_MISMATCH,
                Deviation.BARE_LF, Deviation.INVALID_UTF8, Deviation.CONTROL_CHARACTER);
    }

    @Test
    void deviationsDoNotCarryOverToTheNextReply() throws Exception {
        ReplyParser p = new ReplyParser();
        p.feed(bareLf("250 OK"));

        assertThat(p.feed(RawLine.of("250 OK")).orElseThrow().deviations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "25", "2a0 OK", "HTTP/1.1 400 Bad Request", "099 low", "199 one-hundreds",
        "600 too high", " 250 leading space", "\uFFFD\uFFFD\uFFFD garbage"})
    void notAReply(String line) {
        assertThatThrownBy(() -> new ReplyParser().feed(RawLine.of(line)))
                .isInstanceOfSatisfying(MalformedReplyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MalformedReplyException.Kind.NOT_A_REPLY);
                    assertThat(e.evidence()).isEqualTo(line);
                });
    }

    /** Not cut here: the prober masks echoes of the password first and cuts after (a cut could split an echo). */
    @Test
    void notAReplyEvidenceIsTheWholeLineAndStaysOutOfTheMessage() {
        String line = "x".repeat(500);

        assertThatThrownBy(() -> ReplyParser.parse(line))
                .isInstanceOfSatisfying(MalformedReplyException.class, e -> {
                    assertThat(e.evidence()).isEqualTo(line);
                    assertThat(e.truncated()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("NOT_A_REPLY");
                });
    }

    @Test
    void garbageInsideAMultiLineReplyIsRefusedAndResetsTheParser() throws Exception {
        ReplyParser p = new ReplyParser();
        p.feed(RawLine.of("250-mail.example.test"));

        assertThatThrownBy(() -> p.feed(RawLine.of("SIZE 1000")))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedReplyException.Kind.NOT_A_REPLY));
        assertThat(p.inProgress()).isFalse();
        assertThat(p.feed(RawLine.of("250 OK"))).contains(Reply.of(250, "OK"));
    }

    @Test
    void tooManyLines() throws Exception {
        ReplyParser p = new ReplyParser(3);
        p.feed(RawLine.of("220-one"));
        p.feed(RawLine.of("220-two"));

        assertThatThrownBy(() -> p.feed(RawLine.of("220-three")))
                .isInstanceOfSatisfying(MalformedReplyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MalformedReplyException.Kind.TOO_MANY_LINES);
                    assertThat(e.evidence()).isEqualTo("more than 3 lines");
                });
        assertThat(p.inProgress()).isFalse();
    }

    @Test
    void replyOfExactlyMaxLinesIsAccepted() throws Exception {
        ReplyParser p = new ReplyParser(3);
        p.feed(RawLine.of("220-one"));
        p.feed(RawLine.of("220-two"));

        assertThat(p.feed(RawLine.of("220 three")).orElseThrow().lines()).containsExactly("one", "two", "three");
    }

    @Test
    void defaultLimitIsAHundredLines() throws Exception {
        String hundred = "250-x\r\n".repeat(99) + "250 end\r\n";
        String hundredAndOne = "250-x\r\n".repeat(100) + "250 end\r\n";

        assertThat(ReplyParser.parse(hundred).lines()).hasSize(100);
        assertThatThrownBy(() -> ReplyParser.parse(hundredAndOne))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedReplyException.Kind.TOO_MANY_LINES));
    }

    @Test
    void noReplyAtAll() {
        assertThatThrownBy(() -> new ReplyParser().endOfInput())
                .isInstanceOfSatisfying(MalformedReplyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MalformedReplyException.Kind.NO_REPLY);
                    assertThat(e.evidence()).isEmpty();
                    assertThat(e.getMessage()).isEqualTo("NO_REPLY");
                });
    }

    @Test
    void parseIgnoresWhatFollowsTheFinalLine() throws Exception {
        assertThat(ReplyParser.parse("250 OK\r\n250 second reply\r\n")).isEqualTo(Reply.of(250, "OK"));
    }

    @Test
    void maxLinesMustBePositive() {
        assertThatThrownBy(() -> new ReplyParser(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replyValidatesItsParts() {
        assertThatThrownBy(() -> new Reply(99, Optional.empty(), List.of("x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply(250, Optional.empty(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replyClasses() {
        assertThat(Reply.of(334, "VXNlcm5hbWU6").isPositiveIntermediate()).isTrue();
        assertThat(Reply.of(454, "4.7.0 TLS not available").isTransientFailure()).isTrue();
        assertThat(Reply.of(554, "5.7.1 go away").isPermanentFailure()).isTrue();
        assertThat(Reply.of(554, "5.7.1 go away").enhanced()).contains(new EnhancedStatus(5, 7, 1));
    }
}
