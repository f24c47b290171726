package dev.smtpdoctor.cli;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.discovery.SocketHttpFetcher;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.report.Messages;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code smtp-doctor check ADDRESS}: what the user would type into Gmail's dialog; every field left out
 * is searched. Values are taken as typed and corrected by the input lint (the report says what changed),
 * so this command is lenient where {@code probe} is strict.
 */
@Command(name = "check", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    SmtpDoctorCommand root;

    @Parameters(index = "0", paramLabel = "ADDRESS", descriptionKey = "arg.address")
    String address;

    @Mixin
    DialogOptions dialog;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    /** Tests only: answers every name instead of --resolve and the system resolver; null in real runs. */
    private final Resolver testResolver;

    public CheckCommand() {
        this(null);
    }

    CheckCommand(Resolver testResolver) {
        this.testResolver = testResolver;
    }

    @Override
    public Integer call() {
        Terminal term = root.terminal();
        Diagnosis d = diagnose(term, address, dialog, credentials, common, testResolver);
        return Reports.print(term, d, "check", common.json(), common.verbose());
    }

    /** Runs a check from command-line fields; shared with {@code explain}, which can run one too. */
    static Diagnosis diagnose(Terminal term, String address, DialogOptions dialog, CredentialOptions credentials,
                              CommonOptions common, Resolver testResolver) {
        String server = dialog.server;
        Messages messages = term.messages();
        if (dialog.noLogin && credentials.passwordSourceGiven()) {
            throw new UsageException("error.no-login-with-password");
        }
        Resolver resolver = testResolver != null ? testResolver : common.resolver();
        var trust = common.trust();
        var timeouts = common.timeouts();
        char[] password = dialog.noLogin ? new char[0] : credentials.readOptional(term.environment(), term.stdin(), term.console(),
                messages.get("prompt.password", credentials.username().orElse(address), server == null ? "" : server),
                !common.json());
        RawFields fields;
        try {
            fields = new RawFields(address, server, dialog.port, dialog.security, credentials.username().orElse(null), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        SmtpDoctor.Builder builder = SmtpDoctor.builder().resolver(resolver).trust(trust);
        if (testResolver == null) {
            // Discovery (SRV, autoconfig, provider by MX) and the sending-domain checks ask DNS and HTTPS.
            // Autoconfig is fetched with the system trust store: --ca-file is for the mail servers only.
            Dns dns = common.dns().orElseGet(DnsjavaDns::system);
            builder.dns(dns).httpFetcher(new SocketHttpFetcher(resolver, TrustConfig.system()));
        }
        Diagnosis d = builder.build().diagnose(new CheckRequest(fields, credentials.allowPlaintextAuth(), timeouts,
                        dialog.dkimSelectors, trustedNames(dialog.trustedCertificateNames)),
                common.json() ? dev.smtpdoctor.probe.ProbeListener.NONE : term.progress());
        term.clearProgress();
        return d;
    }

    /** The names as typed, in the form the check compares: IDNA A-labels, lower case, no final dot. */
    static java.util.Set<String> trustedNames(java.util.List<String> typed) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String t : typed) {
            String n = t.strip().toLowerCase(java.util.Locale.ROOT);
            n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            try {
                n = java.net.IDN.toASCII(n, java.net.IDN.USE_STD3_ASCII_RULES).toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new UsageException("error.bad-trusted-name", t);
            }
            if (n.isEmpty() || n.startsWith("*") || !n.contains(".")) {
                throw new UsageException("error.bad-trusted-name", t);
            }
            out.add(n);
        }
        return out;
    }
}
