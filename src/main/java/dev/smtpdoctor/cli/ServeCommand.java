package dev.smtpdoctor.cli;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.demo.DemoOptions;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.report.Language;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.web.CheckRunner;
import dev.smtpdoctor.web.DemoRunner;
import dev.smtpdoctor.web.WebConfig;
import dev.smtpdoctor.web.WebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code smtp-doctor serve}: the local web page ({@link WebServer}) over the same front door as {@code check}.
 * Listens on 127.0.0.1 only; {@code --bind} another address, with a warning. Runs until interrupted (Ctrl+C).
 */
@Command(name = "serve", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    SmtpDoctorCommand root;

    @Option(names = "--port", paramLabel = "PORT", descriptionKey = "opt.serve-port")
    String port;

    @Mixin
    LanguageOption language;

    @Option(names = "--open", descriptionKey = "opt.open")
    boolean open;

    @Option(names = "--demo", descriptionKey = "opt.demo")
    boolean demo;

    @Option(names = "--bind", paramLabel = "ADDRESS", descriptionKey = "opt.bind")
    String bind;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    /** Tests only: gets the running server and returns instead of waiting for Ctrl+C; null in real runs. */
    private final Consumer<WebServer> started;
    private final DemoOptions demoOptions;

    public ServeCommand() {
        this(null, DemoOptions.DEFAULT);
    }

    ServeCommand(Consumer<WebServer> started, DemoOptions demoOptions) {
        this.started = started;
        this.demoOptions = demoOptions;
    }

    @Override
    public Integer call() throws InterruptedException {
        Terminal term = root.terminal();
        Messages m = term.messages();
        int p = port();
        InetAddress address = bindAddress();
        CheckRunner runner;
        List<DemoRunner.Example> examples = List.of();
        if (demo) {
            DemoRunner d = new DemoRunner(demoOptions);
            runner = d;
            examples = d.examples();
        } else {
            runner = realRunner();
        }
        WebConfig config = new WebConfig(address, p, m.japanese() ? Language.JA : Language.EN, runner, examples,
                Version.current(), WebConfig.DEFAULT_MAX_DIAGNOSES, term.err());
        WebServer server;
        try {
            server = WebServer.start(config);
        } catch (IOException e) {
            throw new UsageException("error.serve-listen", address.getHostAddress() + ":" + p,
                    e.getClass().getSimpleName());
        }
        try {
            if (!address.isLoopbackAddress()) {
                term.err().println(m.get("serve.warning-bind", server.uri()));
            }
            term.out().println(m.get("serve.listening", server.uri()));
            if (demo) {
                term.out().println(m.get("serve.demo"));
            }
            term.out().println(m.get("serve.stop"));
            term.out().flush();
            term.err().flush();
            if (open) {
                openBrowser(term, m, server);
            }
            if (started != null) {
                started.accept(server);
                return ExitCodes.SECURE;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }));
            stop.await();
            return ExitCodes.SECURE;
        } finally {
            server.close();
        }
    }

    /** As {@code check}: --resolve, --dns-server, --ca-file, --timeout, with discovery and the domain checks. */
    private CheckRunner realRunner() {
        // The options are checked now (a usage error before anything listens); the front door, whose provider
        // knowledge and DNS set-up take the most time, is built while the page is already being served.
        Resolver resolver = connection.resolver();
        var trust = connection.trust();
        var timeouts = connection.timeouts();
        CompletableFuture<SmtpDoctor> doctor = CompletableFuture.supplyAsync(
                () -> CheckCommand.doctor(connection, resolver, trust), r -> Thread.ofVirtual().start(r));
        return (fields, scenario, trusted, listener) -> doctor.join().diagnose(
                new CheckRequest(fields, false, timeouts, List.of(), trusted), listener);
    }

    private int port() {
        if (port == null) {
            return WebConfig.DEFAULT_PORT;
        }
        try {
            int n = Integer.parseInt(Input.normalizeDigits(port.strip()));
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("error.serve-port", port);
    }

    /** 127.0.0.1, or the IP literal of {@code --bind} (never a name: no lookup decides where the page listens). */
    private InetAddress bindAddress() {
        String given = bind == null ? "127.0.0.1" : bind.strip();
        String literal = given.startsWith("[") && given.endsWith("]") ? given.substring(1, given.length() - 1) : given;
        // Four decimal parts, or a string with a colon (Java parses those as IPv6 literals, never looked up):
        // "cafe" or "dead.beef" would otherwise go to DNS, and "127.1" is not an address anyone means.
        boolean ipv4 = literal.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        boolean ipv6 = literal.contains(":") && literal.matches("[0-9A-Fa-f:.]{2,45}");
        if (!ipv4 && !ipv6) {
            throw new UsageException("error.bind", bind);
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new UsageException("error.bind", bind);
        }
        // Every address at once (0.0.0.0, ::) has no one name for the Host check: one interface's address is needed.
        if (a.isAnyLocalAddress()) {
            throw new UsageException("error.bind-any", bind);
        }
        return a;
    }

    private static void openBrowser(Terminal term, Messages m, WebServer server) {
        try {
            if (java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(server.uri());
                return;
            }
        } catch (IOException | RuntimeException e) {
            // below
        }
        term.err().println(m.get("serve.cannot-open", server.uri()));
        term.err().flush();
    }
}
