package dev.smtpdoctor.demo;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;

/**
 * What the demo user typed into step 2 of Gmail's "Send mail as" dialog (the password aside: see
 * {@link RunningDemo#passwordToUse()}).
 *
 * @param server   the "SMTP Server" field
 * @param port     the port drop-down (25, 465 or 587)
 * @param security the security radio buttons
 * @param username the "Username" field
 */
public record TypedSettings(String server, int port, Security security, String username) {

    /** The endpoint exactly as typed. */
    public Endpoint endpoint() {
        return new Endpoint(server, port, security);
    }
}
