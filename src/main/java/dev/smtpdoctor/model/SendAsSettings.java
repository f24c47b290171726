package dev.smtpdoctor.model;

import dev.smtpdoctor.model.Security;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The values of Gmail's "Send mail as" dialog as the tool will use them (after input lint has
 * corrected them). Empty fields are searched. No password: only whether one was given.
 *
 * @param address     the email address being added (step 1 of the dialog), A-label domain
 * @param server      the SMTP server field
 * @param port        the port drop-down
 * @param security    the security radio buttons
 * @param username    the username field
 * @param hasPassword whether a password was given (only then is AUTH tested)
 */
public record SendAsSettings(String address, Optional<String> server, OptionalInt port, Optional<Security> security,
                             Optional<String> username, boolean hasPassword) {

    /** The part after the last {@code @}. */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
