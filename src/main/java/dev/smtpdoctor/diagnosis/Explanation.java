package dev.smtpdoctor.diagnosis;

import dev.smtpdoctor.model.FindingCode;
import java.util.List;

/**
 * What a pasted error message is, what can cause it, and which check tells the causes apart.
 *
 * @param message    the known message it matches
 * @param text       the message as users see it ({@link KnownMessage#text()})
 * @param verbatim   whether that wording is confirmed verbatim
 * @param causes     possible causes, most common first
 * @param meaningKey message key: what it means, in the user's language ({@code known.<NAME>})
 * @param checkKey   message key: the check that decides between the causes ({@code known.<NAME>.check})
 * @param pasted     the part of the user's own text this was recognised in (the server's reply inside Gmail's
 *                   frame, or the frame), whitespace collapsed and cut to {@link #PASTED_MAX} characters: what the
 *                   report shows as the message, rather than the catalogue's wording
 */
public record Explanation(KnownMessage message, String text, boolean verbatim, List<FindingCode> causes,
                          String meaningKey, String checkKey, String pasted) {

    /** Longest piece of the pasted text that is shown back. */
    public static final int PASTED_MAX = 200;

    public Explanation {
        causes = List.copyOf(causes);
        pasted = pasted == null || pasted.isBlank() ? text : pasted;
    }

    static Explanation of(KnownMessage m, String pasted) {
        return new Explanation(m, m.text(), m.verbatim(), m.causes(), m.meaningKey(), m.checkKey(), pasted);
    }
}
