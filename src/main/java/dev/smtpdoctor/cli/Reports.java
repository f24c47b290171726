package dev.smtpdoctor.cli;

import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.report.CheckJson;
import dev.smtpdoctor.report.CheckTextReport;
import dev.smtpdoctor.report.ProbeJson;

/** Prints a diagnosis as text or JSON and returns its exit code; shared by check, demo and explain. */
final class Reports {

    private Reports() {
    }

    static CheckTextReport.Detail detail(boolean details, boolean verbose) {
        return verbose ? CheckTextReport.Detail.VERBOSE : details ? CheckTextReport.Detail.DETAILS : CheckTextReport.Detail.SHORT;
    }

    static int print(Terminal term, Diagnosis d, String command, boolean json, CheckTextReport.Detail detail) {
        if (json) {
            term.out().println(ProbeJson.pretty(CheckJson.document(d, command, Version.current())));
        } else if (d.status() == Diagnosis.Status.BAD_INPUT) {
            term.err().print(new CheckTextReport(term.messages()).render(d, detail));
        } else {
            term.out().print(new CheckTextReport(term.messages()).render(d, detail));
        }
        term.out().flush();
        term.err().flush();
        return d.status().exitCode();
    }
}
