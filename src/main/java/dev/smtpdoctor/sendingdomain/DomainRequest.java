package dev.smtpdoctor.sendingdomain;

import dev.smtpdoctor.model.HostName;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the sending-domain checks need.
 *
 * @param address       the address being added to Gmail ({@code you@example.jp}, A-label domain) or a bare
 *                      domain; it is also the envelope sender SPF checks (send-as keeps it as MAIL FROM)
 * @param serverAddress the address of the server that will deliver: the recommended submission server's.
 *                      An approximation: the provider may hand the mail to a separate outbound relay.
 *                      Empty: SPF is only checked for presence and syntax, reverse DNS not at all.
 * @param serverHost    that server's name: fills SPF's {@code %{h}} and suggests DKIM selectors
 * @param dkimSelectors selectors the user named ({@code --dkim-selector}); inferred ones are tried too
 */
public record DomainRequest(String address, Optional<InetAddress> serverAddress, Optional<String> serverHost,
                            List<String> dkimSelectors) {

    public DomainRequest {
        dkimSelectors = List.copyOf(dkimSelectors);
    }

    public static DomainRequest of(String address) {
        return new DomainRequest(address, Optional.empty(), Optional.empty(), List.of());
    }

    /** The domain after the last {@code @} (or the whole value), lower case without a trailing dot. */
    public String domain() {
        return HostName.normalise(address.substring(address.lastIndexOf('@') + 1));
    }

    /** The envelope sender: the address, or {@code postmaster@<domain>} for a bare domain (RFC 7208 §4.3). */
    public String sender() {
        return address.indexOf('@') > 0 ? address.strip() : "postmaster@" + domain();
    }
}
