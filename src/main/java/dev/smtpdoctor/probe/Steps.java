package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.MalformedReplyException;
import java.io.IOException;

/**
 * Runs a probe's steps one at a time between their paired listener events ({@code stepStarted}, then
 * {@code stepSucceeded} or {@code stepFailed}); a failing step ends the probe with an {@link Abort} that carries its
 * outcome. One per probe, on its thread.
 */
final class Steps {

    @FunctionalInterface
    interface Body {
        /** Runs the step; returns a short detail for the step record. */
        String run() throws Abort, IOException, MalformedReplyException;
    }

    private final Endpoint endpoint;
    private final ProbeListener listener;
    private final SecretMask mask;
    private final Deadline probeDeadline;

    Steps(Endpoint endpoint, ProbeListener listener, SecretMask mask, Deadline probeDeadline) {
        this.endpoint = endpoint;
        this.listener = listener;
        this.mask = mask;
        this.probeDeadline = probeDeadline;
    }

    /** Runs one step; an exception ends the probe with its outcome. */
    void run(Step step, Body body) throws Abort {
        long t0 = System.nanoTime();
        listener.stepStarted(endpoint, step);
        ProbeOutcome failure;
        try {
            String detail = body.run();
            listener.stepSucceeded(endpoint, step, millisSince(t0), detail);
            return;
        } catch (Abort a) {
            listener.stepFailed(endpoint, step, millisSince(t0), Outcomes.describe(a.outcome));
            throw a;
        } catch (IOException | MalformedReplyException e) {
            failure = Outcomes.stepFailure(step, e, mask, probeDeadline);
        } catch (RuntimeException e) {
            // A bug of ours during this step: named with its step, never blamed on the server.
            failure = Outcomes.internalError(step, e);
        }
        listener.stepFailed(endpoint, step, millisSince(t0), Outcomes.describe(failure));
        throw new Abort(failure, false);
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
