package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.diagnosis.Recommendation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with a stand-in check (no network): one whole record per line whatever happens, the bounds on
 * concurrency and per address, the deadline, resume and shards.
 */
class AuditRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Diagnosis diagnosis(Recommendation.Kind kind) {
        Recommendation r = new Recommendation(kind, Optional.empty(), List.of(), List.of(), Optional.empty(),
                Optional.empty());
        return new Diagnosis(Optional.empty(), List.of(), List.of(), Optional.of(new Assessment(List.of(), List.of(), r)),
                Instant.EPOCH, 1);
    }

    private static AuditInput input(String text) {
        return new AuditInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String lines(int n, String fmt) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(String.format(fmt, i)).append('\n');
        }
        return b.toString();
    }

    private List<JsonNode> records(Path out) throws Exception {
        List<JsonNode> r = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(out)) {
            r.add(JSON.readTree(l));
        }
        return r;
    }

    private AuditRunner runner(int concurrency, int perAddress, Duration deadline, Shard shard,
                               AuditRunner.Checker checker, AuditRunner.Keyer keyer) {
        return new AuditRunner(new AuditRunner.Settings(concurrency, perAddress, deadline, shard), checker, keyer,
                AuditJson::line, Clock.systemUTC());
    }

    @Test
    void everyLineGetsExactlyOneWholeRecordWhateverHappens() throws Exception {
        Path out = dir.resolve("out.jsonl");
        String in = "ok.example\nslow.example\nboom.example\nnot a domain\n\nok.example\n";
        AuditRunner.Checker checker = t -> switch (t.domain().orElseThrow()) {
            case "slow.example" -> {
                Thread.sleep(10_000);
                yield diagnosis(Recommendation.Kind.SECURE);
            }
            case "boom.example" -> throw new IllegalStateException("secret detail");
            default -> diagnosis(Recommendation.Kind.SECURE);
        };
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        try (RecordSink sink = RecordSink.append(out, null)) {
            runner(4, 2, Duration.ofMillis(300), Shard.ALL, checker, t -> "127.0.0.1")
                    .run(input(in), ResumeIndex.empty(), sink, tally);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));

        Map<Long, String> verdicts = new HashMap<>();
        for (JsonNode r : records(out)) {
            assertThat(verdicts.put(r.get("line").asLong(), r.get("verdict").asText())).as("duplicate " + r).isNull();
        }
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(1L, "secure", 2L, "timeout", 3L, "error",
                4L, "bad_line", 6L, "secure"));
        assertThat(Files.readString(out)).doesNotContain("secret detail").contains("\"error\":\"IllegalStateException\"")
                .contains("\"problem\":\"not_a_domain_or_host\"");
        assertThat(tally.done()).isEqualTo(5);
        assertThat(tally.count(Verdict.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void concurrencyAndThePerAddressLimitHold() throws Exception {
        Path out = dir.resolve("out.jsonl");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
        Map<String, Integer> perKeyPeak = new ConcurrentHashMap<>();
        AuditRunner.Keyer keyer = t -> "10.0.0." + (t.line() % 3);
        AuditRunner.Checker checker = t -> {
            String key = keyer.key(t);
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            int k = perKey.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
            perKeyPeak.merge(key, k, Math::max);
            Thread.sleep(20);
            perKey.get(key).decrementAndGet();
            running.decrementAndGet();
            return diagnosis(Recommendation.Kind.INSECURE_ONLY);
        };
        AuditRunner r = runner(8, 2, Duration.ofSeconds(5), Shard.ALL, checker, keyer);
        try (RecordSink sink = RecordSink.append(out, null)) {
            r.run(input(lines(120, "d%d.example")), ResumeIndex.empty(), sink, new Tally());
        }

        assertThat(records(out)).hasSize(120).allMatch(n -> n.get("verdict").asText().equals("insecure_only"));
        assertThat(peak.get()).as("checks at once").isLessThanOrEqualTo(6).isGreaterThan(1);
        assertThat(perKeyPeak.values()).as("checks at once per address").allMatch(n -> n <= 2);
        assertThat(r.peakPerAddress()).isEqualTo(2);
    }

    @Test
    void resumeSkipsWhatIsDoneAndShardsSplitTheRest() throws Exception {
        Path out = dir.resolve("out.jsonl");
        String in = lines(300, "d%d.example");
        AtomicInteger checks = new AtomicInteger();
        AuditRunner.Checker checker = t -> {
            checks.incrementAndGet();
            return diagnosis(Recommendation.Kind.NOTHING_WORKS);
        };
        // First run: only the first 100 lines (as if killed there).
        try (RecordSink sink = RecordSink.append(out, null)) {
            runner(4, 4, Duration.ofSeconds(5), Shard.ALL, checker, t -> "k")
                    .run(input(lines(100, "d%d.example")), ResumeIndex.empty(), sink, new Tally());
        }
        // Then the whole input, resumed, as two shards into the same file.
        for (int s = 0; s < 2; s++) {
            Tally tally = new Tally();
            try (RecordSink sink = RecordSink.append(out, null)) {
                runner(4, 4, Duration.ofSeconds(5), new Shard(s, 2), checker, t -> "k")
                        .run(input(in), ResumeIndex.load(out), sink, tally);
            }
            assertThat(tally.resumedCount() + tally.otherShardCount() + tally.done()).isEqualTo(300);
        }

        Set<Long> seen = new HashSet<>();
        for (JsonNode r : records(out)) {
            assertThat(seen.add(r.get("line").asLong())).as("line %s twice", r.get("line")).isTrue();
        }
        assertThat(seen).hasSize(300);
        assertThat(checks.get()).isEqualTo(300);
        // A second resumed run checks nothing.
        Tally again = new Tally();
        try (RecordSink sink = RecordSink.append(out, null)) {
            runner(4, 4, Duration.ofSeconds(5), Shard.ALL, checker, t -> "k")
                    .run(input(in), ResumeIndex.load(out), sink, again);
        }
        assertThat(again.done()).isZero();
        assertThat(again.resumedCount()).isEqualTo(300);
        assertThat(records(out)).hasSize(300);
    }

    @Test
    void manyWritersNeverInterleaveALine() throws Exception {
        Path out = dir.resolve("out.jsonl");
        try (RecordSink sink = RecordSink.append(out, null)) {
            runner(64, 64, Duration.ofSeconds(5), Shard.ALL, t -> diagnosis(Recommendation.Kind.SECURE), t -> "k" + t.line())
                    .run(input(lines(2000, "customer-%d." + "x".repeat(60) + "." + "y".repeat(60) + ".example")), ResumeIndex.empty(), sink,
                            new Tally());
        }
        List<String> all = Files.readAllLines(out);
        assertThat(all).hasSize(2000);
        for (String l : all) {
            assertThat(JSON.readTree(l).get("verdict").asText()).isEqualTo("secure");
        }
    }

    /** 100,000 lines through the runner (an instant check): one record each for one shard of four, nothing else. */
    @Test
    void aHundredThousandLinesInOneShardOfFour() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Tally tally = new Tally();
        try (RecordSink sink = RecordSink.append(out, null);
             AuditInput in = new AuditInput(new AuditInputTest.GeneratedInput(100_000))) {
            runner(16, 16, Duration.ofSeconds(5), new Shard(2, 4), t -> diagnosis(Recommendation.Kind.SECURE),
                    t -> "k").run(in, ResumeIndex.empty(), sink, tally);
        }
        assertThat(tally.done() + tally.otherShardCount()).isEqualTo(100_000);
        assertThat(tally.done()).isBetween(24_000L, 26_000L);
        long secure = tally.count(Verdict.SECURE);
        assertThat(tally.count(Verdict.BAD_LINE)).isEqualTo(tally.done() - secure).as("about a quarter of the 100 malformed lines").isBetween(5L, 50L);
        Set<Long> lines = new HashSet<>();
        try (var all = Files.lines(out)) {
            all.forEach(l -> lines.add(Long.parseLong(l.substring(l.indexOf("\"line\":") + 7, l.indexOf(",\"hash\"")))));
        }
        assertThat(lines).hasSize((int) tally.done());
    }
}
