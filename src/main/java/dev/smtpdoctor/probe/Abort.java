package dev.smtpdoctor.probe;

/** Ends a probe's conversation with an outcome; internal to the state machine, never leaves the package. */
final class Abort extends Exception {

    final ProbeOutcome outcome;
    /** Whether the conversation is still in step, so a QUIT is worth sending. */
    final boolean sayQuit;

    Abort(ProbeOutcome outcome, boolean sayQuit) {
        super(null, null, false, false);
        this.outcome = outcome;
        this.sayQuit = sayQuit;
    }
}
