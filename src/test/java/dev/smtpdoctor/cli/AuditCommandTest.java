package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer;
import dev.smtpdoctor.hostile.ConcurrentSmtpServer.Behaviour;
import dev.smtpdoctor.testing.InMemoryDns;
import dev.smtpdoctor.testkit.HeldCertificate;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code audit} in-process against real checks of loopback servers: one record per line with what the record
 * schema promises (ports and modes that answer, STARTTLS, AUTH before TLS, the certificate and its expiry, SPF,
 * DMARC, MX), the summary, the HTML page, --resume and CSV. Names are answered by a test resolver and an
 * in-memory DNS, never the machine's.
 */
class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per step: TLS handshakes on a loaded 2-CPU machine can take seconds; nothing here waits for it to pass. */
    private static final String TIMEOUT = "10";
    private static final HeldCertificate SECURE_CERT = HeldCertificate.builder().commonName("mail.secure.test")
            .addDnsName("mail.secure.test").signedBy(CliFixture.INTERMEDIATE).build();
    private static final HeldCertificate EXPIRING_CERT = HeldCertificate.builder().commonName("mail.expiring.test")
            .addDnsName("mail.expiring.test").validity(Instant.now().minus(Duration.ofDays(300)),
                    Instant.now().plus(Duration.ofDays(10))).signedBy(CliFixture.INTERMEDIATE).build();
    private static final List<ConcurrentSmtpServer> SERVERS = new ArrayList<>();
    private static final Map<String, Integer> PORTS = new HashMap<>();
    private static int closedPort;

    private static final String INPUT = "secure.test\nplain.test\n\nexpiring.test\nnothing.test\nthis is not a domain\n"
            + "mail.secure.test:587\nsecure.test\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void servers() throws Exception {
        machine("mail.secure.test", SECURE_CERT, Behaviour.IMPLICIT_TLS, Behaviour.STARTTLS, Behaviour.STARTTLS);
        machine("mail.plain.test", SECURE_CERT, Behaviour.PLAIN_WITH_AUTH, Behaviour.PLAIN_WITH_AUTH,
                Behaviour.PLAIN_WITH_AUTH);
        machine("mail.expiring.test", EXPIRING_CERT, null, Behaviour.STARTTLS, null);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    private static void machine(String host, HeldCertificate cert, Behaviour p465, Behaviour p587, Behaviour p25) {
        Behaviour[] b = {p465, p587, p25};
        int[] logical = {465, 587, 25};
        for (int i = 0; i < 3; i++) {
            if (b[i] != null) {
                ConcurrentSmtpServer s = new ConcurrentSmtpServer(b[i], cert, "PLAIN LOGIN",
                        ConcurrentSmtpServer.Answers.always("535 5.7.8 no"));
                SERVERS.add(s);
                PORTS.put(host + ":" + logical[i], s.port());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConcurrentSmtpServer s : SERVERS) {
            s.close();
        }
    }

    /** Known hosts go to their servers (a port without one is closed); every other name does not exist. */
    private static final Resolver RESOLVER = (host, port) -> {
        String h = host.toLowerCase();
        if (!h.startsWith("mail.") || !List.of("mail.secure.test", "mail.plain.test", "mail.expiring.test").contains(h)) {
            throw new UnknownHostException(host);
        }
        Integer p = PORTS.get(h + ":" + port);
        return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), p == null ? closedPort : p));
    };

    private static final Dns DNS = InMemoryDns.zone("""
            secure.test MX 10 mail.secure.test
            secure.test TXT "v=spf1 ip4:127.0.0.0/8 -all"
            _dmarc.secure.test TXT "v=DMARC1; p=reject"
            mail.secure.test A 127.0.0.1
            plain.test MX 10 mail.plain.test
            mail.plain.test A 127.0.0.1
            """);

    record Run(int exitCode, String out, String err) {
    }

    static Run audit(String stdin, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, false, Map.of());
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == AuditCommand.class ? cls.cast(new AuditCommand(RESOLVER, DNS))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        int code = Main.run(args.toArray(String[]::new), t, factory);
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> args(Path in, String... extra) {
        List<String> a = new ArrayList<>(List.of("--lang", "en", "audit", in.toString(), "--ca-file",
                CliFixture.CA_FILE.toString(), "--timeout", TIMEOUT, "--concurrency", "4"));
        a.addAll(List.of(extra));
        return a;
    }

    private static Map<Long, JsonNode> byLine(List<String> lines) throws Exception {
        Map<Long, JsonNode> out = new HashMap<>();
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            assertThat(out.put(n.get("line").asLong(), n)).as("two records for line " + n.get("line")).isNull();
        }
        return out;
    }

    private static JsonNode endpoint(JsonNode record, String host, int port, String security) {
        for (JsonNode s : record.get("servers")) {
            if (s.get("host").asText().equals(host)) {
                for (JsonNode e : s.get("endpoints")) {
                    if (e.get("port").asInt() == port && e.get("security").asText().equals(security)) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no " + host + ":" + port + "/" + security + " in " + record);
    }

    @Test
    void oneRecordPerLineWithWhatWasFoundThenResumeAddsNothing() throws Exception {
        Path in = Files.writeString(dir.resolve("domains.txt"), INPUT);
        Path out = dir.resolve("out.jsonl");
        Path html = dir.resolve("summary.html");

        Run run = audit("", args(in, "--out", out.toString(), "--html", html.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<Long, JsonNode> r = byLine(Files.readAllLines(out));
        assertThat(r.keySet()).containsExactlyInAnyOrder(1L, 2L, 4L, 5L, 6L, 7L, 8L);
        JsonNode secure = r.get(1L);
        assertThat(secure.get("verdict").asText()).as(secure.toString()).isEqualTo("secure");
        JsonNode ssl = endpoint(secure, "mail.secure.test", 465, "ssl");
        assertThat(ssl.get("tls").get("version").asText()).startsWith("TLSv1.");
        assertThat(ssl.get("tls").get("gmail_accepts").asBoolean()).isTrue();
        assertThat(ssl.get("tls").get("names").toString()).contains("mail.secure.test");
        assertThat(ssl.get("greeting_ms").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode starttls = endpoint(secure, "mail.secure.test", 587, "tls");
        assertThat(starttls.get("starttls_offered").asBoolean()).isTrue();
        assertThat(starttls.get("auth_before_tls")).isEmpty();
        assertThat(secure.get("domain").get("spf").get("status").asText()).isEqualTo("found");
        assertThat(secure.get("domain").get("dmarc").get("policy").asText()).isEqualTo("reject");
        assertThat(secure.get("domain").get("mx").get("hosts").toString()).contains("mail.secure.test");
        assertThat(secure.get("certificate_expiring").asBoolean()).isFalse();

        JsonNode plain = r.get(2L);
        assertThat(plain.get("verdict").asText()).as(plain.toString()).isEqualTo("insecure_only");
        JsonNode plain587 = endpoint(plain, "mail.plain.test", 587, "none");
        assertThat(plain587.get("starttls_offered").asBoolean()).isFalse();
        assertThat(plain587.get("auth_before_tls").toString()).contains("PLAIN");
        assertThat(plain.path("domain").path("dmarc").path("status").asText()).as(plain.toString()).isEqualTo("none");

        JsonNode expiring = r.get(4L);
        assertThat(expiring.get("certificate_expiring").asBoolean()).as(expiring.toString()).isTrue();
        assertThat(expiring.get("certificate_days_left").asLong()).isBetween(8L, 10L);

        assertThat(r.get(5L).get("verdict").asText()).isEqualTo("unreachable");
        assertThat(r.get(6L).get("verdict").asText()).isEqualTo("bad_line");
        assertThat(r.get(6L).get("problem").asText()).isEqualTo("not_a_domain_or_host");
        JsonNode server = r.get(7L);
        assertThat(server.get("target").get("server").asText()).isEqualTo("mail.secure.test");
        assertThat(server.has("domain")).isFalse();
        assertThat(r.get(8L).get("hash").asText()).isEqualTo(secure.get("hash").asText());

        assertThat(run.err()).contains("Audit finished: 7 records written").contains("secure: ")
                .contains("Certificates that expire within 30 days or have expired: 1").doesNotContain("Exception");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("unreachable")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");

        Run again = audit("", args(in, "--out", out.toString(), "--resume"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(7);
        assertThat(again.err()).contains("Audit finished: 0 records")
                .contains("Lines skipped because the output already has their record: 7");
    }

    @Test
    void csvFromStandardInputToStandardOutputInJapanese() throws Exception {
        List<String> a = new ArrayList<>(List.of("--lang", "ja", "audit", "-", "--format", "csv", "--ca-file",
                CliFixture.CA_FILE.toString(), "--timeout", TIMEOUT));
        Run run = audit("domain,server,port,security\nplain.test,mail.plain.test,587,none\n,,,\n", a);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = run.out().lines().toList();
        assertThat(rows.get(0)).startsWith("line,hash,input,verdict");
        assertThat(rows).hasSize(3);
        // Records come out as checks finish: the bad line at once, the check later.
        assertThat(rows.subList(1, 3)).anySatisfy(r -> assertThat(r).startsWith("2,").contains(",insecure_only,"))
                .anySatisfy(r -> assertThat(r).startsWith("3,").contains(",bad_line,nothing_to_check,"));
        assertThat(run.err()).contains("監査が終わりました。").contains("2 件の結果を書き出しました")
                .contains("暗号化なしでのみ送信できる: 1 件");
    }

    @Test
    void anOutputThatExistsIsContinuedOnlyWithResume() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "nothing.test\n");
        Path out = Files.writeString(dir.resolve("out.jsonl"), "{}\n");

        Run run = audit("", args(in, "--out", out.toString()));

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("already exists").contains("--resume");
        assertThat(Files.readString(out)).isEqualTo("{}\n");
    }

    @Test
    void badOptionsAreUsageErrorsInBothLanguages() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "example.test\n");
        Object[][] cases = {
            {List.of("--shard", "2/2"), "not a valid --shard value", "--shard の値として正しくありません"},
            {List.of("--shard", "x"), "not a valid --shard value", "--shard の値として正しくありません"},
            {List.of("--resume"), "--resume needs --out", "--resume には --out FILE が必要です"},
            {List.of("--format", "xml"), "not a valid --format", "--format の値として正しくありません"},
            {List.of("--concurrency", "0"), "not a valid value for --concurrency", "--concurrency の値として正しくありません"},
            {List.of("--per-host", "many"), "not a valid value for --per-host", "--per-host の値として正しくありません"},
            {List.of("--connect-to", "a:b:c"), "not a valid --connect-to entry", "--connect-to の形式として正しくありません"},
            {List.of("--timeout", "0"), "not a valid timeout", "制限時間として正しくありません"},
        };
        for (Object[] c : cases) {
            for (String lang : List.of("en", "ja")) {
                List<String> a = new ArrayList<>(List.of("--lang", lang, "audit", in.toString()));
                @SuppressWarnings("unchecked")
                List<String> extra = (List<String>) c[0];
                a.addAll(extra);
                Run run = audit("", a);
                assertThat(run.exitCode()).as(a + run.err()).isEqualTo(64);
                assertThat(run.err()).as(a.toString()).contains((String) c[lang.equals("en") ? 1 : 2])
                        .doesNotContain("Exception");
            }
        }
        Run missing = audit("", List.of("--lang", "en", "audit", dir.resolve("nope.txt").toString()));
        assertThat(missing.exitCode()).isEqualTo(64);
        assertThat(missing.err()).contains("Cannot read the input file");
    }
}
