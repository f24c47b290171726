package dev.smtpdoctor.web;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one check for the page, through {@link dev.smtpdoctor.SmtpDoctor#diagnose} like {@code check} does:
 * the real one ({@code serve}) with the machine's DNS or {@code --dns-server}, the demo one ({@code serve
 * --demo}) against freshly started embedded servers. Must be thread-safe: up to the server's cap of checks
 * run at once. The fields' password is wiped by the check.
 */
@FunctionalInterface
public interface CheckRunner {

    /**
     * @param fields   what the page's form held
     * @param scenario the demo scenario chosen on the page ({@code serve --demo} only; ignored otherwise)
     * @param trusted  server names from a certificate that the user confirmed on the page are their provider's
     *                 (as {@code --trust-certificate-name}): the one login test may go there
     * @param listener progress, called on the probes' threads
     */
    Diagnosis run(RawFields fields, Optional<String> scenario, Set<String> trusted, ProbeListener listener);
}
