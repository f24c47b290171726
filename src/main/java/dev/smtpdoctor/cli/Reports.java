package dev.smtpdoctor.cli;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.ProbeJson;

/** Prints a diagnosis as text or JSON and returns its exit code; shared by check, demo and explain. */
final class Reports {

    private Reports() {
    }

    static int print(Terminal term, Diagnosis d, String command, boolean json, boolean verbose) {
        if (json) {
            term.out().println(ProbeJson.pretty(CheckJson.document(d, command, Version.current())));
        } else if (d.status() == Diagnosis.Status.BAD_INPUT) {
            term.err().print(new CheckTextReport(term.messages()).render(d, verbose));
        } else {
            term.out().print(new CheckTextReport(term.messages()).render(d, verbose));
        }
        term.out().flush();
        term.err().flush();
        return d.status().exitCode();
    }
}
