package dev.smtpdoctor.bench;

import dev.smtpdoctor.matrix.CandidateProbe;
import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.StepRecord;
import dev.smtpdoctor.testing.postfix.PostfixServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link MatrixBenchmark} measured: every series by name (medians, spreads, which endpoint was
 * slowest) and the last check's per-probe timeline, printed as the tables docs/benchmarks.md quotes.
 * Single-threaded.
 */
final class BenchReport {

    /** docs/benchmarks.md, issue 3: the full check within 1.3 × its slowest single probe. */
    static final double TARGET_RATIO = 1.3;
    private final Map<String, List<Long>> series = new LinkedHashMap<>();
    private final List<Double> ratios = new ArrayList<>();
    private final Map<String, String> slowestNames = new LinkedHashMap<>();
    private final Map<Endpoint, String> swaksEndings = new LinkedHashMap<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private List<CandidateProbe> lastCells = List.of();
    private Map<Endpoint, long[]> lastSpans = Map.of();

    void add(String name, long ms) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
    }

    long last(String name) {
        List<Long> s = series.get(name);
        return s.get(s.size() - 1);
    }

    void record(long check, List<CandidateProbe> cells, Map<Endpoint, long[]> spans, Map<Endpoint, Long> same,
                Map<Endpoint, Long> lone, Map<Endpoint, Swaks.Run> swaksRuns) {
        add("check", check);
        lastCells = cells;
        lastSpans = Map.copyOf(spans);
        for (CandidateProbe cp : cells) {
            Endpoint e = cp.result().endpoint();
            if (!endpoints.contains(e)) {
                endpoints.add(e);
            }
            add("in-check " + e, cp.result().totalMillis());
            add("same " + e, same.get(e));
            add("lone " + e, lone.get(e));
        }
        slowest("check.slowest-inside", cells.stream().collect(Collectors.toMap(
                c -> c.result().endpoint(), c -> c.result().totalMillis())));
        long single = slowest("single.slowest", same);
        slowest("lone.slowest", lone);
        ratios.add((double) check / single);
        if (!swaksRuns.isEmpty()) {
            long total = 0;
            for (Map.Entry<Endpoint, Swaks.Run> r : swaksRuns.entrySet()) {
                add("swaks " + r.getKey(), r.getValue().millis());
                total += r.getValue().millis();
                swaksEndings.putIfAbsent(r.getKey(), "exit " + r.getValue().exitCode() + ": "
                        + r.getValue().lastLines());
            }
            add("swaks.total", total);
            slowest("swaks.slowest", swaksRuns.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, en -> en.getValue().millis())));
        }
    }

    private long slowest(String name, Map<Endpoint, Long> byEndpoint) {
        Map.Entry<Endpoint, Long> max = Collections.max(byEndpoint.entrySet(), Map.Entry.comparingByValue());
        add(name, max.getValue());
        slowestNames.merge(name, label(max.getKey()), (a, b) -> a.contains(b) ? a : a + ", " + b);
        return max.getValue();
    }

    void print(boolean withSwaks) {
        System.out.printf(Locale.ROOT, "%n%-62s %7s %7s %7s%n", "wall time, ms (" + series.get("check").size()
                + " iterations)", "median", "min", "max");
        row("full check: SmtpDoctor.diagnose, " + lastCells.size() + " cells", "check");
        row("  slowest probe inside it (" + slowestNames.get("check.slowest-inside") + ")", "check.slowest-inside");
        row("slowest single probe, same work, alone (" + slowestNames.get("single.slowest") + ")", "single.slowest");
        List<Double> r = new ArrayList<>(ratios);
        Collections.sort(r);
        System.out.printf(Locale.ROOT, "%-62s %7.2f %7.2f %7.2f   target <= %.2f: %s%n",
                "ratio: full check / slowest single probe", medianD(r), r.get(0), r.get(r.size() - 1), TARGET_RATIO,
                medianD(r) <= TARGET_RATIO ? "met" : "MISSED");
        row("slowest lone probe, AUTH wherever allowed (" + slowestNames.get("lone.slowest") + ")", "lone.slowest");
        if (withSwaks) {
            row("swaks: the " + swaksEndings.size() + " endpoints that resolve, one after another", "swaks.total");
            row("swaks: slowest endpoint alone (" + slowestNames.get("swaks.slowest") + ")", "swaks.slowest");
            row("swaks: start-up only (swaks --version)", "swaks.startup");
            double vs = (double) median(series.get("swaks.total")) / median(series.get("check"));
            System.out.printf(Locale.ROOT, "%-62s %7.2f%n", "swaks sequential / full check (medians)", vs);
        }

        System.out.printf(Locale.ROOT, "%nper endpoint, median ms     %9s %9s %9s %9s%n", "in check", "alone,",
                "alone,", withSwaks ? "swaks" : "");
        System.out.printf(Locale.ROOT, "%-27s %9s %9s %9s%n", "", "", "same work", "AUTH ok");
        for (Endpoint e : endpoints) {
            System.out.printf(Locale.ROOT, "%-27s %9d %9d %9d %9s%n", label(e), median(series.get("in-check " + e)),
                    median(series.get("same " + e)), median(series.get("lone " + e)),
                    series.containsKey("swaks " + e) ? String.valueOf(median(series.get("swaks " + e))) : "");
        }
        if (withSwaks) {
            System.out.println("\nswaks endings (first measured iteration):");
            swaksEndings.forEach((e, s) -> System.out.printf("  %-22s %s%n", label(e), s));
        }
        printTimeline();
    }

    /** The last check, probe by probe: when it started and ended in the check, and its steps. */
    private void printTimeline() {
        System.out.println("\nlast check, timeline (ms from the start of diagnose; steps: name start+duration):");
        for (CandidateProbe cp : lastCells) {
            ProbeResult r = cp.result();
            long[] span = lastSpans.getOrDefault(r.endpoint(), new long[] {-1, -1});
            StringBuilder steps = new StringBuilder();
            for (StepRecord s : r.steps()) {
                steps.append(' ').append(s.step().name().toLowerCase(Locale.ROOT)).append(' ')
                        .append(s.startMillis()).append('+').append(s.durationMillis()).append(s.ok() ? "" : "!");
            }
            System.out.printf(Locale.ROOT, "  %-22s %4d..%4d %-8s auth %-10s%s%n", label(r.endpoint()), span[0],
                    span[1], r.outcome().getClass().getSimpleName().replace("Completed", "ok"),
                    r.auth().status() == AuthResult.Status.NOT_REQUESTED ? "-" : r.auth().status(), steps);
        }
    }

    private void row(String label, String name) {
        List<Long> s = series.get(name);
        if (s == null) {
            return;
        }
        List<Long> sorted = new ArrayList<>(s);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-62s %7d %7d %7d%n", label, median(s), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    static String label(Endpoint e) {
        return (e.host().equals(PostfixServer.HOST) ? "" : e.host() + " ") + e.port() + "/" + e.security().id();
    }

    static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double medianD(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
