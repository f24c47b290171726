package dev.smtpdoctor.sendingdomain;

import java.util.List;

/**
 * DKIM public keys looked for under the selectors tried (RFC 6376 §3.6.2). A key found under one
 * selector confirms DKIM is set up; none found means "not confirmed": the provider may sign with a
 * selector nobody guessed.
 */
public record DkimResult(String domain, List<Selector> selectors) {

    public DkimResult {
        selectors = List.copyOf(selectors);
    }

    public enum Source {
        /** Named by the user ({@code --dkim-selector}). */
        GIVEN,
        /** Guessed from the provider or as a common name ({@link DkimSelectors}). */
        INFERRED
    }

    public enum Status {
        /** A key record with a non-empty {@code p=}. */
        KEY_FOUND,
        /** A key record with an empty {@code p=}: the key was revoked (RFC 6376 §3.6.1). */
        REVOKED,
        /** TXT records there, but none is a DKIM key. */
        NOT_A_KEY,
        /** No such name, or no TXT record. */
        NOT_FOUND,
        /** SERVFAIL or timeout. */
        DNS_FAILURE
    }

    /** @param name the name asked, {@code <selector>._domainkey.<domain>} */
    public record Selector(String selector, Source source, String name, Status status) {
    }

    public boolean confirmed() {
        return selectors.stream().anyMatch(s -> s.status() == Status.KEY_FOUND);
    }

    public List<String> confirmedSelectors() {
        return selectors.stream().filter(s -> s.status() == Status.KEY_FOUND).map(Selector::selector).toList();
    }

    public List<String> triedSelectors() {
        return selectors.stream().map(Selector::selector).toList();
    }
}
