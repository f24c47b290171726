package dev.smtpdoctor.cli;

import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.audit.AuditCsv;
import dev.smtpdoctor.audit.AuditInput;
import dev.smtpdoctor.audit.AuditJson;
import dev.smtpdoctor.audit.AuditOutcome;
import dev.smtpdoctor.audit.AuditRunner;
import dev.smtpdoctor.audit.CachingDns;
import dev.smtpdoctor.audit.Auditor;
import dev.smtpdoctor.audit.ConnectTo;
import dev.smtpdoctor.audit.HtmlReport;
import dev.smtpdoctor.audit.Progress;
import dev.smtpdoctor.audit.RecordSink;
import dev.smtpdoctor.audit.ResumeIndex;
import dev.smtpdoctor.audit.Shard;
import dev.smtpdoctor.audit.Summary;
import dev.smtpdoctor.audit.Tally;
import dev.smtpdoctor.audit.Target;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResolver;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.dns.OverridingResolver;
import dev.smtpdoctor.dns.ResolveOverride;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.http.SocketHttpFetcher;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.tls.TrustConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code smtp-doctor audit INPUT}: many domains or servers at once, for hosting providers and IT desks
 * (docs/audit.md). One record per input line, written whole as soon as it is known, so {@code --resume}
 * continues after a crash without losing or repeating one; {@code --shard I/N} splits the input across machines.
 */
@Command(name = "audit", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class AuditCommand implements Callable<Integer> {

    /** Sysexits EX_IOERR: the output could not be written (docs/exit-codes.md). */
    static final int IO_ERROR = 74;

    @ParentCommand
    SmtpDoctorCommand root;

    @Parameters(index = "0", paramLabel = "INPUT", descriptionKey = "arg.audit.input")
    String input;

    @Option(names = "--out", paramLabel = "FILE", descriptionKey = "opt.audit.out")
    Path out;

    @Option(names = "--format", paramLabel = "jsonl|csv", descriptionKey = "opt.audit.format")
    String format = "jsonl";

    @Option(names = "--concurrency", paramLabel = "N", descriptionKey = "opt.audit.concurrency")
    String concurrency = "32";

    @Option(names = "--per-host", paramLabel = "N", descriptionKey = "opt.audit.per-host")
    String perHost = "2";

    @Option(names = "--resume", descriptionKey = "opt.audit.resume")
    boolean resume;

    @Option(names = "--shard", paramLabel = "I/N", descriptionKey = "opt.audit.shard")
    String shard;

    @Option(names = "--html", paramLabel = "FILE", descriptionKey = "opt.audit.html")
    Path html;

    @Option(names = "--connect-to", paramLabel = "HOST1:PORT1:HOST2:PORT2", descriptionKey = "opt.audit.connect-to")
    List<String> connectTo = new ArrayList<>();

    @Mixin
    ConnectionOptions connection;

    @Mixin
    LanguageOption language;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    /** Tests only: every name and DNS question answered in-process; null in real runs. */
    private final Resolver testResolver;
    private final Dns testDns;

    public AuditCommand() {
        this(null, null);
    }

    AuditCommand(Resolver testResolver, Dns testDns) {
        this.testResolver = testResolver;
        this.testDns = testDns;
    }

    @Override
    public Integer call() throws Exception {
        Terminal term = root.terminal();
        Messages m = term.messages();
        boolean csv = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "jsonl", "json" -> false;
            case "csv" -> true;
            default -> throw new UsageException("error.audit.format", format);
        };
        int slots = number("--concurrency", concurrency, 1000);
        int perAddress = number("--per-host", perHost, 100);
        Shard slice = shard == null ? Shard.ALL
                : Shard.parse(Input.normalizeDigits(shard)).orElseThrow(() -> new UsageException("error.audit.shard", shard));
        if (resume && out == null) {
            throw new UsageException("error.audit.resume-needs-out");
        }
        if (!resume && out != null && Files.exists(out) && Files.size(out) > 0) {
            throw new UsageException("error.audit.out-exists", out);
        }
        boolean stdin = input.equals("-");
        Path in = stdin ? null : Path.of(input);
        if (in != null && (!Files.isRegularFile(in) || !Files.isReadable(in))) {
            throw new UsageException("error.audit.input", input);
        }
        List<ConnectTo> rules = new ArrayList<>();
        for (String c : connectTo) {
            rules.add(ConnectTo.parse(c).orElseThrow(() -> new UsageException("error.audit.connect-to", c)));
        }
        Timeouts timeouts = connection.timeouts();
        TrustConfig trust = connection.trust();
        // One DNS for everything the audit asks, cached (CachingDns): discovery, the domain checks and where the
        // probes connect (--resolve first). Without --dns-server, the system's resolvers through dnsjava.
        Dns dns = new CachingDns(testDns != null ? testDns : connection.dns().orElseGet(DnsjavaDns::system),
                DNS_TTL, DNS_ENTRIES);
        List<ResolveOverride> pins = connection.overrides();
        Resolver resolver = ConnectTo.resolver(rules, testResolver != null ? testResolver
                : new OverridingResolver(pins, new DnsResolver(dns)));
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(resolver).trust(trust).dns(dns)
                .httpFetcher(new SocketHttpFetcher(resolver, TrustConfig.system())).build();
        Auditor auditor = new Auditor(doctor, resolver, timeouts);

        ResumeIndex done = resume ? ResumeIndex.load(out) : ResumeIndex.empty();
        if (done.truncatedBytes() > 0) {
            term.err().println(m.get("audit.truncated", String.valueOf(done.truncatedBytes()), out));
        }
        Tally tally = new Tally();
        if (in != null) {
            tally.total(count(in, slice, done));
        }
        Function<AuditOutcome, String> render = csv ? AuditCsv::line : AuditJson::line;
        String header = csv ? AuditCsv.header() : null;
        AuditRunner runner = new AuditRunner(new AuditRunner.Settings(slots, perAddress, auditor.deadline(), slice),
                auditor, auditor, render, Clock.systemUTC());
        try (InputStream source = stdin ? term.stdin() : Files.newInputStream(in);
             AuditInput targets = new AuditInput(source);
             RecordSink sink = out != null ? RecordSink.append(out, header) : RecordSink.stream(stdout(term), header)) {
            Progress progress = new Progress(tally, term.err(), m, term.errIsTerminal(),
                    term.errIsTerminal() ? Duration.ofMillis(500) : Duration.ofSeconds(10)).start();
            try {
                runner.run(targets, done, sink, tally);
            } finally {
                progress.close();
            }
        } catch (IOException e) {
            term.err().println(m.get("error.audit.output", out == null ? "-" : out.toString()));
            return IO_ERROR;
        }
        Tally.Snapshot s = tally.snapshot();
        Summary.lines(s, m).forEach(term.err()::println);
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.page(s, m, stdin ? "-" : in.getFileName().toString(), slice,
                        java.time.Instant.now().toString()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                term.err().println(m.get("error.audit.output", html));
                return IO_ERROR;
            }
        }
        term.err().flush();
        return ExitCodes.SECURE;
    }

    /** Answers kept for a minute at most, 50,000 at most: a few MB, whatever the input's size. */
    private static final Duration DNS_TTL = Duration.ofSeconds(60);
    private static final int DNS_ENTRIES = 50_000;

    /** The records to write this run: the file's targets in this shard and not done yet (one streaming pass). */
    private static long count(Path in, Shard slice, ResumeIndex done) throws IOException {
        long n = 0;
        try (AuditInput targets = new AuditInput(Files.newInputStream(in))) {
            while (targets.hasNext()) {
                Target t = targets.next();
                if (slice.includes(t.hash()) && !done.done(t)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Records to standard output: raw bytes, one write per record (the terminal's writer is for text). */
    private static OutputStream stdout(Terminal term) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                term.out().print(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                term.out().flush();
            }
        };
    }

    private static int number(String option, String value, int max) {
        String v = Input.normalizeDigits(value.strip());
        if (!v.matches("\\d{1,6}")) {
            throw new UsageException("error.audit.number", option, value, String.valueOf(max));
        }
        int n = Integer.parseInt(v);
        if (n < 1 || n > max) {
            throw new UsageException("error.audit.number", option, value, String.valueOf(max));
        }
        return n;
    }
}
