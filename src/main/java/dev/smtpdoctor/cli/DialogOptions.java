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

    @Option(names = "--no-login", descriptionKey = "opt.no-login")
    boolean noLogin;
}
