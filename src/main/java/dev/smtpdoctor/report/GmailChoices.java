package dev.smtpdoctor.report;

import dev.smtpdoctor.diagnosis.GmailVerdict;
import dev.smtpdoctor.model.SendAsSettings;
import dev.smtpdoctor.model.Security;
import java.util.List;
import java.util.Optional;

/**
 * Which of Gmail's verdicts the report lists: the combinations a user would choose — 465 with SSL, 587 with
 * TLS, 25 with TLS, 25 unsecured (the pairs providers document; Gmail's help pairs SSL with 465 and TLS with
 * 587) — and whatever the user typed, even a mismatched pair. The JSON keeps every verdict.
 */
public final class GmailChoices {

    private GmailChoices() {
    }

    public static List<GmailVerdict> shown(List<GmailVerdict> all, Optional<SendAsSettings> settings) {
        return all.stream().filter(v -> usual(v.port(), v.security()) || typed(v, settings)).toList();
    }

    private static boolean usual(int port, Security s) {
        return (port == 465 && s == Security.SSL) || (port == 587 && s == Security.TLS) || (port == 25 && s != Security.SSL);
    }

    private static boolean typed(GmailVerdict v, Optional<SendAsSettings> settings) {
        return settings.filter(s -> s.port().isPresent() && s.port().getAsInt() == v.port()
                && s.security().filter(x -> x == v.security()).isPresent()).isPresent();
    }
}
