package dev.smtpdoctor.cli;

import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.Prober;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.report.Messages;
import dev.smtpdoctor.report.ProbeJson;
import dev.smtpdoctor.report.ProbeTextReport;
import dev.smtpdoctor.report.ProbeVerdict;
import dev.smtpdoctor.tls.TlsHandshaker;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code smtp-doctor probe}: one host, port and security mode, exactly as given. */
@Command(name = "probe", resourceBundle = Messages.BUNDLE, sortOptions = false, usageHelpAutoWidth = true)
public final class ProbeCommand implements Callable<Integer> {

    @ParentCommand
    SmtpDoctorCommand root;

    @Option(names = {"-s", "--server"}, required = true, paramLabel = "HOST", descriptionKey = "opt.server")
    String server;

    @Option(names = "--port", required = true, paramLabel = "N", descriptionKey = "opt.port")
    String port;

    @Option(names = "--security", required = true, paramLabel = "ssl|tls|none", descriptionKey = "opt.security")
    String security;

    @Option(names = "--from", paramLabel = "ADDRESS", descriptionKey = "opt.from")
    String from;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "opt.help")
    boolean help;

    @Override
    public Integer call() {
        Terminal term = root.terminal();
        Messages messages = term.messages();
        String host = Input.host(server);
        int portNumber = Input.port(port);
        Security mode = Security.parse(Input.normalizeDigits(security))
                .orElseThrow(() -> new UsageException("error.security", security));
        Optional<String> mailFrom = Optional.ofNullable(from).map(Input::address);
        var resolver = common.resolver();
        var trust = common.trust();
        var timeouts = common.timeouts();
        Optional<Credentials> creds = credentials.read(mailFrom, term.environment(), term.stdin(), term.console(),
                messages.get("prompt.password", credentials.username().or(() -> mailFrom).orElse(""), host));
        try {
            ProbeRequest request = new ProbeRequest(new Endpoint(host, portNumber, mode), creds, mailFrom,
                    credentials.allowPlaintextAuth(), timeouts);
            Prober prober = new Prober(resolver, new TlsHandshaker(trust, Clock.systemUTC()), Limits.DEFAULT);
            ProbeListener progress = common.json() ? ProbeListener.NONE : term.progress();
            ProbeResult result = prober.probe(request, progress);
            term.clearProgress();
            ProbeVerdict verdict = ProbeVerdict.of(result);
            if (common.json()) {
                term.out().println(ProbeJson.pretty(ProbeJson.document(result, verdict, Version.current())));
            } else {
                term.out().print(new ProbeTextReport(messages).render(result, verdict, common.verbose()));
                if (credentials.allowPlaintextAuth() && mode == Security.NONE && authBegan(result)) {
                    term.out().println(messages.get("probe.plaintext-auth-sent"));
                }
            }
            term.out().flush();
            // A bug of ours ended the probe: the report says so and asks for a bug report; the exit code agrees.
            return result.outcome() instanceof dev.smtpdoctor.probe.ProbeOutcome.InternalError
                    ? ExitCodes.INTERNAL : verdict.exitCode();
        } finally {
            creds.ifPresent(Credentials::wipe);
        }
    }

    /**
     * True once an AUTH exchange began. The credentials may then be on the wire even when no verdict came
     * back (the server hung up or went silent after them), so the plaintext warning must not wait for one.
     */
    private static boolean authBegan(ProbeResult result) {
        return result.auth().attempted() || result.steps().stream().anyMatch(s -> s.step() == Step.AUTH);
    }
}
