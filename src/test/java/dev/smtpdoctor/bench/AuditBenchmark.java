package dev.smtpdoctor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer.Behaviour;
import dev.smtpdoctor.testing.AuditZone;
import dev.smtpdoctor.testing.LoopbackDnsServer;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit benchmark (docs/benchmarks.md, "Bulk audit"): {@code smtp-doctor audit} of N domains against loopback
 * servers behind {@link DelayProxy} (the round trip of a distant server), records per second and peak RSS
 * ({@code /usr/bin/time -v}), beside swaks checking the same domains' three ports under {@code xargs -P} at the
 * same concurrency. A {@code main}, run by scripts/bench-audit.sh; never a test.
 *
 * <p>Every domain {@code d<i>.bench.test} has its mail server {@code mail.d<i>.bench.test} (a loopback DNS server
 * answers, {@link AuditZone}); its ports 465 (implicit TLS), 587 and 25 (STARTTLS) are three
 * {@link ConcurrentSmtpServer}s, each behind its own delaying proxy, reached with {@code --connect-to}. The
 * certificate is signed by a CA made for the run (given with {@code --ca-file}) for {@code mail.bench.test}: the
 * names do not match, as with a shared host's certificate.
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targets = 10_000;
        int concurrency = 50;
        int oneWayMs = 25;
        int swaksTargets = 1_000;
        Path jar = Path.of("target/smtp-doctor.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--targets" -> targets = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--one-way-ms" -> oneWayMs = Integer.parseInt(args[++i]);
                case "--swaks-targets" -> swaksTargets = Integer.parseInt(args[++i]);
                case "--no-swaks" -> swaksTargets = 0;
                case "--jar" -> jar = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--targets N --concurrency N --one-way-ms MS --swaks-targets N --no-swaks --jar FILE)");
            }
        }
        Path work = Files.createTempDirectory("smtp-doctor-bench-audit");
        HeldCertificate root = HeldCertificate.builder().commonName("smtp-doctor bench root").certificateAuthority(0)
                .build();
        HeldCertificate cert = HeldCertificate.builder().commonName("mail.bench.test").addDnsName("mail.bench.test")
                .signedBy(root).build();
        Path ca = root.writeCertificate(work.resolve("ca.pem"));
        Duration oneWay = Duration.ofMillis(oneWayMs);
        List<AutoCloseable> open = new ArrayList<>();
        try {
            LoopbackDnsServer dns = LoopbackDnsServer.start(AuditZone.under("bench.test"));
            open.add(dns);
            Map<Integer, Integer> proxies = new TreeMap<>();
            Behaviour[] kinds = {Behaviour.IMPLICIT_TLS, Behaviour.STARTTLS, Behaviour.STARTTLS};
            int[] ports = {465, 587, 25};
            for (int i = 0; i < 3; i++) {
                ConcurrentSmtpServer s = new ConcurrentSmtpServer(kinds[i], cert, "PLAIN LOGIN",
                        ConcurrentSmtpServer.Answers.always("535 5.7.8 no"));
                open.add(s);
                DelayProxy p = DelayProxy.start(new java.net.InetSocketAddress(s.address(), s.port()), oneWay, 2000);
                open.add(p);
                proxies.put(ports[i], p.port());
            }
            Path in = work.resolve("domains.txt");
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < targets; i++) {
                domains.add("d" + i + ".bench.test");
            }
            Files.write(in, domains, StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "audit benchmark: %d targets, concurrency %d, %d ms one way (%d ms RTT), "
                    + "load average at start %s, %d CPUs%n", targets, concurrency, oneWayMs, 2 * oneWayMs, loadAverage(),
                    Runtime.getRuntime().availableProcessors());

            Path out = work.resolve("out.jsonl");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", jar.toString(), "--lang", "en", "audit", in.toString(), "--out",
                    out.toString(), "--dns-server", dns.address(), "--ca-file", ca.toString(), "--timeout", "10",
                    "--concurrency", String.valueOf(concurrency), "--per-host", String.valueOf(concurrency)));
            proxies.forEach((logical, port) -> cmd.addAll(List.of("--connect-to", ":" + logical + "::" + port)));
            Timed audit = run(cmd, work.resolve("audit.stderr"));
            Map<String, Integer> verdicts = verdicts(out);
            System.out.printf(Locale.ROOT, "smtp-doctor audit: %d records in %.1f s = %.1f records/s, peak RSS %d MiB, "
                    + "CPU %.1f s user + %.1f s sys, exit %d, verdicts %s, DNS questions %d%n", lines(out), audit.seconds,
                    lines(out) / audit.seconds, audit.maxRssKb / 1024, audit.user, audit.sys, audit.exit, verdicts,
                    dns.questions());

            if (swaksTargets > 0) {
                int n = Math.min(swaksTargets, targets);
                Path list = work.resolve("swaks-domains.txt");
                Files.write(list, domains.subList(0, n), StandardCharsets.UTF_8);
                Path one = work.resolve("swaks-one.sh");
                Files.writeString(one, swaksScript(proxies, ca));
                Path results = work.resolve("swaks-results.txt");
                Timed swaks = run(List.of("/usr/bin/time", "-v", "sh", "-c", "xargs -P " + concurrency + " -n 1 sh "
                        + one + " < " + list + " > " + results), work.resolve("swaks.stderr"));
                System.out.printf(Locale.ROOT, "swaks (3 endpoints per domain, xargs -P %d): %d domains in %.1f s = "
                        + "%.1f domains/s, peak RSS of one process %d MiB, CPU %.1f s user + %.1f s sys, exit codes %s%n",
                        concurrency, n, swaks.seconds, n / swaks.seconds, swaks.maxRssKb / 1024, swaks.user, swaks.sys,
                        exitCodes(results));
            }
            System.out.println("load average at end: " + loadAverage() + "; files in " + work);
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    /** One domain: 465 implicit TLS, 587 STARTTLS, 25 STARTTLS, as far as RCPT TO, as a person would by hand. */
    private static String swaksScript(Map<Integer, Integer> proxies, Path ca) {
        String common = " --from postmaster@$d --to postmaster@$d --quit-after RCPT --timeout 10 --tls-verify"
                + " --tls-ca-path " + ca + " --tls-sni mail.$d >/dev/null 2>&1";
        return "d=$1\n"
                + "swaks --server 127.0.0.1:" + proxies.get(465) + " --tls-on-connect" + common + "; echo \"465 $?\"\n"
                + "swaks --server 127.0.0.1:" + proxies.get(587) + " --tls" + common + "; echo \"587 $?\"\n"
                + "swaks --server 127.0.0.1:" + proxies.get(25) + " --tls" + common + "; echo \"25 $?\"\n";
    }

    record Timed(double seconds, long maxRssKb, double user, double sys, int exit) {
    }

    private static Timed run(List<String> cmd, Path stderr) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        if (!p.waitFor(2, TimeUnit.HOURS)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not finish within 2 h: " + cmd);
        }
        String t = Files.readString(stderr);
        return new Timed(elapsed(t), number(t, "Maximum resident set size \\(kbytes\\): (\\d+)"),
                decimal(t, "User time \\(seconds\\): ([\\d.]+)"), decimal(t, "System time \\(seconds\\): ([\\d.]+)"),
                p.exitValue());
    }

    private static double elapsed(String t) {
        Matcher m = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)")
                .matcher(t);
        if (!m.find()) {
            throw new IllegalStateException("no elapsed time in: " + t);
        }
        int h = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return h * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private static long number(String t, String regex) {
        Matcher m = Pattern.compile(regex).matcher(t);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static double decimal(String t, String regex) {
        Matcher m = Pattern.compile(regex).matcher(t);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static long lines(Path f) throws IOException {
        try (var s = Files.lines(f)) {
            return s.count();
        }
    }

    private static Map<String, Integer> verdicts(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> m = new TreeMap<>();
        for (String l : Files.readAllLines(out)) {
            m.merge(json.readTree(l).get("verdict").asText(), 1, Integer::sum);
        }
        return m;
    }

    private static Map<String, Integer> exitCodes(Path results) throws IOException {
        Map<String, Integer> m = new TreeMap<>();
        for (String l : Files.readAllLines(results)) {
            m.merge(l, 1, Integer::sum);
        }
        return m;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
