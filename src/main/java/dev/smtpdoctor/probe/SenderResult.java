package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.Reply;
import java.util.Optional;

/** What {@code MAIL FROM:<address>} showed about sending as the address. */
public record SenderResult(Status status, Optional<String> address, Optional<Reply> reply) {

    public enum Status {
        /** No address was given, or the probe ended before MAIL FROM. */
        NOT_TESTED,
        /** Skipped because AUTH did not succeed: the answer would only say "authenticate first". */
        SKIPPED,
        ACCEPTED,
        REJECTED
    }

    public static SenderResult notTested() {
        return new SenderResult(Status.NOT_TESTED, Optional.empty(), Optional.empty());
    }
}
