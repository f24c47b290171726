package dev.smtpdoctor.dns;

/**
 * An MX record (RFC 1035 §3.3.9). A single record with exchange "." and preference 0 is a null MX
 * (RFC 7505): the domain accepts no mail.
 */
public record MxRecord(int preference, String exchange) {

    public boolean isNullMx() {
        return exchange.equals(".") || exchange.isEmpty();
    }
}
