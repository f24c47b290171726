package dev.smtpdoctor.testing.postfix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one listener's smtpd logged about one connection, from "connect from" to "disconnect from".
 * The disconnect line carries Postfix's per-command counters (since Postfix 3.0), e.g.
 * {@code ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5}: "auth=0/1" means one AUTH command, which
 * failed — the log's proof of how many AUTH attempts a client made.
 *
 * @param lines every line the listener's smtpd logged since the mark, in order
 */
public record SmtpdSession(Listener listener, List<String> lines) {

    private static final Pattern COUNTER = Pattern.compile("\\b([a-z]+)=(\\d+(?:/\\d+)?)");

    public SmtpdSession {
        lines = List.copyOf(lines);
    }

    static boolean isDisconnect(Listener listener, String line) {
        return line.contains(listener.logTag()) && line.contains("]: disconnect from ");
    }

    /** How many lines contain {@code text}. */
    public long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    /** The "disconnect from" line. */
    public String disconnectLine() {
        return lines.stream().filter(l -> isDisconnect(listener, l)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no disconnect line: " + lines));
    }

    /**
     * The counters of the disconnect line: command name to "ok" or "ok/total" as Postfix prints them
     * ({@code auth=0/1} → "0/1"; {@code ehlo=2} → "2"). Commands not used are absent.
     */
    public Map<String, String> commandCounters() {
        String line = disconnectLine();
        String tail = line.substring(line.indexOf("disconnect from "));
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = COUNTER.matcher(tail);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** How many times the client sent {@code command} (e.g. "auth"), succeeded or not. */
    public int attempts(String command) {
        String v = commandCounters().get(command);
        if (v == null) {
            return 0;
        }
        int slash = v.indexOf('/');
        return Integer.parseInt(slash < 0 ? v : v.substring(slash + 1));
    }
}
