package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.ADDRESS;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.NORMAL;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static dev.smtpdoctor.hostile.HostileFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.diagnosis.Assessment;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.model.Severity;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.probe.Credentials;
import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.probe.Limits;
import dev.smtpdoctor.probe.ProbeOutcome;
import dev.smtpdoctor.probe.ProbeRequest;
import dev.smtpdoctor.probe.ProbeResult;
import dev.smtpdoctor.model.Security;
import dev.smtpdoctor.probe.Step;
import dev.smtpdoctor.probe.Timeouts;
import dev.smtpdoctor.testing.FakeSmtpServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One hostile server and what must come of it: the probes to run against it (the first is the one the
 * user chose), its script, the outcome of that probe and the finding the diagnosis must make.
 * Built fluently by {@link HostileServer}'s table; read by {@link HostileServerCatalogTest}.
 */
final class Scenario {

    /** One probe: a Gmail port and security mode; with the password when {@code credentials}. */
    record ProbeSpec(int port, Security security, boolean credentials) {

        ProbeRequest request(Timeouts timeouts) {
            Optional<Credentials> c = credentials
                    ? Optional.of(new Credentials(USER, PASSWORD.toCharArray())) : Optional.empty();
            return new ProbeRequest(new Endpoint(HOST, port, security), c,
                    credentials ? Optional.of(ADDRESS) : Optional.empty(), false, timeouts);
        }
    }

    /** The finding that must be there: its code, its severity when it matters, and some of its arguments. */
    record ExpectedFinding(FindingCode code, Optional<Severity> severity, Map<String, String> args) {
    }

    final List<ProbeSpec> probes = new ArrayList<>();
    Timeouts timeouts = NORMAL;
    Limits limits = Limits.DEFAULT;
    Consumer<Script> script = s -> {
    };
    /** The resolver, given the fake server's port; by default {@value HostileFixture#HOST} is the fake server. */
    IntFunction<Resolver> resolver = port -> (host, p) -> {
        if (host.equals(HOST)) {
            return HostileFixture.at(port);
        }
        throw HostileFixture.noSuchHost(host);
    };
    final List<Consumer<ProbeResult>> resultChecks = new ArrayList<>();
    final List<Consumer<FakeSmtpServer>> serverChecks = new ArrayList<>();
    final List<ExpectedFinding> findings = new ArrayList<>();
    final List<Consumer<Assessment>> assessmentChecks = new ArrayList<>();

    private Scenario() {
    }

    /** The probe the user chose: port and security as typed into Gmail. */
    static Scenario on(int port, Security security) {
        Scenario s = new Scenario();
        s.probes.add(new ProbeSpec(port, security, false));
        return s;
    }

    /** The chosen probe carries the password (and tests MAIL FROM). */
    Scenario withPassword() {
        ProbeSpec first = probes.get(0);
        probes.set(0, new ProbeSpec(first.port(), first.security(), true));
        return this;
    }

    /** Another probe of the same server, run after the chosen one (as the matrix would run it). */
    Scenario alsoProbe(int port, Security security) {
        probes.add(new ProbeSpec(port, security, false));
        return this;
    }

    Scenario timeouts(Timeouts t) {
        this.timeouts = t;
        return this;
    }

    Scenario limits(Limits l) {
        this.limits = l;
        return this;
    }

    Scenario script(Consumer<Script> s) {
        this.script = s;
        return this;
    }

    Scenario resolver(IntFunction<Resolver> r) {
        this.resolver = r;
        return this;
    }

    /** The chosen probe ended exactly so. */
    Scenario outcome(ProbeOutcome expected) {
        resultChecks.add(r -> assertThat(r.outcome()).isEqualTo(expected));
        return this;
    }

    /** The chosen probe ended with a failed TLS handshake whose reason mentions {@code reasonPart}. */
    Scenario tlsFailed(Step step, boolean plaintextReply, String reasonPart) {
        resultChecks.add(r -> assertThat(r.outcome()).isInstanceOfSatisfying(ProbeOutcome.TlsFailed.class, t -> {
            assertThat(t.step()).isEqualTo(step);
            assertThat(t.plaintextReply()).as("plaintext reply").isEqualTo(plaintextReply);
            assertThat(t.reason()).containsIgnoringCase(reasonPart);
        }));
        return this;
    }

    /** The chosen probe ended with this outcome type in this step (for outcomes carrying OS messages). */
    Scenario outcome(Class<? extends ProbeOutcome> type, Step step) {
        resultChecks.add(r -> {
            assertThat(r.outcome()).isInstanceOf(type);
            assertThat(r.outcome().step()).isEqualTo(step);
        });
        return this;
    }

    Scenario result(Consumer<ProbeResult> check) {
        resultChecks.add(check);
        return this;
    }

    Scenario server(Consumer<FakeSmtpServer> check) {
        serverChecks.add(check);
        return this;
    }

    /** The diagnosis has a finding with this code and at least these arguments ({@code "step", "GREETING"}). */
    Scenario finding(FindingCode code, String... args) {
        findings.add(new ExpectedFinding(code, Optional.empty(), args(args)));
        return this;
    }

    Scenario finding(FindingCode code, Severity severity, String... args) {
        findings.add(new ExpectedFinding(code, Optional.of(severity), args(args)));
        return this;
    }

    Scenario assessment(Consumer<Assessment> check) {
        assessmentChecks.add(check);
        return this;
    }

    private static Map<String, String> args(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
