package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.Finding;
import java.util.List;

/**
 * One check over the observations. Pure and stateless: the same observations give the same findings, in
 * the same order; no I/O, no clock but {@link Observations#now()}. Findings carry codes and named
 * arguments, never rendered text and never a password (observations hold none).
 */
@FunctionalInterface
public interface Rule {

    /** The findings for the check {@code view} shows; the view is built once per assessment and shared. */
    List<Finding> apply(CheckView view);
}
