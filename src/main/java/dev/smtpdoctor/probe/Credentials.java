package dev.smtpdoctor.probe;

import java.util.Arrays;

/**
 * A username and password for one AUTH attempt. The password is a char array so the caller can wipe
 * it; {@link #toString()} never shows it, and nothing in this project logs or prints it. Not a record
 * on purpose: a record's generated toString would print the array's identity and invite mistakes.
 */
public final class Credentials {

    private final String username;
    private final char[] password;

    public Credentials(String username, char[] password) {
        if (username == null || password == null) {
            throw new IllegalArgumentException("username and password are required");
        }
        this.username = username;
        this.password = password.clone();
    }

    public String username() {
        return username;
    }

    /** A copy; the caller wipes it after use. */
    public char[] password() {
        return password.clone();
    }

    /** Overwrites the password in memory. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=(hidden)]";
    }
}
