package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security finding 5: one server reachable under every name, answering each EHLO with 99 lines of 8 KiB
 * of invalid UTF-8, once made a whole {@code check --json} print 158 MB and run out of memory. What a probe
 * and a check keep for the report is bounded ({@link Limits}), so the JSON and the text report stay small
 * whatever the server sends — while the probes still read every keyword (the server's STARTTLS is seen).
 */
class ReportSizeBoundsTest {

    private static final int LINES = 99;
    private static final int LINE_BYTES = 8 * 1024 - 16;

    private ServerSocket listener;
    private Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();

    /** Every connection: a greeting, the huge EHLO reply (STARTTLS announced last), 250 to the rest, 221 to QUIT. */
    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        byte[] junk = new byte[LINE_BYTES];
        Arrays.fill(junk, (byte) 0xFF);
        ByteArrayOutputStream ehlo = new ByteArrayOutputStream();
        for (int i = 0; i < LINES - 1; i++) {
            ehlo.writeBytes(("250-X" + i).getBytes(StandardCharsets.US_ASCII));
            ehlo.writeBytes(junk);
            ehlo.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        ehlo.writeBytes("250 PIPELINING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] ehloReply = ehlo.toByteArray();
        acceptor = Thread.ofVirtual().name("report-bounds-acceptor").start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().name("report-bounds-conn").start(() -> serve(s, ehloReply));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket s, byte[] ehloReply) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(20_000);
            out.write("220 huge.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String cmd = line.toString().strip().toUpperCase(java.util.Locale.ROOT);
                line.setLength(0);
                if (cmd.startsWith("EHLO")) {
                    out.write(ehloReply);
                } else if (cmd.startsWith("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                } else {
                    out.write("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
        } catch (IOException e) {
            // The client hung up (a TLS probe on a plaintext port): done.
        }
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        acceptor.join(5_000);
    }

    /** Every name, every port: this one server. */
    private Resolver everyName() {
        return (host, port) -> List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
    }

    private Cli.Run check(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "you@example.jp", "--server", "mail.example.jp",
                "--no-login", "--timeout", "10"));
        args.addAll(List.of(extra));
        return Cli.runCheck(everyName(), Map.of(), new ByteArrayInputStream(new byte[0]), args.toArray(String[]::new));
    }

    @Test
    void theJsonOfAWholeCheckStaysSmall() throws Exception {
        Cli.Run run = check("--json");

        int bytes = run.out().getBytes(StandardCharsets.UTF_8).length;
        JsonNode doc = ProbeJsonReader.parse(run.out());
        JsonNode probes = doc.get("probes");
        assertThat(probes.size()).as("probes").isGreaterThanOrEqualTo(12);
        assertThat(connections.get()).isGreaterThanOrEqualTo(12);
        // Without the bounds: about 2.4 MB of JSON per probe (the EHLO reply in the transcript, the keywords,
        // the step detail), ~50 MB in all.
        assertThat(bytes).as("JSON bytes").isLessThan(2_000_000);
        for (JsonNode p : probes) {
            assertThat(p.toString().getBytes(StandardCharsets.UTF_8).length).as("one probe's JSON")
                    .isLessThan(200_000);
            long kept = 0;
            for (JsonNode e : p.get("transcript")) {
                assertThat(e.get("text").asText().length()).isLessThanOrEqualTo(Limits.DEFAULT_KEPT_REPLY_CHARS + 64);
                kept += e.get("text").asText().length();
            }
            assertThat(kept).isLessThanOrEqualTo(Limits.DEFAULT_TRANSCRIPT_CHARS + 64);
            JsonNode ehlo = p.get("ehlo");
            if (ehlo != null && !ehlo.isNull()) {
                // Every keyword line was read: the last one, after 98 junk lines, is still seen.
                assertThat(ehlo.get("pipelining").asBoolean()).isTrue();
                assertThat(ehlo.get("keywords").toString().length()).isLessThan(16_000);
            }
        }
        // The cut says so.
        assertThat(run.out()).contains("not kept");
    }

    @Test
    void theTextReportStaysSmallEvenVerbose() {
        Cli.Run plain = check();
        Cli.Run verbose = check("-v");

        assertThat(plain.out().getBytes(StandardCharsets.UTF_8).length).isLessThan(200_000);
        assertThat(verbose.out().getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000_000);
        assertThat(verbose.out()).contains("not kept");
    }

    /** Jackson, as the CLI's own JSON tests read documents. */
    private static final class ProbeJsonReader {
        static JsonNode parse(String s) throws IOException {
            return dev.smtpdoctor.report.ProbeJson.mapper().readTree(s);
        }
    }
}
