package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --resume: whole records count, a torn last line is cut off, a changed line is checked again. */
class ResumeIndexTest {

    @TempDir
    Path dir;

    private static Target target(long line, String text) {
        return LineParser.TEXT.parse(line, text, LineHash.of(text));
    }

    private static String record(Target t) {
        return AuditJson.line(new AuditOutcome(t, Verdict.UNREACHABLE, Optional.empty(), Optional.empty(),
                Instant.EPOCH, 5));
    }

    @Test
    void aMissingFileHasNothingDone() throws Exception {
        ResumeIndex idx = ResumeIndex.load(dir.resolve("none.jsonl"));

        assertThat(idx.records()).isZero();
        assertThat(idx.done(target(1, "example.jp"))).isFalse();
    }

    @Test
    void wholeRecordsAreDoneAndATornLastLineIsCutOff() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Target a = target(1, "a.example");
        Target b = target(2, "b.example");
        Target c = target(3, "c.example");
        String torn = record(c).substring(0, 40);
        Files.writeString(out, record(a) + "\n" + record(b) + "\n" + torn, StandardCharsets.UTF_8);

        ResumeIndex idx = ResumeIndex.load(out);

        assertThat(idx.records()).isEqualTo(2);
        assertThat(idx.truncatedBytes()).isEqualTo(torn.length());
        assertThat(idx.done(a)).isTrue();
        assertThat(idx.done(b)).isTrue();
        assertThat(idx.done(c)).isFalse();
        assertThat(Files.readString(out)).isEqualTo(record(a) + "\n" + record(b) + "\n");
    }

    @Test
    void aFileOfOnlyATornLineIsEmptied() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "{\"schema\":1,\"li");

        ResumeIndex idx = ResumeIndex.load(out);

        assertThat(idx.records()).isZero();
        assertThat(Files.size(out)).isZero();
    }

    @Test
    void aLineWhoseTextChangedIsNotDone() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, record(target(1, "old.example")) + "\n");

        ResumeIndex idx = ResumeIndex.load(out);

        assertThat(idx.done(target(1, "new.example"))).isFalse();
        assertThat(idx.done(target(2, "old.example"))).isFalse();
        assertThat(idx.done(target(1, "OLD.example"))).isTrue();
    }

    @Test
    void csvOutputIsReadAlike() throws Exception {
        Path out = dir.resolve("out.csv");
        Target a = target(7, "a.example");
        Target bad = Target.bad(9, "=cmd|x", LineHash.of("=cmd|x"), Target.Problem.NOT_A_DOMAIN_OR_HOST);
        Files.writeString(out, AuditCsv.header() + "\n"
                + AuditCsv.line(new AuditOutcome(a, Verdict.SECURE, Optional.empty(), Optional.empty(), Instant.EPOCH, 1))
                + "\n" + AuditCsv.line(AuditOutcome.badLine(bad, Instant.EPOCH)) + "\n");

        ResumeIndex idx = ResumeIndex.load(out);

        assertThat(idx.records()).isEqualTo(2);
        assertThat(idx.done(a)).isTrue();
        assertThat(idx.done(bad)).isTrue();
        assertThat(Files.readString(out)).contains("'=cmd|x");
    }

    @Test
    void garbageLinesAreNotRecords() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "hello\n{\"line\":\"x\"}\n{not json\n" + record(target(4, "d.example")) + "\n");

        ResumeIndex idx = ResumeIndex.load(out);

        assertThat(idx.records()).isEqualTo(1);
        assertThat(idx.done(target(4, "d.example"))).isTrue();
    }
}
