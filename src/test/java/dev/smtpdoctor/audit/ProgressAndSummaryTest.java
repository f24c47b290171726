package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.report.Messages;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line, the bar, the summary and the HTML page, from a snapshot of the counts; both languages. */
class ProgressAndSummaryTest {

    private static final Messages EN = Messages.forLocale(Locale.ENGLISH);
    private static final Messages JA = Messages.forLocale(Locale.JAPANESE);

    private static Tally.Snapshot snapshot(long secure, long insecure, long unreachable, long millis) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0L);
        }
        counts.put(Verdict.SECURE, secure);
        counts.put(Verdict.INSECURE_ONLY, insecure);
        counts.put(Verdict.UNREACHABLE, unreachable);
        return new Tally.Snapshot(Map.copyOf(counts), 3, 40, 7, millis);
    }

    @Test
    void theLineSaysDoneOfTotalRateTimeLeftAndCounts() {
        Tally.Snapshot s = snapshot(300, 150, 50, 10_000);

        assertThat(Progress.line(s, 2000, EN)).isEqualTo("500 of 2000 checked, 50.0 per second, 30 s left  "
                + "secure: 300, insecure only: 150, unreachable: 50");
        assertThat(Progress.bar(s, 2000, EN)).startsWith("[######------------------] 500 of 2000");
        assertThat(Progress.line(s, -1, EN)).startsWith("500 checked, 50.0 per second  secure: 300");
        assertThat(Progress.line(snapshot(0, 0, 0, 0), 10, EN)).contains("time left unknown");
        assertThat(Progress.line(s, 2000, JA)).isEqualTo("2000 件中 500 件を確認しました（毎秒 50.0 件、残り 30 秒）  "
                + "安全に送信できる: 300 件、暗号化なしでのみ送信できる: 150 件、接続できない: 50 件");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Progress.duration(5_000, EN)).isEqualTo("5 s");
        assertThat(Progress.duration(185_000, EN)).isEqualTo("3 min 05 s");
        assertThat(Progress.duration(3_725_000, EN)).isEqualTo("1 h 02 min");
        assertThat(Progress.duration(185_000, JA)).isEqualTo("3 分 05 秒");
    }

    @Test
    void theSummaryCountsEveryVerdictAndWhatWasSkipped() {
        Tally.Snapshot s = snapshot(300, 150, 50, 10_000);

        assertThat(Summary.lines(s, EN)).containsSubsequence(
                "Audit finished: 500 records written in 10 s (50.0 per second).", "  secure: 300",
                "  insecure only: 150", "  timed out: 0",
                "Certificates that expire within 30 days or have expired: 3",
                "Lines skipped because the output already has their record: 40", "Lines left to the other shards: 7");
        assertThat(Summary.lines(s, JA).get(0)).isEqualTo("監査が終わりました。10 秒で 500 件の結果を書き出しました（毎秒 50.0 件）。");
    }

    @Test
    void theHtmlPageIsSelfContainedAndEscaped() {
        String page = HtmlReport.page(snapshot(300, 150, 50, 10_000), EN, "<script>alert(1)</script>.txt",
                new Shard(1, 4), "2026-12-05T00:00:00Z");

        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("Shard 1/4.")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.txt").doesNotContain("<script>")
                .doesNotContain("src=").doesNotContain("href=").doesNotContain("@import");
        // The longest bar is the largest count; a zero count has no bar.
        assertThat(page).contains("width=\"420\" height=\"20\" fill=\"#2e7d32\"")
                .contains("width=\"210\" height=\"20\" fill=\"#ef6c00\"").contains("width=\"0\" height=\"20\" fill=\"#8e24aa\"");
        assertThat(HtmlReport.page(snapshot(1, 0, 0, 1), JA, "in.txt", Shard.ALL, "t")).contains("lang=\"ja\"")
                .contains("判定ごとの件数").doesNotContain("シャード 0/1");
        assertThat(HtmlReport.page(snapshot(1, 0, 0, 1), JA, "in.txt", new Shard(1, 4), "t")).contains("。シャード 1/4。");
    }

    @Test
    void theBarFitsOneScreenLineInEitherLanguage() {
        assertThat(Progress.fit("[####] 500 of 2000 checked", 10)).isEqualTo("[####] 500");
        assertThat(Progress.fit("2000 件中 500 件", 10)).isEqualTo("2000 件中 ");
        assertThat(Progress.fit("short", 80)).isEqualTo("short");
        assertThat(Progress.columns("132")).isEqualTo(132);
        assertThat(Progress.columns(null)).isEqualTo(80);
        assertThat(Progress.columns("wide")).isEqualTo(80);
    }
}
