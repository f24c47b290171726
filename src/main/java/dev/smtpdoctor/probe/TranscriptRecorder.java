package dev.smtpdoctor.probe;

import dev.smtpdoctor.smtp.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a probe's step timings and transcript from its listener events. One per probe; used on the
 * probe's thread only. Everything it receives is already redacted by the prober.
 */
final class TranscriptRecorder implements ProbeListener {

    private final long startNanos;
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<TranscriptEntry> transcript = new ArrayList<>();
    private final long[] stepStarts = new long[Step.values().length];

    TranscriptRecorder(long startNanos) {
        this.startNanos = startNanos;
    }

    private long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void stepStarted(Endpoint endpoint, Step step) {
        stepStarts[step.ordinal()] = now();
    }

    @Override
    public void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
        steps.add(new StepRecord(step, stepStarts[step.ordinal()], durationMillis, true, detail));
    }

    @Override
    public void stepFailed(Endpoint endpoint, Step step, long durationMillis, String reason) {
        steps.add(new StepRecord(step, stepStarts[step.ordinal()], durationMillis, false, reason));
        transcript.add(new TranscriptEntry(now(), TranscriptEntry.Direction.INFO, step + " failed: " + reason));
    }

    @Override
    public void sent(Endpoint endpoint, String redactedLine) {
        transcript.add(new TranscriptEntry(now(), TranscriptEntry.Direction.CLIENT, redactedLine));
    }

    @Override
    public void received(Endpoint endpoint, Reply reply) {
        String text = reply.toWireText();
        if (!reply.deviations().isEmpty()) {
            text = text + "\n(deviations: " + reply.deviations() + ")";
        }
        transcript.add(new TranscriptEntry(now(), TranscriptEntry.Direction.SERVER, text));
    }

    @Override
    public void note(Endpoint endpoint, String text) {
        transcript.add(new TranscriptEntry(now(), TranscriptEntry.Direction.INFO, text));
    }

    List<StepRecord> steps() {
        return steps;
    }

    List<TranscriptEntry> transcript() {
        return transcript;
    }
}
