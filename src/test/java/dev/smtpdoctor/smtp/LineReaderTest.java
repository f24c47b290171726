package dev.smtpdoctor.smtp;

import dev.smtpdoctor.model.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.testing.FakeSmtpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Over a real loopback socket: the fake server sends exactly the bytes each test needs. */
class LineReaderTest {

    private static final Duration GENEROUS = Duration.ofSeconds(5);

    private final FakeSmtpServer server = new FakeSmtpServer();
    private Socket socket;

    @AfterEach
    void tearDown() throws Exception {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    private LineReader connect(ByteBudget budget, int maxLineBytes) throws Exception {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.port()), 2000);
        return new LineReader(socket, budget, maxLineBytes);
    }

    private LineReader connect() throws Exception {
        return connect(new ByteBudget(ByteBudget.DEFAULT_LIMIT), LineReader.DEFAULT_MAX_LINE_BYTES);
    }

    private static Deadline soon() {
        return Deadline.after(GENEROUS, "test");
    }

    private void sendRaw(String s) {
        server.sendRaw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void crlfLines() throws Exception {
        server.output("220-first", "220 second");
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("220-first"));
        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("220 second"));
    }

    @Test
    void bareLfIsFlagged() throws Exception {
        sendRaw("220 bare\n250 crlf\r\n");
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(new RawLine("220 bare", true, false, false, false, false));
        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("250 crlf"));
    }

    @Test
    void endOfStreamBeforeAnyByteIsNull() throws Exception {
        server.closeConnection();
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isNull();
        assertThat(reader.readLine(soon())).isNull();
    }

    @Test
    void lineCutByEndOfStreamIsUnterminated() throws Exception {
        sendRaw("220 rea");
        server.closeConnection();
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(new RawLine("220 rea", false, false, true, false, false));
        assertThat(reader.readLine(soon())).isNull();
    }

    @Test
    void longLineIsTruncatedAndTheRestDropped() throws Exception {
        sendRaw("250 " + "a".repeat(40) + "\r\n250 next\r\n");
        LineReader reader = connect(new ByteBudget(ByteBudget.DEFAULT_LIMIT), 16);

        RawLine first = reader.readLine(soon());
        assertThat(first.text()).isEqualTo("250 " + "a".repeat(12));
        assertThat(first.truncated()).isTrue();
        assertThat(first.bareLf()).as("the long line ended in CRLF").isFalse();
        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("250 next"));
    }

    @Test
    void lineExactlyAtTheLimitIsNotTruncated() throws Exception {
        sendRaw("250 " + "a".repeat(12) + "\r\n" + "250 " + "b".repeat(12) + "\n");
        LineReader reader = connect(new ByteBudget(ByteBudget.DEFAULT_LIMIT), 16);

        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("250 " + "a".repeat(12)));
        assertThat(reader.readLine(soon())).isEqualTo(
                new RawLine("250 " + "b".repeat(12), true, false, false, false, false));
    }

    @Test
    void lineOneByteOverTheLimitIsTruncated() throws Exception {
        sendRaw("250 " + "a".repeat(13) + "\r\n");
        LineReader reader = connect(new ByteBudget(ByteBudget.DEFAULT_LIMIT), 16);

        assertThat(reader.readLine(soon())).isEqualTo(
                new RawLine("250 " + "a".repeat(12), false, true, false, false, false));
    }

    @Test
    void carriageReturnJustPastTheLimitThatIsText() throws Exception {
        String full = "250 " + "a".repeat(12);
        sendRaw(full + "\rXY\r\n" + full + "\rXY\n");
        LineReader reader = connect(new ByteBudget(ByteBudget.DEFAULT_LIMIT), 16);

        assertThat(reader.readLine(soon())).isEqualTo(new RawLine(full, false, true, false, false, false));
        assertThat(reader.readLine(soon())).isEqualTo(new RawLine(full, true, true, false, false, false));
    }

    @Test
    void truncatedLongLineThatEndsInBareLf() throws Exception {
        sendRaw("250 " + "a".repeat(40) + "\n");
        LineReader reader = connect(new ByteBudget(ByteBudget.DEFAULT_LIMIT), 16);

        assertThat(reader.readLine(soon())).isEqualTo(
                new RawLine("250 " + "a".repeat(12), true, true, false, false, false));
    }

    @Test
    void lineLongerThanTheInternalBufferIsCutAtTheLimit() throws Exception {
        sendRaw("250 " + "z".repeat(20_000) + "\r\n250 after\r\n");
        LineReader reader = connect();

        RawLine first = reader.readLine(soon());
        assertThat(first.text()).hasSize(LineReader.DEFAULT_MAX_LINE_BYTES);
        assertThat(first.truncated()).isTrue();
        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("250 after"));
    }

    @Test
    void byteBudgetExceeded() throws Exception {
        sendRaw("250-filler\r\n".repeat(100));
        ByteBudget budget = new ByteBudget(300);
        LineReader reader = connect(budget, LineReader.DEFAULT_MAX_LINE_BYTES);

        assertThatThrownBy(() -> {
            while (reader.readLine(soon()) != null) {
                // keep reading until the budget stops us
            }
        }).isInstanceOfSatisfying(ReadLimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo(300);
            assertThat(e.getMessage()).isEqualTo("server sent more than 300 bytes");
        });
        assertThat(budget.spent()).isGreaterThan(300);
    }

    @Test
    void byteBudgetIsSharedAcrossReaders() throws Exception {
        // The second line is sent only after the client asks, so each reader reads exactly one line.
        sendRaw("250 0123456789\r\n");
        server.expect("NEXT");
        sendRaw("250 0123456789\r\n");
        ByteBudget budget = new ByteBudget(20);
        LineReader plain = connect(budget, 512);

        assertThat(plain.readLine(soon()).text()).isEqualTo("250 0123456789");
        assertThat(budget.spent()).isEqualTo(16);
        socket.getOutputStream().write("NEXT\r\n".getBytes(StandardCharsets.US_ASCII));
        // What a TLS upgrade does: a new reader over the same connection, with the probe's budget.
        LineReader upgraded = new LineReader(socket, budget, 512);
        assertThatThrownBy(() -> upgraded.readLine(soon())).isInstanceOf(ReadLimitExceededException.class);
        assertThat(budget.spent()).isEqualTo(32);
    }

    @Test
    void deadlineStopsAStallingServer() throws Exception {
        server.stall();
        LineReader reader = connect();
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> reader.readLine(Deadline.after(Duration.ofMillis(200), "greeting")))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200).plus(GENEROUS));
    }

    @Test
    void deadlineStopsADrippingServer() throws Exception {
        // 31 bytes at 40 ms each take 1.2 s; every single read returns in time, the deadline must still hold.
        server.drip("220 slowly, interminably ready\r\n", Duration.ofMillis(40));
        LineReader reader = connect();
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> reader.readLine(Deadline.after(Duration.ofMillis(300), "greeting")))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(300).plus(GENEROUS));
    }

    @Test
    void expiredDeadlineFailsWithoutReading() throws Exception {
        server.output("220 ready");
        LineReader reader = connect();
        Deadline past = new Deadline(System.nanoTime() - 1, "past");

        assertThatThrownBy(() -> reader.readLine(past)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void nulAndEscapeAreReplaced() throws Exception {
        sendRaw("220 a\u0000b\u001b[31mred\tend\r\n");
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(
                new RawLine("220 a\uFFFDb\uFFFD[31mred\tend", false, false, false, true, false));
    }

    @Test
    void c1ControlAndDelAreReplaced() throws Exception {
        // U+009B is CSI, which some terminals obey as ESC [.
        server.sendRaw("220 a\u009Bb\u007Fc\r\n".getBytes(StandardCharsets.UTF_8));
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(
                new RawLine("220 a\uFFFDb\uFFFDc", false, false, false, true, false));
    }

    @Test
    void strayCarriageReturnInsideALineIsReplaced() throws Exception {
        sendRaw("220 a\rb\r\n");
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(new RawLine("220 a\uFFFDb", false, false, false, true, false));
    }

    @Test
    void invalidUtf8IsFlaggedAndReplaced() throws Exception {
        server.sendRaw(new byte[] {'2', '2', '0', ' ', (byte) 0xff, 'o', 'k', (byte) 0xc3, '\r', '\n'});
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(
                new RawLine("220 \uFFFDok\uFFFD", false, false, false, false, true));
    }

    @Test
    void validUtf8IsKept() throws Exception {
        server.output("220 メールサーバー準備完了");
        LineReader reader = connect();

        assertThat(reader.readLine(soon())).isEqualTo(RawLine.of("220 メールサーバー準備完了"));
    }

    @Test
    void bufferedBytesAfterALineAreVisible() throws Exception {
        // One write: what a STARTTLS injection looks like from the client's side.
        server.output("220 go ahead", "250 injected");
        LineReader reader = connect();

        assertThat(reader.readLine(soon()).text()).isEqualTo("220 go ahead");
        assertThat(reader.hasBufferedBytes()).isTrue();
        assertThat(reader.readLine(soon()).text()).isEqualTo("250 injected");
        assertThat(reader.hasBufferedBytes()).isFalse();
    }

    @Test
    void budgetCountsEveryByteRead() throws Exception {
        server.output("220 ready");
        ByteBudget budget = new ByteBudget(ByteBudget.DEFAULT_LIMIT);
        LineReader reader = connect(budget, 512);

        reader.readLine(soon());

        assertThat(budget.spent()).isEqualTo("220 ready\r\n".length());
    }
}
