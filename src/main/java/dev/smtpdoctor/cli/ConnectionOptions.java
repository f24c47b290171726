package dev.smtpdoctor.cli;

import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResolver;
import dev.smtpdoctor.dns.DnsServer;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.dns.OverridingResolver;
import dev.smtpdoctor.dns.ResolveOverride;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.dns.SystemResolver;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.tls.TrustConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the servers are and whom to trust, for every command that connects: {@code --resolve}, {@code --dns-server},
 * {@code --ca-file}, {@code --timeout}, each read into the value the product takes, a bad value a usage error. One
 * mixin for {@code check}, {@code probe}, {@code explain} (through {@link CommonOptions}), {@code audit} and {@code serve}.
 */
public final class ConnectionOptions {

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDRESS", descriptionKey = "opt.resolve")
    List<String> resolve = new ArrayList<>();

    @Option(names = "--dns-server", paramLabel = "ADDRESS[:PORT]", descriptionKey = "opt.dns-server")
    String dnsServer;

    @Option(names = "--ca-file", paramLabel = "PEM", descriptionKey = "opt.ca-file")
    Path caFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", descriptionKey = "opt.timeout")
    String timeout;

    /** The {@code --resolve} pins, parsed. */
    public List<ResolveOverride> overrides() {
        List<ResolveOverride> overrides = new ArrayList<>();
        for (String r : resolve) {
            try {
                overrides.add(ResolveOverride.parse(r));
            } catch (IllegalArgumentException e) {
                throw new UsageException("error.resolve", r);
            }
        }
        return overrides;
    }

    public Resolver resolver() {
        Optional<Dns> dns = dns();
        return new OverridingResolver(overrides(), dns.<Resolver>map(DnsResolver::new).orElseGet(SystemResolver::new));
    }

    /**
     * The DNS server from {@code --dns-server}, for every lookup the command makes; empty when the option
     * is not given (then use {@link DnsjavaDns#system()} for MX/SRV/TXT/PTR and the JDK for addresses).
     */
    public Optional<Dns> dns() {
        if (dnsServer == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DnsjavaDns.using(DnsServer.parse(Input.normalizeDigits(dnsServer)),
                    DnsjavaDns.DEFAULT_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("error.dns-server", dnsServer);
        }
    }

    public TrustConfig trust() {
        if (caFile == null) {
            return TrustConfig.system();
        }
        try {
            return TrustConfig.fromFile(caFile);
        } catch (TrustConfigException e) {
            throw new UsageException("error.ca-file." + e.reason().name(), caFile);
        }
    }

    public Timeouts timeouts() {
        if (timeout == null) {
            return Timeouts.DEFAULT;
        }
        String t = Input.normalizeDigits(timeout.strip());
        double seconds;
        try {
            seconds = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UsageException("error.timeout", timeout);
        }
        if (!(seconds > 0) || seconds > 600) {
            throw new UsageException("error.timeout", timeout);
        }
        return Timeouts.ofStep(Duration.ofMillis((long) (seconds * 1000)));
    }
}
