/**
 * The embedded servers behind {@code smtp-doctor demo}: scenarios that reproduce real submission
 * failures on loopback, so a newcomer sees the product work in seconds without a mail account.
 *
 * <p>Front door: {@link dev.smtpdoctor.demo.DemoScenario#start()} returns a {@link
 * dev.smtpdoctor.demo.RunningDemo} holding what the diagnosis needs — the demo CA to trust instead of the
 * system store, what the user typed into Gmail's dialog, the password to use, and a {@link
 * dev.smtpdoctor.dns.Resolver} ({@link dev.smtpdoctor.demo.DemoNetwork}) that answers for the demo's
 * host names only and moves logical ports 465, 587 and 25 to the ephemeral ports the servers really use.
 *
 * <p>Everything binds to 127.0.0.1, and nothing here is meant to face a network: the servers accept any
 * message and discard it. The certificates and keys are committed test fixtures read with the JDK alone
 * ({@link dev.smtpdoctor.demo.DemoCertificates}, {@code certificates/README.md}); their private keys are
 * public, so the demo CA is trusted only by the demo's own run.
 */
package dev.smtpdoctor.demo;
