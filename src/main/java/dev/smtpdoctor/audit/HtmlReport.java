package dev.smtpdoctor.audit;

import dev.smtpdoctor.report.Messages;
import java.util.List;
import java.util.Map;

/**
 * The summary as one self-contained HTML page ({@code --html FILE}): the counts by verdict as a bar chart
 * drawn in inline SVG, the same counts as a table, and the certificates expiring — no script, no style sheet,
 * font or image from elsewhere, so it opens offline and can be mailed as it is. Every text is escaped. Pure.
 */
public final class HtmlReport {

    private static final Map<Verdict, String> COLOURS = Map.of(
            Verdict.SECURE, "#2e7d32", Verdict.INSECURE_ONLY, "#ef6c00", Verdict.NOTHING_WORKS, "#c62828",
            Verdict.UNREACHABLE, "#6d4c41", Verdict.TIMEOUT, "#8e24aa", Verdict.BAD_LINE, "#757575",
            Verdict.ERROR, "#212121");
    private static final int BAR_MAX = 420;
    private static final int ROW = 28;
    private static final int LABEL = 240;

    private HtmlReport() {
    }

    /**
     * @param input what was audited (the input file's name), shown in the heading
     * @param shard shown when the run was one shard of several
     */
    public static String page(Tally.Snapshot s, Messages m, String input, Shard shard, String generatedAt) {
        String title = m.get("audit.html.title");
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(m.japanese() ? "ja" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n")
                .append("<title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}")
                .append("td.n{text-align:right}</style>\n</head>\n<body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n<p>")
                .append(esc(m.get("audit.html.about", input, generatedAt)));
        if (shard.count() > 1) {
            // Japanese sentences follow each other without a space.
            b.append(m.japanese() ? "" : " ").append(esc(m.get("audit.html.shard", shard.toString())));
        }
        b.append("</p>\n<p>").append(esc(Summary.lines(s, m).get(0))).append("</p>\n");
        b.append(chart(s, m));
        b.append("<table>\n<tr><th>").append(esc(m.get("audit.html.verdict"))).append("</th><th>")
                .append(esc(m.get("audit.html.records"))).append("</th></tr>\n");
        for (Verdict v : Verdict.values()) {
            b.append("<tr><td>").append(esc(m.get("audit.verdict." + v.id()))).append("</td><td class=\"n\">")
                    .append(s.count(v)).append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (String line : Summary.lines(s, m).subList(1 + Verdict.values().length, Summary.lines(s, m).size())) {
            b.append("<p>").append(esc(line)).append("</p>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** A horizontal bar per verdict, longest = the largest count. */
    static String chart(Tally.Snapshot s, Messages m) {
        List<Verdict> vs = List.of(Verdict.values());
        long max = Math.max(1, vs.stream().mapToLong(s::count).max().orElse(1));
        int height = vs.size() * ROW + 10;
        int width = LABEL + BAR_MAX + 80;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n<title>").append(esc(m.get("audit.html.chart"))).append("</title>\n");
        int y = 5;
        for (Verdict v : vs) {
            long n = s.count(v);
            long w = n == 0 ? 0 : Math.max(2, n * BAR_MAX / max);
            b.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 18)
                    .append("\" text-anchor=\"end\" font-size=\"14\">").append(esc(m.get("audit.verdict." + v.id())))
                    .append("</text>\n<rect x=\"").append(LABEL).append("\" y=\"").append(y + 4).append("\" width=\"")
                    .append(w).append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(COLOURS.get(v))
                    .append("\"/>\n<text x=\"").append(LABEL + w + 6).append("\" y=\"").append(y + 18)
                    .append("\" font-size=\"14\">").append(n).append("</text>\n");
            y += ROW;
        }
        return b.append("</svg>\n").toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
