package dev.smtpdoctor.testing.postfix;

import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.probe.TranscriptEntry;
import dev.smtpdoctor.tls.TlsObservation;

/**
 * Renders a probe result for assertion messages (the transcript says what the server really did)
 * and one summary line per scenario in the IT output ({@code target/failsafe-reports/*-output.txt}).
 */
public final class ProbeReport {

    private ProbeReport() {
    }

    /** One line: scenario, outcome, TLS verdicts, AUTH and sender results, duration. */
    public static String summary(String scenario, ProbeResult r) {
        String tls = r.tls().map(ProbeReport::tls).orElse("no TLS");
        return "postfix-it scenario | " + scenario + " | " + r.endpoint() + " | " + r.outcome() + " | " + tls
                + " | auth " + r.auth().status() + r.auth().reply().map(x -> " (" + x.firstLine() + ")").orElse("")
                + " | sender " + r.sender().status() + r.sender().reply().map(x -> " (" + x.code() + " "
                + x.firstLine() + ")").orElse("") + " | " + r.totalMillis() + " ms";
    }

    /** Prints {@link #summary} and returns the result, for {@code var r = logged("...", prober.probe(...))}. */
    public static ProbeResult logged(String scenario, ProbeResult r) {
        System.out.println(summary(scenario, r));
        return r;
    }

    /** The summary and the whole transcript, for {@code assertThat(...).as(describe(r))}. */
    public static String describe(ProbeResult r) {
        StringBuilder sb = new StringBuilder(summary("probe", r)).append('\n');
        for (TranscriptEntry e : r.transcript()) {
            String arrow = switch (e.direction()) {
                case CLIENT -> "C: ";
                case SERVER -> "S: ";
                case INFO -> "*  ";
            };
            sb.append("  ").append(e.atMillis()).append(" ms ").append(arrow).append(e.text()).append('\n');
        }
        return sb.toString();
    }

    private static String tls(TlsObservation t) {
        return t.protocol() + " chain " + t.chainVerdict().status() + " name "
                + (t.nameVerdict().matches() ? "matches" : "mismatch " + t.nameVerdict().presentedNames());
    }
}
