package dev.smtpdoctor.hostile;

import static dev.smtpdoctor.hostile.HostileFixture.ADDRESS;
import static dev.smtpdoctor.hostile.HostileFixture.HOST;
import static dev.smtpdoctor.hostile.HostileFixture.PASSWORD;
import static dev.smtpdoctor.hostile.HostileFixture.TRUST;
import static dev.smtpdoctor.hostile.HostileFixture.USER;

import dev.smtpdoctor.CheckRequest;
import dev.smtpdoctor.Diagnosis;
import dev.smtpdoctor.SmtpDoctor;
import dev.smtpdoctor.dns.Resolver;
import dev.smtpdoctor.lint.RawFields;
import dev.smtpdoctor.probe.ProbeListener;
import dev.smtpdoctor.probe.Timeouts;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names for a whole check, answered from a table: each (name, Gmail port) leads to one loopback server,
 * as {@code --resolve} would pin it; every other name does not exist. Nothing reaches real DNS.
 */
final class LoopbackNetwork implements Resolver {

    private static final List<Integer> GMAIL_PORTS = List.of(25, 465, 587);

    private final Map<String, Map<Integer, InetSocketAddress>> table = new ConcurrentHashMap<>();

    /** {@code host}'s {@code port} is {@code server}. */
    LoopbackNetwork route(String host, int port, ConcurrentSmtpServer server) {
        table.computeIfAbsent(host, h -> new ConcurrentHashMap<>())
                .put(port, new InetSocketAddress(server.address(), server.port()));
        return this;
    }

    /** Every Gmail port of {@code host} is {@code server}. */
    LoopbackNetwork route(String host, ConcurrentSmtpServer server) {
        for (int port : GMAIL_PORTS) {
            route(host, port, server);
        }
        return this;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetSocketAddress a = table.getOrDefault(host, Map.of()).get(port);
        if (a == null) {
            throw HostileFixture.noSuchHost(host);
        }
        return List.of(a);
    }

    /**
     * {@code smtp-doctor check you@example.test --server mail.example.test} with the user's password (or
     * none), through the library's front door, against this network, trusting the test CA.
     */
    Diagnosis check(int maxSockets, Timeouts timeouts, boolean allowPlaintextAuth, boolean withPassword) {
        return check(this, maxSockets, timeouts, allowPlaintextAuth, withPassword, java.util.Set.of());
    }

    /** The same check through {@code resolver}, with {@code --trust-certificate-name} for {@code trusted}. */
    static Diagnosis check(Resolver resolver, int maxSockets, Timeouts timeouts, boolean allowPlaintextAuth,
                           boolean withPassword, java.util.Set<String> trusted) {
        SmtpDoctor doctor = SmtpDoctor.builder().resolver(resolver).trust(TRUST).maxSockets(maxSockets).build();
        RawFields fields = RawFields.builder().address(ADDRESS).server(HOST).username(USER)
                .password(withPassword ? PASSWORD.toCharArray() : null).build();
        return doctor.diagnose(new CheckRequest(fields, allowPlaintextAuth, timeouts, java.util.List.of(), trusted),
                ProbeListener.NONE);
    }
}
