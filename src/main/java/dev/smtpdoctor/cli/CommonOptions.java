package dev.smtpdoctor.cli;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TrustConfig;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every probing command shares: output, language, and the {@link ConnectionOptions}. */
public final class CommonOptions {

    @Option(names = "--json", descriptionKey = "opt.json")
    boolean json;

    @Mixin
    LanguageOption language;

    @Option(names = {"-v", "--verbose"}, descriptionKey = "opt.verbose")
    boolean verbose;

    @Mixin
    ConnectionOptions connection;

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }

    public Resolver resolver() {
        return connection.resolver();
    }

    public Optional<Dns> dns() {
        return connection.dns();
    }

    public TrustConfig trust() {
        return connection.trust();
    }

    public Timeouts timeouts() {
        return connection.timeouts();
    }
}
