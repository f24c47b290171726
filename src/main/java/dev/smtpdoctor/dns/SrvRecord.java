package dev.smtpdoctor.dns;

/**
 * An SRV record (RFC 2782), e.g. {@code _submissions._tcp.example.jp} (RFC 6186 / RFC 8314). Target
 * "." means the service is decidedly not offered.
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    public boolean notOffered() {
        return target.equals(".") || target.isEmpty();
    }
}
