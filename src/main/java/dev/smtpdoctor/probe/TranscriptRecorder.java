package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.smtp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a probe's step timings and transcript from its listener events. One per probe; used on the
 * probe's thread only (the check's budget is shared and atomic). Everything it receives is already
 * redacted by the prober.
 *
 * <p>Bounded ({@link Limits}): each entry keeps at most {@code maxKeptReplyChars}, the transcript at most
 * {@code maxTranscriptEntries} entries and {@code maxTranscriptChars} characters, and all probes of a
 * check together at most {@code maxCheckTranscriptChars}; what is not kept is counted in a last
 * "… N more lines not kept" entry. Step details are cut to {@value KeptText#MAX_DETAIL_CHARS} characters.
 */
final class TranscriptRecorder implements ProbeListener {

    private long startNanos;
    private final Limits limits;
    private final AtomicLong checkBudget;
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<TranscriptEntry> transcript = new ArrayList<>();
    private final long[] stepStarts = new long[Step.values().length];
    private long chars;
    private int dropped;

    TranscriptRecorder(long startNanos, Limits limits, AtomicLong checkBudget) {
        this.startNanos = startNanos;
        this.limits = limits;
        this.checkBudget = checkBudget;
    }

    /**
     * Begins with another probe's steps and transcript (a connection it handed over, {@link Handover}), timed from
     * that probe's start, which becomes this one's. Called before any event of this probe.
     */
    void continueFrom(long otherStartNanos, List<StepRecord> otherSteps, List<TranscriptEntry> otherTranscript) {
        startNanos = otherStartNanos;
        steps.addAll(otherSteps);
        otherTranscript.forEach(this::keep);
    }

    private long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void add(TranscriptEntry.Direction direction, String text) {
        keep(new TranscriptEntry(now(), direction, KeptText.text(text, limits.maxKeptReplyChars())));
    }

    /** Keeps {@code e} within this probe's bounds and the check's; counts it as not kept otherwise. */
    private void keep(TranscriptEntry e) {
        int n = e.text().length();
        // One entry is held back for the count of what was not kept.
        boolean fits = transcript.size() < limits.maxTranscriptEntries() - 1
                && chars + n <= limits.maxTranscriptChars()
                && checkBudget.getAndUpdate(left -> left >= n ? left - n : left) >= n;
        if (!fits) {
            dropped++;
            return;
        }
        chars += n;
        transcript.add(e);
    }

    @Override
    public void stepStarted(Endpoint endpoint, Step step) {
        stepStarts[step.ordinal()] = now();
    }

    @Override
    public void stepSucceeded(Endpoint endpoint, Step step, long durationMillis, String detail) {
        steps.add(new StepRecord(step, stepStarts[step.ordinal()], durationMillis, true,
                KeptText.text(detail, KeptText.MAX_DETAIL_CHARS)));
    }

    @Override
    public void stepFailed(Endpoint endpoint, Step step, long durationMillis, String reason) {
        steps.add(new StepRecord(step, stepStarts[step.ordinal()], durationMillis, false,
                KeptText.text(reason, KeptText.MAX_DETAIL_CHARS)));
        add(TranscriptEntry.Direction.INFO, step + " failed: " + reason);
    }

    @Override
    public void sent(Endpoint endpoint, String redactedLine) {
        add(TranscriptEntry.Direction.CLIENT, redactedLine);
    }

    @Override
    public void received(Endpoint endpoint, Reply reply) {
        String text = reply.toWireText();
        if (!reply.deviations().isEmpty()) {
            text = text + "\n(deviations: " + reply.deviations() + ")";
        }
        add(TranscriptEntry.Direction.SERVER, text);
    }

    @Override
    public void note(Endpoint endpoint, String text) {
        add(TranscriptEntry.Direction.INFO, text);
    }

    List<StepRecord> steps() {
        return steps;
    }

    List<TranscriptEntry> transcript() {
        if (dropped == 0) {
            return transcript;
        }
        List<TranscriptEntry> out = new ArrayList<>(transcript);
        out.add(new TranscriptEntry(now(), TranscriptEntry.Direction.INFO,
                "… " + dropped + (dropped == 1 ? " more line" : " more lines") + " not kept"));
        return out;
    }
}
