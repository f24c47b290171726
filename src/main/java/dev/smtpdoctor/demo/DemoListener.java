package dev.smtpdoctor.demo;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One embedded server, as the demo may announce it: "{@code mail.example-shop.test:465} (implicit TLS) is
 * 127.0.0.1:40213".
 *
 * @param hosts       the demo host names that reach it, as typed (lower case)
 * @param logicalPort the port the hosts serve it on, as the user and the diagnosis see it
 * @param transport   how the listener secures its connections
 * @param address     where it really listens: 127.0.0.1 and an ephemeral port
 */
public record DemoListener(List<String> hosts, int logicalPort, Transport transport, InetSocketAddress address) {

    public DemoListener {
        hosts = List.copyOf(hosts);
    }

    /** How a listener is secured; every listener offers AUTH PLAIN and LOGIN at some point. */
    public enum Transport {
        /** TLS from the first byte (the {@code submissions} service, RFC 8314); AUTH inside TLS. */
        IMPLICIT_TLS,
        /** Plain, STARTTLS offered and required before AUTH or mail (RFC 3207); AUTH hidden until then. */
        STARTTLS_REQUIRED,
        /** Plain, STARTTLS offered but optional; AUTH offered and accepted without TLS as well. */
        STARTTLS_OPTIONAL,
        /** Plain, no STARTTLS at all; AUTH offered and accepted without TLS. */
        PLAIN;

        public boolean offersTls() {
            return this != PLAIN;
        }
    }
}
