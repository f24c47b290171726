package dev.smtpdoctor.cli;

import picocli.CommandLine.Option;

/**
 * The fields of Gmail's "Send mail as" dialog that a check takes as typed (all optional: what is left
 * out is searched), shared by {@code check} and {@code explain}. Values are not validated here: the
 * input lint corrects and reports them.
 */
public final class DialogOptions {

    @Option(names = {"-s", "--server"}, paramLabel = "HOST", descriptionKey = "opt.check.server")
    String server;

    @Option(names = "--port", paramLabel = "N", descriptionKey = "opt.check.port")
    String port;

    @Option(names = "--security", paramLabel = "ssl|tls|none", descriptionKey = "opt.check.security")
    String security;

    /** The check's report: the answer at a glance, or with this everything behind it (probe always shows all). */
    @Option(names = {"-d", "--details"}, descriptionKey = "opt.details")
    boolean details;

    @Option(names = "--no-login", descriptionKey = "opt.no-login")
    boolean noLogin;

    @Option(names = "--dkim-selector", paramLabel = "SELECTOR", descriptionKey = "opt.dkim-selector")
    java.util.List<String> dkimSelectors = new java.util.ArrayList<>();

    /**
     * Certificate names the user confirmed as their provider's server. DNS is not authenticated, so a name
     * found in a certificate never receives the password on DNS alone (docs/security.md).
     */
    @Option(names = "--trust-certificate-name", paramLabel = "HOST", descriptionKey = "opt.trust-certificate-name")
    java.util.List<String> trustedCertificateNames = new java.util.ArrayList<>();
}
