package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.testing.TestPki;
import java.util.Map;

/**
 * Renders a complete, self-contained Postfix configuration (main.cf and master.cf) for a private
 * instance started with {@code postfix -c <dir> start}.
 *
 * <p><b>Why no registration in /etc/postfix/main.cf is needed.</b> Postfix insists that a non-default
 * config directory be listed in the default main.cf's {@code alternate_config_directories} (or
 * {@code multi_instance_directories}) only for its set-gid commands ({@code postdrop},
 * {@code postqueue}, {@code sendmail}), which could otherwise be pointed at an attacker's config by an
 * unprivileged user. The {@code postfix} command run as root, and the daemons master starts (they
 * inherit {@code MAIL_CONFIG}), accept any directory; checked with Postfix 3.7 (Debian 12). The tests
 * never submit mail through sendmail/postdrop, so the system main.cf stays untouched. The one thing
 * the instance shares with the system one is read-only: {@code daemon_directory},
 * {@code meta_directory} (postfix-files, dynamicmaps.cf) and {@code shlib_directory} keep their
 * compiled-in defaults. {@code postfix-script} then "checks shared files" (only warnings, no changes).
 *
 * <p>Mail is never delivered: every transport is {@code discard:}, and the probe never gets past
 * MAIL FROM anyway.
 */
final class PostfixConfig {

    /** Every process of the instance logs as {@code postfix-it/...}; each listener adds its id. */
    static final String SYSLOG_NAME = "postfix-it";

    private PostfixConfig() {
    }

    static String mainCf(RunDirectory run, TestPki pki, String user) {
        return """
                # Written by smtp-doctor's integration tests (dev.smtpdoctor.testing.postfix.PostfixServer).
                # A private Postfix instance: started with `postfix -c %1$s start`, its queue, data and log
                # below %2$s; the system instance (/etc/postfix, /var/spool/postfix) is neither used nor touched.
                compatibility_level = 3.6
                queue_directory = %3$s
                data_directory = %4$s
                syslog_name = %5$s
                # postlogd writes here; `postfix start` fails silently unless the file is below one of
                # maillog_file_prefixes (default /var, /dev/stdout).
                maillog_file = %6$s
                maillog_file_prefixes = %7$s

                myhostname = %8$s
                mydomain = example.test
                myorigin = $myhostname
                smtpd_banner = $myhostname ESMTP smtp-doctor-it
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                # No DNS for the client's name: it is always localhost, and the log says unknown[127.0.0.1].
                smtpd_peername_lookup = no
                smtpd_client_port_logging = yes

                # Nothing is delivered, nothing is local, no system alias database or NIS lookups.
                mydestination =
                relayhost =
                alias_maps =
                alias_database =
                local_recipient_maps =
                default_transport = discard:
                local_transport = discard:
                relay_transport = discard:
                virtual_transport = discard:

                # SASL through Dovecot (auth only). The socket path is relative to queue_directory.
                smtpd_sasl_type = dovecot
                smtpd_sasl_path = private/auth
                smtpd_sasl_auth_enable = yes
                smtpd_sasl_security_options = noanonymous
                smtpd_sasl_tls_security_options = noanonymous

                # Sender ownership: the test user may send as its own address and nothing else.
                smtpd_sender_login_maps = inline:{ %9$s=%9$s }
                smtpd_sender_restrictions = reject_sender_login_mismatch
                smtpd_relay_restrictions = permit_sasl_authenticated, reject
                # Apply the sender restriction at MAIL FROM (the default, yes, waits until RCPT TO, which
                # the probe never sends; Listener.SUBMISSION_DELAYED_REJECT keeps the default).
                smtpd_delay_reject = no
                # Fast tests: no penalty pauses after errors.
                smtpd_error_sleep_time = 0

                # TLS: each listener sets its security level and, where it differs, its certificate.
                smtpd_tls_chain_files = %10$s
                smtpd_tls_security_level = none
                smtpd_tls_loglevel = 1
                tls_random_source = dev:/dev/urandom
                """.formatted(run.postfixConfig(), run.root(), run.queue(), run.data(), SYSLOG_NAME,
                run.maillog(), run.logs(), TestPki.HOST, user,
                pki.keyAndChain(TestPki.ServerCertificate.VALID));
    }

    /**
     * One smtpd per listener on 127.0.0.1, plus the internal services a running Postfix needs.
     * Nothing is chrooted (column 5 "n"): the instance's paths are outside any chroot.
     */
    static String masterCf(TestPki pki, Map<Listener, Integer> ports) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by smtp-doctor's integration tests. service type private unpriv chroot wakeup maxproc command\n");
        for (Map.Entry<Listener, Integer> e : ports.entrySet()) {
            Listener l = e.getKey();
            sb.append("127.0.0.1:").append(e.getValue()).append(" inet n - n - - smtpd\n");
            sb.append("  -o syslog_name=").append(SYSLOG_NAME).append('/').append(l.id()).append('\n');
            sb.append("  -o smtpd_tls_chain_files=").append(pki.keyAndChain(l.certificate())).append('\n');
            for (String o : l.options()) {
                sb.append("  -o ").append(o).append('\n');
            }
        }
        sb.append("""
                pickup     unix  n  -  n  60    1  pickup
                cleanup    unix  n  -  n  -     0  cleanup
                qmgr       unix  n  -  n  300   1  qmgr
                tlsmgr     unix  -  -  n  1000? 1  tlsmgr
                rewrite    unix  -  -  n  -     -  trivial-rewrite
                bounce     unix  -  -  n  -     0  bounce
                defer      unix  -  -  n  -     0  bounce
                trace      unix  -  -  n  -     0  bounce
                verify     unix  -  -  n  -     1  verify
                flush      unix  n  -  n  1000? 0  flush
                proxymap   unix  -  -  n  -     -  proxymap
                proxywrite unix  -  -  n  -     1  proxymap
                showq      unix  n  -  n  -     -  showq
                error      unix  -  -  n  -     -  error
                retry      unix  -  -  n  -     -  error
                discard    unix  -  -  n  -     -  discard
                anvil      unix  -  -  n  -     1  anvil
                scache     unix  -  -  n  -     1  scache
                postlog    unix-dgram n - n -   1  postlogd
                """);
        return sb.toString();
    }
}
