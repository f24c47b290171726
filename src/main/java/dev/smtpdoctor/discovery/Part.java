package dev.smtpdoctor.discovery;

import java.util.List;

/** What one discovery source found: candidates in its own preference order, and notes. */
record Part(List<Candidate> candidates, List<DiscoveryNote> notes) {

    static final Part EMPTY = new Part(List.of(), List.of());

    Part {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }
}
