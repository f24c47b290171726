package dev.smtpdoctor.bench;

import dev.smtpdoctor.model.Security;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs swaks (https://jetmore.org/john/code/swaks/) the way a person would check one endpoint by
 * hand: one process per endpoint, up to RCPT TO, then QUIT.
 *
 * <p>TLS: {@code --tls-verify --tls-ca-path <the test CA>} with the host as SNI. swaks
 * 20201014 (Debian 12) verifies the chain only, not the host name (that came in 20240103 with
 * {@code --tls-verify-host}); the prober checks both. AUTH PLAIN only where the connection is TLS, as
 * the prober does without plaintext consent.
 *
 * <p>The password goes on swaks's command line (visible in {@code ps} for the run's duration): it is
 * the fixture's throw-away password, made for this run.
 */
final class Swaks {

    static final Path BINARY = Path.of("/usr/bin/swaks");

    private final Path caFile;
    private final String user;
    private final String password;

    Swaks(Path caFile, String user, String password) {
        this.caFile = caFile;
        this.user = user;
        this.password = password;
    }

    /** One run's wall time (process start to exit) and how it ended. */
    record Run(long millis, int exitCode, String lastLines) {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Checks one endpoint at 127.0.0.1:{@code port}, sending {@code host} as SNI. */
    Run check(String host, int port, Security security) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--server", "127.0.0.1:" + port,
                "--from", user, "--to", user, "--quit-after", "RCPT", "--timeout", "30s"));
        switch (security) {
            case SSL -> cmd.add("--tls-on-connect");
            case TLS -> cmd.add("--tls");
            case NONE -> { }
        }
        if (security != Security.NONE) {
            cmd.addAll(List.of("--tls-verify", "--tls-ca-path", caFile.toString(), "--tls-sni", host,
                    "--auth", "PLAIN", "--auth-user", user, "--auth-password", password));
        }
        return run(cmd);
    }

    /** swaks starting and exiting without a connection: the interpreter's share of every run. */
    Run startup() throws IOException, InterruptedException {
        return run(List.of(BINARY.toString(), "--version"));
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("swaks did not finish within 60 s: " + cmd.get(0));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Run(ms, p.exitValue(), tail(output));
    }

    private static String tail(String output) {
        // swaks shows the AUTH PLAIN blob it sent; keep it out of anything printed.
        List<String> lines = output.lines().map(l -> l.contains("AUTH PLAIN") ? "~> AUTH PLAIN [redacted]" : l)
                .toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
