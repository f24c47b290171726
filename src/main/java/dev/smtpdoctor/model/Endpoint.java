package dev.smtpdoctor.model;

/**
 * One thing to try: a host as the user would type it into Gmail, a port, and a security mode.
 *
 * @param host the name (or IP literal) used for DNS, SNI and the certificate name check
 */
public record Endpoint(String host, int port, Security security) {

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (security == null) {
            throw new IllegalArgumentException("security is null");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + security.id();
    }
}
