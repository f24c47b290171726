package dev.smtpdoctor.probe;

import dev.smtpdoctor.text.UntrustedText;

/**
 * One step's timing, from the listener's paired events.
 *
 * @param startMillis milliseconds from the probe's start
 * @param ok          false when the step failed
 * @param detail      a short description (the address connected to, the reply code, the failure)
 */
public record StepRecord(Step step, long startMillis, long durationMillis, boolean ok, String detail) {

    public StepRecord {
        detail = UntrustedText.clean(detail); // may quote a reply or an exception's message
    }
}
