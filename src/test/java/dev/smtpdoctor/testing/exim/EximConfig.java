package dev.smtpdoctor.testing.exim;

import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.testing.SharedHostingMta.Listener;
import java.nio.file.Path;
import java.util.Map;

/** Renders the test Exim's whole configuration (nothing of /etc/exim4 is read). */
final class EximConfig {

    private EximConfig() {
    }

    static String render(Path exim, Path var, Path spool, Path logs, Path chain, Path key, Path passwd,
                         Map<Listener, Integer> ports) {
        int ssl = ports.get(Listener.SSL_465);
        int plain = ports.get(Listener.PLAIN_25);
        return """
                # Written by smtp-doctor's integration tests (dev.smtpdoctor.testing.exim.EximServer).
                # Started as `exim4 -C <this file> -bd -oX <ports> -oP <pid file>`; runs as Debian-exim.
                keep_environment =
                primary_hostname = %1$s
                exim_path = %2$s
                spool_directory = %3$s
                log_file_path = %4$s/%%slog
                local_interfaces = 127.0.0.1
                # No reverse lookups of the client (no DNS in tests) and no ident callbacks.
                host_lookup =
                rfc1413_hosts =
                smtp_accept_max = 100
                smtp_accept_max_per_host = 100
                log_selector = +smtp_connection +incoming_port +incoming_interface +tls_cipher +tls_peerdn \\
                  +smtp_protocol_error +smtp_syntax_error

                # TLS (GnuTLS): the test CA's certificate for the provider's name only, on every listener.
                tls_certificate = %5$s
                tls_privatekey = %6$s
                tls_on_connect_ports = %7$d
                # The "25" listener offers no STARTTLS; the others do.
                tls_advertise_hosts = ${if eq{$received_port}{%8$d}{}{*}}
                # AUTH only after TLS, except on "25", where it is announced in clear text (to be refused, 538).
                auth_advertise_hosts = ${if or{{!eq{$tls_in_cipher}{}}{eq{$received_port}{%8$d}}}{*}{}}

                acl_smtp_auth = acl_check_auth
                acl_smtp_mail = acl_check_mail
                acl_smtp_rcpt = acl_check_rcpt

                begin acl

                acl_check_auth:
                  # One line per AUTH command, the tests' count: the mechanism, and whether an initial response came
                  # with it ("bare": the credential-free AUTH that is cancelled with "*"), never the response itself.
                  warn logwrite = %9$s${uc:${extract{1}{ }{$smtp_command_argument}}} on port $received_port \\
                         from [$sender_host_address]:$sender_host_port \\
                         ${if eq{${extract{2}{ }{$smtp_command_argument}}}{}{bare}{with-data}}
                  deny condition = ${if eq{$tls_in_cipher}{}}
                       message = 538 5.7.11 Encryption required for requested authentication mechanism
                  accept

                acl_check_mail:
                  accept authenticated = *
                  deny message = 530 5.7.0 Authentication required

                acl_check_rcpt:
                  accept authenticated = *
                  deny message = 550 5.7.1 Relaying denied

                begin routers
                begin transports
                begin authenticators

                plain:
                  driver = plaintext
                  public_name = PLAIN
                  server_prompts = :
                  server_condition = ${if and{{!eq{$auth3}{}}{eq{$auth3}{${lookup{$auth2}lsearch{%10$s}}}}}}
                  server_set_id = $auth2

                login:
                  driver = plaintext
                  public_name = LOGIN
                  server_prompts = Username:: : Password::
                  server_condition = ${if and{{!eq{$auth2}{}}{eq{$auth2}{${lookup{$auth1}lsearch{%10$s}}}}}}
                  server_set_id = $auth1

                cram:
                  driver = cram_md5
                  public_name = CRAM-MD5
                  server_secret = ${lookup{$auth1}lsearch{%10$s}{$value}fail}
                  server_set_id = $auth1
                """.formatted(TestPki.HOST, exim, spool, logs, chain, key, ssl, plain, EximServer.AUTH_TAG, passwd);
    }
}
