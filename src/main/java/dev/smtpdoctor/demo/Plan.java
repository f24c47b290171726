package dev.smtpdoctor.demo;

import dev.smtpdoctor.demo.DemoListener.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scenario sets up: one mail server machine known under some names, its certificate, its
 * listeners and accounts, and what the demo user typed. Built by every start from the committed demo
 * certificates ({@link DemoCertificates}).
 *
 * @param machineName   the server's own name, shown in its greeting and EHLO reply
 * @param hosts         every name that resolves to the machine; any other name does not exist
 * @param certificate   presented on every TLS listener; empty when the machine has no TLS at all
 * @param ports         its listeners; every other port is closed
 * @param accounts      login → password
 * @param delayGreeting greet like postscreen, after {@link DemoOptions#greetingDelay()}
 * @param passwordToUse what the user typed into Gmail's password field
 */
record Plan(String machineName, List<String> hosts, Optional<DemoCertificate> certificate, List<Port> ports,
            Map<String, String> accounts, boolean delayGreeting, TypedSettings typed, String passwordToUse) {

    Plan {
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        accounts = Map.copyOf(accounts);
        if (certificate.isEmpty() && ports.stream().anyMatch(p -> p.transport().offersTls())) {
            throw new IllegalArgumentException("TLS listeners need a certificate");
        }
    }

    Plan withPasswordToUse(String typedPassword) {
        return new Plan(machineName, hosts, certificate, ports, accounts, delayGreeting, typed, typedPassword);
    }

    Plan withAccounts(Map<String, String> loginsAndPasswords) {
        return new Plan(machineName, hosts, certificate, ports, loginsAndPasswords, delayGreeting, typed, passwordToUse);
    }

    Plan delayingGreeting() {
        return new Plan(machineName, hosts, certificate, ports, accounts, true, typed, passwordToUse);
    }

    /**
     * One listener.
     *
     * @param submission AUTH required before MAIL (RFC 6409); false for port 25, which also takes mail
     *                   from other servers without AUTH
     */
    record Port(int logicalPort, Transport transport, boolean submission) {

        static Port submission(int port, Transport transport) {
            return new Port(port, transport, true);
        }

        static Port relay(int port, Transport transport) {
            return new Port(port, transport, false);
        }
    }
}
