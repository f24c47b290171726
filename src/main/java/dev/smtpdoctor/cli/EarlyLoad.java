package dev.smtpdoctor.cli;

import dev.smtpdoctor.discovery.ProviderKnowledge;

/**
 * Work every check needs that does not depend on anything the user typed, started on a virtual thread of its own
 * as soon as a command knows it will run a check, so that it overlaps with what comes first (the demo's servers
 * starting, the password prompt). Parsing the provider knowledge base with Jackson is the big one: ~0.2 s of a
 * cold JVM (docs/benchmarks.md). Whoever needs it first waits for this parse ({@link ProviderKnowledge#builtIn()}
 * parses once); a failure here is thrown again there, where it is reported.
 */
final class EarlyLoad {

    private EarlyLoad() {
    }

    static void start() {
        Thread.ofVirtual().name("smtp-doctor-early-load").start(() -> {
            try {
                ProviderKnowledge.builtIn();
            } catch (RuntimeException e) {
                // Reported by the caller that needs the knowledge base: builtIn() fails the same way there.
            }
        });
    }
}
