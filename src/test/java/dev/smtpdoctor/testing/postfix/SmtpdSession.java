package dev.smtpdoctor.testing.postfix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one listener's smtpd logged about one connection, from "connect from" to "disconnect from".
 * An smtpd process serves one connection at a time, so the lines between those two from the same
 * process id are that connection's. The disconnect line carries Postfix's per-command counters
 * (since Postfix 3.0), e.g. {@code ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5}: "auth=0/1" means
 * one AUTH command, which failed — the log's proof of how many AUTH attempts a client made.
 *
 * @param client the client as smtpd logs it, e.g. {@code unknown[127.0.0.1]:47238}
 * @param lines  the session's lines, "connect from" first, "disconnect from" last when it has ended
 */
public record SmtpdSession(Listener listener, long pid, String client, List<String> lines, boolean ended) {

    /** {@code <time> <host> postfix-it/<listener>/smtpd[<pid>]: <message>} */
    private static final Pattern LINE = Pattern.compile("^.*? (\\S+)/smtpd\\[(\\d+)]: (.*)$");
    private static final Pattern COUNTER = Pattern.compile("\\b([a-z]+)=(\\d+(?:/\\d+)?)");

    public SmtpdSession {
        lines = List.copyOf(lines);
    }

    /**
     * Cuts log lines into the sessions of {@code listener}, in the order they began; the last ones
     * may not have ended yet. Lines of a process before its first "connect from" (a session that
     * began before these lines) are dropped.
     */
    static List<SmtpdSession> parse(Listener listener, List<String> logLines) {
        String syslogName = PostfixConfig.SYSLOG_NAME + "/" + listener.id();
        Map<Long, SmtpdSession> open = new LinkedHashMap<>();
        List<SmtpdSession> order = new ArrayList<>();
        for (String line : logLines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches() || !m.group(1).equals(syslogName)) {
                continue;
            }
            long pid = Long.parseLong(m.group(2));
            String message = m.group(3);
            if (message.startsWith("connect from ")) {
                SmtpdSession s = new SmtpdSession(listener, pid, message.substring("connect from ".length()),
                        List.of(line), false);
                open.put(pid, s);
                order.add(s);
                continue;
            }
            SmtpdSession s = open.get(pid);
            if (s == null) {
                continue;
            }
            List<String> more = new ArrayList<>(s.lines);
            more.add(line);
            boolean end = message.startsWith("disconnect from ");
            SmtpdSession next = new SmtpdSession(listener, pid, s.client, more, end);
            order.set(order.indexOf(s), next);
            if (end) {
                open.remove(pid);
            } else {
                open.put(pid, next);
            }
        }
        return List.copyOf(order);
    }

    /** How many lines contain {@code text}. */
    public long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    /** The "disconnect from" line. */
    public String disconnectLine() {
        if (!ended) {
            throw new AssertionError("the session of " + client + " has not ended: " + lines);
        }
        return lines.get(lines.size() - 1);
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

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
