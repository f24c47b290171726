package dev.smtpdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.web.WebServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code smtp-doctor serve}: what it prints when it starts, and its usage errors in both languages. */
class ServeCommandTest {

    /** Runs {@code serve}; the started server is handed to {@code whileRunning}, then stopped. */
    private static Cli.Run serve(java.util.function.Consumer<WebServer> whileRunning, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), null, false, Map.of());
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == ServeCommand.class ? cls.cast(new ServeCommand(whileRunning, DemoOptions.DEFAULT))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), t, factory);
        return new Cli.Run(code, out.toString(), err.toString());
    }

    @Test
    void itListensOnLoopbackAndSaysWhere() {
        AtomicReference<String> page = new AtomicReference<>();
        Cli.Run r = serve(s -> {
            try {
                page.set(dev.smtpdoctor.web.RawHttpAccess.get(s.uri()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "--port", "0", "--demo", "--lang", "ja");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(0);
        assertThat(r.out()).containsPattern("smtp-doctor のページは http://127\\.0\\.0\\.1:\\d+/ で開けます")
                .contains("デモモード", "Ctrl+C");
        assertThat(r.err()).isEmpty();
        assertThat(page.get()).contains("<html lang=\"ja\">", "id=\"scenario\"", "shared-hosting");
    }

    @Test
    void badValuesAreUsageErrorsInBothLanguages() {
        for (String[] c : new String[][] {
                {"--port", "70000", "not a port", "ポート番号"},
                {"--port", "http", "not a port", "ポート番号"},
                {"--bind", "localhost.example", "not an IP address", "IP アドレスではありません"},
                {"--bind", "cafe", "not an IP address", "IP アドレスではありません"},
                {"--bind", "dead.beef", "not an IP address", "IP アドレスではありません"},
                {"--bind", "127.1", "not an IP address", "IP アドレスではありません"},
                {"--bind", "2130706433", "not an IP address", "IP アドレスではありません"},
                {"--bind", "0.0.0.0", "every address at once", "すべてのアドレス"},
                {"--timeout", "0", "not a valid timeout", "制限時間として正しくありません"},
                {"--ca-file", "/nonexistent/ca.pem", "does not exist", "見つかりません"},
                {"--frobnicate", "x", "Unknown option", "不明なオプション"}}) {
            String port = c[0].equals("--port") ? "--open" : "--port=0";
            Cli.Run en = serve(s -> { }, c[0], c[1], port, "--lang", "en");
            assertThat(en.exitCode()).as(en.all()).isEqualTo(64);
            assertThat(en.err()).contains(c[2]).doesNotContain("Exception", "\tat ");
            Cli.Run ja = serve(s -> { }, c[0], c[1], port, "--lang", "ja");
            assertThat(ja.exitCode()).as(ja.all()).isEqualTo(64);
            assertThat(ja.err()).contains(c[3]).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void aTakenPortIsSaidPlainly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            Cli.Run r = serve(s -> { }, "--port", String.valueOf(taken.getLocalPort()), "--lang", "en");
            assertThat(r.exitCode()).isEqualTo(64);
            assertThat(r.err()).contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port")
                    .doesNotContain("\tat ");
        }
    }
}
