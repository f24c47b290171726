package dev.smtpdoctor.web;

import dev.smtpdoctor.report.Language;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;

/**
 * How {@link WebServer} runs.
 *
 * @param bind          the address to listen on: loopback unless the user asked otherwise ({@code --bind})
 * @param port          the port; 0 picks a free one
 * @param language      the page's language when the browser states none it speaks
 * @param runner        runs each check
 * @param examples      the demo scenarios' settings for the page's "fill in" button; empty unless {@code --demo}
 * @param toolVersion   for the technical JSON
 * @param maxDiagnoses  checks at once; more get a friendly "busy" answer
 * @param log           the server's own output (start-up, refused requests, failures): never a field's value
 */
public record WebConfig(InetAddress bind, int port, Language language, CheckRunner runner,
                        List<DemoRunner.Example> examples, String toolVersion, int maxDiagnoses, PrintWriter log) {

    public static final int DEFAULT_PORT = 8025;
    public static final int DEFAULT_MAX_DIAGNOSES = 2;

    public WebConfig {
        examples = List.copyOf(examples);
        if (port < 0 || port > 65535 || maxDiagnoses < 1) {
            throw new IllegalArgumentException("port " + port + ", max " + maxDiagnoses);
        }
    }

    public boolean demo() {
        return !examples.isEmpty();
    }
}
