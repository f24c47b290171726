package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.testing.TestPki.ServerCertificate;
import java.util.List;

/**
 * The smtpd listeners of the test Postfix, one per scenario. Each gets a free high port on
 * 127.0.0.1 (the names say which well-known port it stands for) and its own {@code syslog_name},
 * {@code postfix-it/<id>}, so a test can tell its connection's log lines from the others'.
 *
 * <p>All share main.cf: SASL through Dovecot, {@code reject_sender_login_mismatch}, and
 * {@code smtpd_delay_reject = no} so that a sender refusal comes at MAIL FROM, where the probe looks.
 */
public enum Listener {

    /** "465": implicit TLS (RFC 8314 submissions) with a certificate from the test CA for the typed host. */
    SUBMISSIONS_465("submissions", ServerCertificate.VALID,
            "smtpd_tls_wrappermode=yes", "smtpd_tls_security_level=encrypt"),

    /** "587": submission with STARTTLS required, and AUTH only after it. */
    SUBMISSION_587("submission", ServerCertificate.VALID,
            "smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes"),

    /** "25": plain smtpd without STARTTLS, AUTH offered in clear (the "unsecured" last resort). */
    PLAIN_25("plain", ServerCertificate.VALID,
            "smtpd_tls_security_level=none", "smtpd_tls_auth_only=no"),

    /** STARTTLS with a CA-issued certificate for the provider's name only (shared hosting). */
    NAME_MISMATCH("name-mismatch", ServerCertificate.NAME_MISMATCH,
            "smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes"),

    /**
     * "465" of the same shared-hosting server as {@link #NAME_MISMATCH}: implicit TLS with the certificate
     * for the provider's name only, so that a whole check finds the mismatch, and the fix, on both ports.
     */
    NAME_MISMATCH_465("name-mismatch-ssl", ServerCertificate.NAME_MISMATCH,
            "smtpd_tls_wrappermode=yes", "smtpd_tls_security_level=encrypt"),

    /** STARTTLS with a self-signed certificate for the typed host. */
    SELF_SIGNED("self-signed", ServerCertificate.SELF_SIGNED,
            "smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes"),

    /** STARTTLS with an expired certificate from the test CA for the typed host. */
    EXPIRED("expired", ServerCertificate.EXPIRED,
            "smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes"),

    /**
     * Like {@link #SUBMISSION_587} but with Postfix's default {@code smtpd_delay_reject = yes}: the
     * sender restriction is then applied at RCPT TO, which the probe never sends.
     */
    SUBMISSION_DELAYED_REJECT("submission-delay-reject", ServerCertificate.VALID,
            "smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes", "smtpd_delay_reject=yes"),

    /**
     * A "587" that speaks implicit TLS (smtpd_tls_wrappermode) with a valid certificate for the typed host: the
     * server is configured for SSL where STARTTLS is expected (issue 10 item 3).
     */
    IMPLICIT_TLS_ON_587("wrapper-on-587", ServerCertificate.VALID,
            "smtpd_tls_wrappermode=yes", "smtpd_tls_security_level=encrypt"),

    /**
     * STARTTLS that speaks TLS 1.0 only (with a cipher list OpenSSL 3 allows for it), a valid certificate for the
     * typed host, AUTH only after TLS (issue 10 item 4). Both the opportunistic and the mandatory protocol lists
     * are set: with {@code smtpd_tls_security_level=encrypt} Postfix uses the mandatory ones.
     */
    TLS10_ONLY("tls10-only", ServerCertificate.VALID,
            "smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes",
            "smtpd_tls_protocols=>=TLSv1,<=TLSv1", "smtpd_tls_mandatory_protocols=>=TLSv1,<=TLSv1",
            "tls_medium_cipherlist=ALL:@SECLEVEL=0");

    private final String id;
    private final ServerCertificate certificate;
    private final List<String> options;

    Listener(String id, ServerCertificate certificate, String... options) {
        this.id = id;
        this.certificate = certificate;
        this.options = List.of(options);
    }

    /** Short name, used in the service's syslog name. */
    public String id() {
        return id;
    }

    /** The tag its smtpd processes log under: {@code postfix-it/<id>/smtpd[pid]:}. */
    public String logTag() {
        return PostfixConfig.SYSLOG_NAME + "/" + id + "/smtpd[";
    }

    /** Whether TLS starts with the first byte (smtpd_tls_wrappermode), so there is no plaintext greeting. */
    public boolean implicitTls() {
        return options.contains("smtpd_tls_wrappermode=yes");
    }

    ServerCertificate certificate() {
        return certificate;
    }

    /** The {@code -o name=value} overrides of its master.cf entry, besides certificate and syslog name. */
    List<String> options() {
        return options;
    }
}
