package dev.smtpdoctor.tls;

import java.util.List;
import java.util.Optional;

/**
 * Whether the leaf certificate covers the host name the user typed (RFC 6125 / RFC 7817).
 *
 * @param host           the reference name checked (what the user typed, not what DNS returned)
 * @param presentedNames the names the certificate offers (SAN DNS names, else the CN)
 * @param matchedName    the presented name that covered the host, when one did
 */
public record NameVerdict(String host, List<String> presentedNames, Optional<String> matchedName) {

    public NameVerdict {
        presentedNames = List.copyOf(presentedNames);
    }

    public boolean matches() {
        return matchedName.isPresent();
    }
}
