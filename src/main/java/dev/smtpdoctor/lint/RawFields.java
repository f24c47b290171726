package dev.smtpdoctor.lint;

import java.util.Arrays;

/**
 * The fields of Gmail's "Send mail as" dialog exactly as the user typed or pasted them, before any
 * correction. A missing field is the empty string. The password is a char array so the caller can
 * wipe it; {@link #toString()} never shows it. Not a record on purpose (see
 * {@link dev.smtpdoctor.probe.Credentials}): a generated toString would invite mistakes.
 *
 * <p>Holds its own copy of the password: call {@link #wipe()} when done.
 */
public final class RawFields {

    private final String address;
    private final String server;
    private final String port;
    private final String security;
    private final String username;
    private final char[] password;

    /** Any argument may be null, meaning the field was left empty. The password array is copied. */
    public RawFields(String address, String server, String port, String security, String username, char[] password) {
        this.address = orEmpty(address);
        this.server = orEmpty(server);
        this.port = orEmpty(port);
        this.security = orEmpty(security);
        this.username = orEmpty(username);
        this.password = password == null ? new char[0] : password.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Step 1 of the dialog: the email address being added. */
    public String address() {
        return address;
    }

    /** "SMTP Server". */
    public String server() {
        return server;
    }

    /** "Port" (Gmail: a drop-down; elsewhere free text). */
    public String port() {
        return port;
    }

    /** The security choice: ssl / tls / starttls / none, or one of Gmail's labels. */
    public String security() {
        return security;
    }

    /** "Username". */
    public String username() {
        return username;
    }

    /** A copy; the caller wipes it after use. */
    public char[] password() {
        return password.clone();
    }

    public boolean hasPassword() {
        return password.length > 0;
    }

    /** Overwrites this object's copy of the password. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    /**
     * The fields for logs and debugging. The password is never shown, and neither is a password pasted
     * into the server field as {@code user:password@host}: that part is shown as {@code ***}, as in the
     * lint's findings.
     */
    @Override
    public String toString() {
        return "RawFields[address=" + address + ", server=" + ServerField.redactUserInfo(server) + ", port=" + port
                + ", security=" + security + ", username=" + username + ", password=" + (password.length > 0 ? "(given, hidden)" : "(none)") + "]";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Fluent construction; unset fields are empty. */
    public static final class Builder {
        private String address;
        private String server;
        private String port;
        private String security;
        private String username;
        private char[] password;

        private Builder() {
        }

        public Builder address(String v) {
            address = v;
            return this;
        }

        public Builder server(String v) {
            server = v;
            return this;
        }

        public Builder port(String v) {
            port = v;
            return this;
        }

        public Builder security(String v) {
            security = v;
            return this;
        }

        public Builder username(String v) {
            username = v;
            return this;
        }

        /** Copied at {@link #build()}; the builder keeps only a reference until then. */
        public Builder password(char[] v) {
            password = v;
            return this;
        }

        public RawFields build() {
            return new RawFields(address, server, port, security, username, password);
        }

        @Override
        public String toString() {
            return "RawFields.Builder";
        }
    }
}
