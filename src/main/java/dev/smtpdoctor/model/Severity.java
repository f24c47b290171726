package dev.smtpdoctor.model;

/** How much a finding matters to the user's goal of sending mail securely. */
public enum Severity {
    /** Stops a configuration from working, or makes it unsafe. */
    ERROR,
    /** Works, but with a risk or a likely future failure. */
    WARNING,
    /** Worth knowing; nothing to fix. */
    INFO
}
