package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer;
import dev.smtpdoctor.testing.AuditZone;
import dev.smtpdoctor.testing.LoopbackDnsServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar ({@code java -jar target/smtp-doctor.jar audit}) as a separate process on a 2,000-line input,
 * killed with SIGKILL in the middle of the run ({@link Process#destroyForcibly()}) and resumed: every input line
 * ends with exactly one record, none twice — also split into two shards, one of them killed and resumed, the
 * outputs merged. Everything is on loopback: the names {@code d<i>.audit.test} are answered by a DNS server of
 * the test ({@code --dns-server}), and their mail servers' ports 587 and 25 go to one plain-text SMTP server of the
 * test, 465 to a closed port ({@code --connect-to}). Plain text keeps 2,000 checks cheap enough for a 2-CPU machine.
 */
class AuditKillResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TARGETS = 2000;
    private static final Path JAR = Path.of("target/smtp-doctor.jar");
    /** Bounds of waiting, never expected timings. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

    private static LoopbackDnsServer dns;
    private static ConcurrentSmtpServer plain;
    private static int closedPort;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        assertThat(JAR).as("the jar is built by `package` before the ITs run").exists();
        dns = LoopbackDnsServer.start(AuditZone.under("audit.test"));
        plain = new ConcurrentSmtpServer(ConcurrentSmtpServer.Behaviour.PLAIN_WITH_AUTH,
                HeldCertificate.builder().commonName("unused.test").build(), "PLAIN LOGIN",
                ConcurrentSmtpServer.Answers.always("535 5.7.8 no"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (plain != null) {
            plain.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    /**
     * The input: {@value #TARGETS} lines — domains, with a comment, blank lines, malformed lines and duplicates
     * among them. Returns the numbers of the lines that must get a record.
     */
    private static Set<Long> writeInput(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        Set<Long> expected = new TreeSet<>();
        for (int i = 1; i <= TARGETS; i++) {
            String line;
            if (i == 1) {
                line = "# customer domains";
            } else if (i % 250 == 0) {
                line = "";
            } else if (i % 97 == 0) {
                line = "not a domain " + i;
            } else if (i % 101 == 0) {
                line = "d" + (i - 1) + ".audit.test";
            } else {
                line = "d" + i + ".audit.test";
            }
            lines.add(line);
            if (!line.isEmpty() && !line.startsWith("#")) {
                expected.add((long) i);
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return expected;
    }

    private Process start(Path in, Path out, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", JAR.toString(), "--lang", "en", "audit", in.toString(), "--out", out.toString(),
                "--dns-server", dns.address(), "--connect-to", ":465::" + closedPort,
                "--connect-to", ":587::" + plain.port(), "--connect-to", ":25::" + plain.port(),
                "--timeout", "10", "--concurrency", "48", "--per-host", "48"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout-" + System.nanoTime()).toFile())
                .redirectError(dir.resolve("stderr-" + out.getFileName() + "-" + System.nanoTime()).toFile());
        pb.environment().remove("SMTP_DOCTOR_DEBUG");
        return pb.start();
    }

    /** Waits until {@code out} holds at least {@code records} lines (bounded), then kills the process with SIGKILL. */
    private static long killAfter(Process p, Path out, int records) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline && p.isAlive()) {
            n = Files.exists(out) ? lines(out) : 0;
            if (n >= records) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("still running after %d records (kill it in the middle)", n).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return lines(out);
    }

    private static long lines(Path f) throws IOException {
        try (var s = Files.lines(f)) {
            return s.count();
        }
    }

    private static String finish(Process p) throws Exception {
        assertThat(p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("finished within the bound").isTrue();
        return p.exitValue() + "";
    }

    /** Line number → how many records; every record must be whole JSON. */
    private static Map<Long, Integer> records(Path... outs) throws IOException {
        Map<Long, Integer> count = new HashMap<>();
        for (Path out : outs) {
            for (String l : Files.readAllLines(out)) {
                JsonNode n = JSON.readTree(l);
                assertThat(n.has("verdict")).as(l).isTrue();
                count.merge(n.get("line").asLong(), 1, Integer::sum);
            }
        }
        return count;
    }

    private String stderr(Path out) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.getFileName().toString().startsWith("stderr-" + out.getFileName() + "-"))
                    .sorted().toList()) {
                b.append(Files.readString(f));
            }
        }
        return b.toString();
    }

    @Test
    void killedMidRunAndResumedEveryLineHasExactlyOneRecord() throws Exception {
        Path in = dir.resolve("domains.txt");
        Path out = dir.resolve("out.jsonl");
        Set<Long> expected = writeInput(in);

        long before = killAfter(start(in, out), out, 400);
        // SIGKILL between two writes leaves whole lines; a kill inside a write (or a full disk) leaves a torn one.
        // Make one, as such a crash would: the resumed run must cut it off and check that input again.
        String torn = "{\"schema\":1,\"line\":99999,\"hash\":\"00";
        Files.writeString(out, torn, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Process resumed = start(in, out, "--resume");
        assertThat(finish(resumed)).as(stderr(out)).isEqualTo("0");

        Map<Long, Integer> r = records(out);
        assertThat(r.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.values()).allMatch(n -> n == 1);
        assertThat(Files.readString(out)).doesNotContain(torn);
        assertThat(stderr(out)).contains("was cut off (" + torn.length() + " bytes)")
                .contains("Lines skipped because the output already has their record: " + before)
                .doesNotContain("Exception");
        assertThat(Files.readString(out)).contains("\"verdict\":\"insecure_only\"").contains("\"verdict\":\"bad_line\"");
    }

    @Test
    void twoShardsOneKilledAndResumedMergeToExactlyOneRecordPerLine() throws Exception {
        Path in = dir.resolve("domains.txt");
        Set<Long> expected = writeInput(in);
        Path out0 = dir.resolve("shard-0.jsonl");
        Path out1 = dir.resolve("shard-1.jsonl");

        Process p0 = start(in, out0, "--shard", "0/2");
        Process p1 = start(in, out1, "--shard", "1/2");
        killAfter(p0, out0, 200);
        assertThat(finish(p1)).as(stderr(out1)).isEqualTo("0");
        assertThat(finish(start(in, out0, "--shard", "0/2", "--resume"))).as(stderr(out0)).isEqualTo("0");

        Map<Long, Integer> r0 = records(out0);
        Map<Long, Integer> r1 = records(out1);
        assertThat(r0.keySet()).doesNotContainAnyElementsOf(r1.keySet());
        assertThat(r0.size()).isBetween(expected.size() * 2 / 5, expected.size() * 3 / 5);
        Map<Long, Integer> merged = records(out0, out1);
        assertThat(merged.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(merged.values()).allMatch(n -> n == 1);
    }
}
