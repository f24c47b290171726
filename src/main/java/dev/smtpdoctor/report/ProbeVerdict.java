package dev.smtpdoctor.report;

import dev.smtpdoctor.probe.AuthResult;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.SenderResult;
import dev.smtpdoctor.model.Security;

/**
 * The one-word answer for a single probe, which also decides the exit code of {@code probe}:
 * does this endpoint work as configured, and would it work securely (as Gmail checks it)?
 */
public enum ProbeVerdict {
    /** Completed over TLS with a certificate Gmail would accept, and what was asked (AUTH, sender) succeeded. */
    SECURE(0),
    /** Completed without TLS ("none"): works only as Gmail's "Unsecured connection". */
    INSECURE(1),
    /**
     * The endpoint does not work (connection, TLS, AUTH or sender failed) — or, over SSL or TLS, its certificate
     * fails the chain or name check: Gmail's dialog refuses it whatever else works, as {@code check} says.
     */
    FAILED(2);

    private final int exitCode;

    ProbeVerdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ProbeVerdict of(ProbeResult r) {
        if (!r.completed() || certificateRefused(r)) {
            return FAILED;
        }
        AuthResult.Status auth = r.auth().status();
        if (auth == AuthResult.Status.NOT_OFFERED || auth == AuthResult.Status.NO_SUPPORTED_MECHANISM) {
            return FAILED;
        }
        if (r.sender().status() == SenderResult.Status.REJECTED) {
            return FAILED;
        }
        boolean verifiedTls = r.endpoint().security() != Security.NONE && r.tls().map(t -> t.verified()).orElse(false);
        return verifiedTls ? SECURE : INSECURE;
    }

    /**
     * Over SSL or TLS the certificate failed the chain or the name check: Gmail checks it before anything else
     * and refuses the settings ("TLS Negotiation failed…"), the same verdict {@code check} gives.
     */
    public static boolean certificateRefused(ProbeResult r) {
        return r.endpoint().security().encrypted() && r.tls().map(t -> !t.verified()).orElse(false);
    }
}
