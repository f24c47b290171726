package dev.smtpdoctor.tls;

import dev.smtpdoctor.text.UntrustedText;

/**
 * Whether the presented chain leads to a trusted root, checked by PKIX against the system trust store
 * or the user's CA file, with validity dates. Independent of the host name (see {@link NameVerdict}).
 *
 * @param status what was found
 * @param detail the validator's own message, for the verbose report; never contains secrets. It quotes the
 *               server's certificate, so it passes {@link UntrustedText#clean}.
 */
public record ChainVerdict(Status status, String detail) {

    public ChainVerdict {
        detail = UntrustedText.clean(detail);
    }

    public enum Status {
        TRUSTED,
        /** One certificate, issued by itself, not in the trust store. */
        SELF_SIGNED,
        /** Does not chain to a trusted root (private CA, missing intermediate). */
        UNTRUSTED,
        EXPIRED,
        NOT_YET_VALID,
        /** The server presented no certificate or one that cannot be parsed. */
        INVALID
    }

    public boolean trusted() {
        return status == Status.TRUSTED;
    }
}
