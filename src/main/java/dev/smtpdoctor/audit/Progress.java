package dev.smtpdoctor.audit;

import dev.smtpdoctor.report.Messages;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit's progress on standard error while it runs: a bar redrawn in place when a person watches a terminal
 * (done/total, rate, time left, counts by verdict), otherwise one plain line every {@code interval} (for logs of
 * batch jobs). A daemon thread draws; {@link #close()} stops it and clears the bar. The texts are pure
 * functions ({@link #line}, {@link #bar}) of a {@link Tally.Snapshot}.
 */
public final class Progress implements AutoCloseable {

    /** Verdicts shown while running, in this order (the rest only in the summary). */
    static final List<Verdict> SHOWN = List.of(Verdict.SECURE, Verdict.INSECURE_ONLY, Verdict.NOTHING_WORKS,
            Verdict.UNREACHABLE, Verdict.TIMEOUT, Verdict.BAD_LINE, Verdict.ERROR);
    private static final int BAR_WIDTH = 24;

    private final Tally tally;
    private final PrintWriter err;
    private final Messages messages;
    private final boolean terminal;
    private final Duration interval;
    private final Thread ticker;
    private final int columns;
    private volatile boolean stopped;

    public Progress(Tally tally, PrintWriter err, Messages messages, boolean terminal, Duration interval) {
        this.tally = tally;
        this.err = err;
        this.messages = messages;
        this.terminal = terminal;
        this.interval = interval;
        this.ticker = Thread.ofPlatform().daemon().name("audit-progress").unstarted(this::tick);
        this.columns = columns(System.getenv("COLUMNS"));
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else 80. */
    static int columns(String env) {
        try {
            int c = env == null ? 80 : Integer.parseInt(env.strip());
            return c >= 20 && c <= 1000 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** {@code text} cut to {@code width} screen columns; CJK and full-width characters take two. */
    static String fit(String text, int width) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = wide(cp) ? 2 : 1;
            if (used + w > width) {
                break;
            }
            b.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    public Progress start() {
        ticker.start();
        return this;
    }

    private void tick() {
        while (!stopped) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            Tally.Snapshot s = tally.snapshot();
            synchronized (err) {
                if (terminal) {
                    // One screen line: a wrapped bar could not be redrawn in place.
                    err.print("\r\033[K" + fit(bar(s, tally.total(), messages), columns - 1));
                } else {
                    err.println(line(s, tally.total(), messages));
                }
                err.flush();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        ticker.interrupt();
        ticker.join(2000);
        if (terminal) {
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    /** One plain line: done of total, rate, time left, counts. */
    static String line(Tally.Snapshot s, long total, Messages m) {
        double rate = rate(s);
        String head = total >= 0
                ? m.get("audit.progress", String.valueOf(s.done()), String.valueOf(total), format(rate), eta(s, total, rate, m))
                : m.get("audit.progress.no-total", String.valueOf(s.done()), format(rate));
        return head + "  " + counts(s, m);
    }

    /** The terminal form: a bar, then the same as {@link #line}. */
    static String bar(Tally.Snapshot s, long total, Messages m) {
        if (total <= 0) {
            return line(s, total, m);
        }
        int filled = (int) Math.min(BAR_WIDTH, s.done() * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + line(s, total, m);
    }

    static String counts(Tally.Snapshot s, Messages m) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : SHOWN) {
            long n = s.count(v);
            if (n > 0 || v == Verdict.SECURE) {
                parts.add(m.get("audit.count", m.get("audit.verdict." + v.id()), String.valueOf(n)));
            }
        }
        return String.join(m.get("audit.count.separator"), parts);
    }

    static double rate(Tally.Snapshot s) {
        return s.millis() <= 0 ? 0 : s.done() * 1000.0 / s.millis();
    }

    static String format(double rate) {
        return rate >= 100 ? String.valueOf(Math.round(rate)) : String.format(java.util.Locale.ROOT, "%.1f", rate);
    }

    static String eta(Tally.Snapshot s, long total, double rate, Messages m) {
        if (rate <= 0 || s.done() >= total) {
            return m.get("audit.eta.unknown");
        }
        return m.get("audit.eta", duration((long) ((total - s.done()) / rate * 1000), m));
    }

    /** 1 h 02 min, 3 min 05 s, 12 s — in the user's language. */
    static String duration(long millis, Messages m) {
        long s = Math.max(0, millis / 1000);
        if (s >= 3600) {
            return m.get("audit.duration.h", String.valueOf(s / 3600), String.format("%02d", (s % 3600) / 60));
        }
        if (s >= 60) {
            return m.get("audit.duration.min", String.valueOf(s / 60), String.format("%02d", s % 60));
        }
        return m.get("audit.duration.s", String.valueOf(s));
    }
}
