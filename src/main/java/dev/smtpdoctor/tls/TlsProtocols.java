package dev.smtpdoctor.tls;

import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;

/**
 * Which TLS versions a handshake may use. The normal path — every handshake that may carry the password — uses
 * TLS 1.3 and 1.2 only. A server that speaks nothing newer than TLS 1.0 or 1.1 then fails with the JDK's
 * {@code protocol_version}; to tell the user <em>which</em> version it speaks, a credential-free diagnostic
 * handshake on a connection of its own also offers 1.1 and 1.0 (RFC 8996 deprecates both).
 *
 * <p>The JDK refuses TLS 1.0/1.1 through the security property {@code jdk.tls.disabledAlgorithms}, read once
 * when TLS is first used in the JVM. {@link #allowDiagnosticVersions()} removes the two versions from it (and
 * pins the JDK's default client and server versions to 1.3/1.2, so sockets that never call
 * {@code setEnabledProtocols} stay modern); it must run before TLS is first used — {@link TlsHandshaker} runs it
 * when its class loads, the CLI at start. Run too late, it changes nothing and the diagnostic handshake simply
 * fails like the normal one.
 */
public final class TlsProtocols {

    /** The normal path: what a connection that may carry the password accepts. */
    public static final List<String> MODERN = List.of("TLSv1.3", "TLSv1.2");
    /** The diagnostic handshake only: also the obsolete versions, to name what an old server speaks. */
    public static final List<String> WITH_OBSOLETE = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");
    /** Versions RFC 8996 deprecates. */
    public static final Set<String> OBSOLETE = Set.of("TLSv1", "TLSv1.1");

    private static final String DISABLED = "jdk.tls.disabledAlgorithms";

    private TlsProtocols() {
    }

    /** Idempotent; see the class comment. */
    public static synchronized void allowDiagnosticVersions() {
        String disabled = Security.getProperty(DISABLED);
        if (disabled != null) {
            String relaxed = Arrays.stream(disabled.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty() && !OBSOLETE.contains(s))
                    .collect(Collectors.joining(", "));
            if (!relaxed.equals(disabled)) {
                Security.setProperty(DISABLED, relaxed);
            }
        }
        if (System.getProperty("jdk.tls.client.protocols") == null) {
            System.setProperty("jdk.tls.client.protocols", String.join(",", MODERN));
        }
        if (System.getProperty("jdk.tls.server.protocols") == null) {
            System.setProperty("jdk.tls.server.protocols", String.join(",", MODERN));
        }
    }

    /** Enables {@code wanted} on {@code socket}, as far as the JDK supports them. */
    static void enable(SSLSocket socket, List<String> wanted) {
        Set<String> supported = Set.of(socket.getSupportedProtocols());
        socket.setEnabledProtocols(wanted.stream().filter(supported::contains).toArray(String[]::new));
    }
}
