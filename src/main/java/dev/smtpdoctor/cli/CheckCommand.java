package dev.smtpdoctor.cli;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.http.SocketHttpFetcher;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsjavaDns;
import dev.smtpdoctor.tls.TrustConfig;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.model.HostName;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.diagnosis.Recommendation;
import dev.smtpdoctor.discovery.CandidateSource;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
        Checked c = diagnose(term, address, dialog, credentials, common, testResolver);
        if (!common.json()) {
            c.printConfirmation(term);
        }
        return Reports.print(term, c.diagnosis(), "check", common.json(), Reports.detail(dialog.details, common.verbose()));
    }

    /**
     * A check's answer, and the certificate name the user confirmed at the terminal when they were asked
     * (the check then ran again with it trusted, and {@code diagnosis} is that second run's).
     */
    record Checked(Diagnosis diagnosis, Optional<String> confirmedName) {

        /** "You confirmed … so the login was tested there", before the report; nothing when nobody was asked. */
        void printConfirmation(Terminal term) {
            confirmedName.ifPresent(n -> {
                term.out().println(term.messages().get("check.confirmed-certificate-name", n));
                term.out().println();
            });
        }
    }

    /**
     * Runs a check from command-line fields; shared with {@code explain}, which can run one too. When the
     * answer is a name from the server's certificate that never received the password (only DNS says it is
     * the same server), a password was given, the output is text and a person is at the terminal, asks them
     * whether that name is their provider's server; on yes the check runs again with the name trusted, as
     * {@code --trust-certificate-name} would. The password is kept only until the question is answered.
     */
    static Checked diagnose(Terminal term, String address, DialogOptions dialog, CredentialOptions credentials,
                            CommonOptions common, Resolver testResolver) {
        EarlyLoad.start();
        String server = dialog.server;
        Messages messages = term.messages();
        if (dialog.noLogin && credentials.passwordSourceGiven()) {
            throw new UsageException("error.no-login-with-password");
        }
        // A username says "test my login": without a password source and nobody to ask, that cannot happen,
        // and a report that quietly skipped the login would read like a pass. The same usage error as probe's.
        if (!dialog.noLogin && credentials.username().isPresent() && !credentials.passwordSourceGiven()
                && (term.console() == null || common.json())) {
            throw new UsageException(common.json() && term.console() != null ? "error.password-none.json"
                    : "error.password-none.check");
        }
        Set<String> trusted = trustedNames(dialog.trustedCertificateNames);
        Resolver resolver = testResolver != null ? testResolver : common.resolver();
        var trust = common.trust();
        var timeouts = common.timeouts();
        char[] password = dialog.noLogin ? new char[0] : credentials.readOptional(term.environment(), term.stdin(), term.console(),
                server == null ? messages.get("prompt.password.no-server", credentials.username().orElse(address))
                        : messages.get("prompt.password", credentials.username().orElse(address), server),
                !common.json());
        try {
            SmtpDoctor doctor = testResolver != null ? SmtpDoctor.builder().resolver(resolver).trust(trust).build()
                    : doctor(common.connection, resolver, trust);
            Diagnosis d = run(term, doctor, address, dialog, credentials, common, password, trusted);
            Optional<String> name = password.length > 0 && !common.json() ? nameToConfirm(d) : Optional.empty();
            Optional<Terminal.Prompter> prompter = term.prompter();
            if (name.isEmpty() || prompter.isEmpty()) {
                return new Checked(d, Optional.empty());
            }
            String presentedBy = presentedBy(d, name.get());
            Optional<String> answer = prompter.get().ask(
                    messages.get("question.trust-certificate-name", presentedBy, name.get()) + " ");
            if (answer.filter(CheckCommand::isYes).isEmpty()) {
                return new Checked(d, Optional.empty());
            }
            Set<String> more = new LinkedHashSet<>(trusted);
            more.add(name.get());
            return new Checked(run(term, doctor, address, dialog, credentials, common, password, more), name);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The front door as {@code check} uses it, shared with {@code serve}: discovery (SRV, autoconfig, provider by MX)
     * and the sending-domain checks ask DNS ({@code --dns-server} or the system's) and HTTPS. Autoconfig is fetched
     * with the system trust store: {@code --ca-file} is for the mail servers only.
     */
    static SmtpDoctor doctor(ConnectionOptions connection, Resolver resolver, TrustConfig trust) {
        Dns dns = connection.dns().orElseGet(DnsjavaDns::system);
        return SmtpDoctor.builder().resolver(resolver).trust(trust).dns(dns)
                .httpFetcher(new SocketHttpFetcher(resolver, TrustConfig.system())).build();
    }

    /** One check; the fields get their own copy of the password, which the check wipes. */
    private static Diagnosis run(Terminal term, SmtpDoctor doctor, String address, DialogOptions dialog,
                                 CredentialOptions credentials, CommonOptions common, char[] password, Set<String> trusted) {
        RawFields fields = new RawFields(address, dialog.server, dialog.port, dialog.security,
                credentials.username().orElse(null), password);
        Diagnosis d = doctor.diagnose(new CheckRequest(fields, credentials.allowPlaintextAuth(), common.timeouts(),
                        dialog.dkimSelectors, trusted),
                common.json() ? dev.smtpdoctor.probe.ProbeListener.NONE : term.progress());
        term.clearProgress();
        return d;
    }

    /**
     * The certificate name worth asking about: the recommended server came from a certificate and must be
     * confirmed with the provider, and no probe of this check spent the one login attempt (a second check
     * must not become a second attempt on the same account). Only a plain server name is asked about.
     */
    static Optional<String> nameToConfirm(Diagnosis d) {
        if (d.probes().stream().anyMatch(p -> p.result().auth().attempted())) {
            return Optional.empty();
        }
        return d.recommendation().flatMap(Recommendation::choice)
                .filter(c -> c.source() == CandidateSource.CERTIFICATE_NAME && c.confirmWithProvider())
                .map(Recommendation.Choice::server)
                .filter(h -> HOST_NAME.matcher(h).matches());
    }

    private static final Pattern HOST_NAME =
            Pattern.compile("(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    /** The server whose certificate named {@code name} (the typed one), for the question. */
    private static String presentedBy(Diagnosis d, String name) {
        return d.probes().stream().map(p -> p.candidate())
                .filter(c -> c.host().equals(name) && c.source() == CandidateSource.CERTIFICATE_NAME)
                .flatMap(c -> c.sameServerAs().stream()).findFirst()
                .or(() -> d.settings().flatMap(s -> s.server()))
                .orElse("?");
    }

    /** y, yes or はい, ignoring case and full width (ｙ, ＹＥＳ); anything else, and nothing, is no. */
    static boolean isYes(String answer) {
        String a = Normalizer.normalize(answer, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes") || a.equals("はい");
    }

    /**
     * The names as typed, in the form the check compares: IDNA A-labels, lower case, no final dot; each a
     * strict server name ({@link HostName#parseStrict}: no wildcard, IP literal, underscore or single label).
     */
    static Set<String> trustedNames(java.util.List<String> typed) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : typed) {
            out.add(HostName.parseStrict(t).map(HostName::value)
                    .orElseThrow(() -> new UsageException("error.bad-trusted-name", t)));
        }
        return out;
    }
}
