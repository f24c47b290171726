package dev.smtpdoctor.audit;

import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.model.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From one input line to a {@link Target}; pure. Two forms (docs/audit.md):
 * <ul>
 *   <li>text: a domain ({@code example.jp}), an address ({@code you@example.jp}), or a server with a port
 *       ({@code mail.example.jp:587}, {@code [2001:db8::25]:25}, {@code 192.0.2.25:465});</li>
 *   <li>CSV, when the first line is a header naming any of {@code domain}, {@code server}, {@code port},
 *       {@code security} (other columns are ignored): one value per column, quotes around a value allowed.</li>
 * </ul>
 */
public final class LineParser {

    public static final LineParser TEXT = new LineParser(-1, -1, -1, -1, 0);

    static final List<String> COLUMNS = List.of("domain", "server", "port", "security");
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[^\\]]+]|[^:\\[\\]]+):([^:]*)$");
    private static final Pattern LOCAL_PART = Pattern.compile("^[^\\s<>@\"(),;:\\[\\]\\\\]{1,64}$");

    private final int domain;
    private final int server;
    private final int port;
    private final int security;
    private final int width;

    private LineParser(int domain, int server, int port, int security, int width) {
        this.domain = domain;
        this.server = server;
        this.port = port;
        this.security = security;
        this.width = width;
    }

    /** A CSV header: a line with at least one of the known column names among its cells; else empty. */
    public static Optional<LineParser> header(String line) {
        List<String> cells = cells(line);
        int[] at = {-1, -1, -1, -1};
        for (int i = 0; i < cells.size(); i++) {
            int k = COLUMNS.indexOf(cells.get(i).toLowerCase(Locale.ROOT));
            if (k >= 0 && at[k] < 0) {
                at[k] = i;
            }
        }
        if (at[0] < 0 && at[1] < 0 && at[2] < 0 && at[3] < 0) {
            return Optional.empty();
        }
        return Optional.of(new LineParser(at[0], at[1], at[2], at[3], cells.size()));
    }

    public boolean csv() {
        return width > 0;
    }

    public Target parse(long line, String text, String hash) {
        return csv() ? parseCsv(line, text, hash) : parseText(line, text, hash);
    }

    private Target parseText(long line, String text, String hash) {
        String s = text.strip();
        if (s.indexOf('@') > 0) {
            int at = s.lastIndexOf('@');
            Optional<String> d = domainName(s.substring(at + 1));
            if (d.isEmpty() || !LOCAL_PART.matcher(s.substring(0, at)).matches()) {
                return Target.bad(line, text, hash, Target.Problem.NOT_A_DOMAIN_OR_HOST);
            }
            return target(line, text, hash, d, Optional.empty(), OptionalInt.empty(), Optional.empty(),
                    Optional.of(s.substring(0, at) + "@" + d.get()));
        }
        Matcher hp = HOST_PORT.matcher(s);
        if (hp.matches()) {
            Optional<String> h = HostName.parse(hp.group(1)).map(HostName::value);
            if (h.isEmpty()) {
                return Target.bad(line, text, hash, Target.Problem.NOT_A_DOMAIN_OR_HOST);
            }
            OptionalInt p = port(hp.group(2));
            if (p.isEmpty()) {
                return Target.bad(line, text, hash, Target.Problem.BAD_PORT);
            }
            return target(line, text, hash, Optional.empty(), h, p, Optional.empty(), Optional.empty());
        }
        Optional<HostName> ip = HostName.parse(s).filter(n -> HostName.isIpLiteral(n.value()));
        if (ip.isPresent()) {
            return target(line, text, hash, Optional.empty(), Optional.of(ip.get().value()), OptionalInt.empty(),
                    Optional.empty(), Optional.empty());
        }
        Optional<String> d = domainName(s);
        if (d.isEmpty()) {
            return Target.bad(line, text, hash, Target.Problem.NOT_A_DOMAIN_OR_HOST);
        }
        return target(line, text, hash, d, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    private Target parseCsv(long line, String text, String hash) {
        List<String> cells = cells(text);
        if (cells.size() > width) {
            return Target.bad(line, text, hash, Target.Problem.TOO_MANY_FIELDS);
        }
        String d = cell(cells, domain);
        String h = cell(cells, server);
        String p = cell(cells, port);
        String sec = cell(cells, security);
        if (d.isEmpty() && h.isEmpty()) {
            return Target.bad(line, text, hash, Target.Problem.NOTHING_TO_CHECK);
        }
        Optional<String> dom = Optional.empty();
        if (!d.isEmpty()) {
            dom = domainName(d);
            if (dom.isEmpty()) {
                return Target.bad(line, text, hash, Target.Problem.NOT_A_DOMAIN_OR_HOST);
            }
        }
        Optional<String> srv = Optional.empty();
        if (!h.isEmpty()) {
            srv = HostName.parse(h).map(HostName::value);
            if (srv.isEmpty()) {
                return Target.bad(line, text, hash, Target.Problem.NOT_A_DOMAIN_OR_HOST);
            }
        }
        OptionalInt po = OptionalInt.empty();
        if (!p.isEmpty()) {
            po = port(p);
            if (po.isEmpty()) {
                return Target.bad(line, text, hash, Target.Problem.BAD_PORT);
            }
        }
        Optional<Security> se = Optional.empty();
        if (!sec.isEmpty()) {
            se = Security.parse(sec);
            if (se.isEmpty()) {
                return Target.bad(line, text, hash, Target.Problem.BAD_SECURITY);
            }
        }
        return target(line, text, hash, dom, srv, po, se, Optional.empty());
    }

    private static Target target(long line, String text, String hash, Optional<String> domain, Optional<String> server,
                                 OptionalInt port, Optional<Security> security, Optional<String> address) {
        String a = address.orElseGet(() -> "postmaster@" + domain.orElseGet(server::get));
        return new Target(line, text, hash, domain, Optional.of(a), server, port, security, Optional.empty());
    }

    /** A mail domain: a host name with at least one dot, not an IP literal. */
    private static Optional<String> domainName(String raw) {
        return HostName.parse(raw).map(HostName::value)
                .filter(h -> h.indexOf('.') > 0 && !HostName.isIpLiteral(h) && HostName.isStrict(h));
    }

    private static OptionalInt port(String raw) {
        String p = raw.strip();
        if (!p.matches("\\d{1,5}")) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(p);
        return n >= 1 && n <= 65535 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    private static String cell(List<String> cells, int index) {
        return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }

    /** Comma-separated cells, each stripped, one pair of surrounding double quotes removed ("" inside is "). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }
}
