package dev.smtpdoctor.testing.opensmtpd;

import dev.smtpdoctor.testing.TestPki;
import dev.smtpdoctor.testing.SharedHostingMta.Listener;
import java.nio.file.Path;
import java.util.Map;

/** Renders the test OpenSMTPD's smtpd.conf (nothing of /etc/smtpd.conf is read). */
final class OpenSmtpdConfig {

    private OpenSmtpdConfig() {
    }

    static String render(Path chain, Path key, Path credentials, Path owners, Map<Listener, Integer> ports) {
        return """
                # Written by smtp-doctor's integration tests (dev.smtpdoctor.testing.opensmtpd.OpenSmtpdServer).
                # Run as `smtpd -d -v -f <this file>` with LD_PRELOAD of the OpenSSL 3 key shim.
                pki %1$s cert "%2$s"
                pki %1$s key "%3$s"
                # user -> SHA-512 crypt hash; user -> the addresses it may send as.
                table credentials file:%4$s
                table owners file:%5$s

                listen on 127.0.0.1 port %6$d smtps pki %1$s hostname %7$s auth <credentials> senders <owners>
                listen on 127.0.0.1 port %8$d tls-require pki %1$s hostname %7$s auth <credentials> senders <owners>
                listen on 127.0.0.1 port %9$d hostname %7$s

                # Nothing is ever queued (the probes end with RSET); authenticated users may name any recipient.
                action "nowhere" relay host smtp://127.0.0.1:9
                match from any auth for any action "nowhere"
                """.formatted(TestPki.PROVIDER_HOST, chain, key, credentials, owners, ports.get(Listener.SSL_465),
                TestPki.HOST, ports.get(Listener.STARTTLS_587), ports.get(Listener.PLAIN_25));
    }
}
