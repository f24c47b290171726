package dev.smtpdoctor.model;

/** The fields of Gmail's "Send mail as" dialog (plus the address from step 1). */
public enum Field {
    ADDRESS,
    SERVER,
    PORT,
    SECURITY,
    USERNAME,
    PASSWORD
}
