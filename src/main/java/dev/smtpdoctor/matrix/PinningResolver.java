package dev.smtpdoctor.matrix;

import dev.smtpdoctor.discovery.Candidate;
import dev.smtpdoctor.dns.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The check's resolver, except that a certificate name pinned to the address that presented its certificate
 * answers with that address only: no second lookup a rebinding or forged DNS answer could change. The port
 * comes from the presenting server's own entry for that address (so {@code --resolve} port mappings carry
 * over), else the port itself.
 */
final class PinningResolver implements Resolver {

    private final Resolver resolver;
    private final Function<String, Optional<Candidate>> candidates;

    PinningResolver(Resolver resolver, Function<String, Optional<Candidate>> candidates) {
        this.resolver = resolver;
        this.candidates = candidates;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        Optional<Candidate> c = candidates.apply(host);
        if (c.isEmpty() || c.get().pin().isEmpty()) {
            return resolver.resolve(host, port);
        }
        InetAddress pinned = c.get().pin().get().address();
        try {
            for (InetSocketAddress a : resolver.resolve(c.get().sameServerAs().orElseThrow(), port)) {
                if (a.getAddress().equals(pinned)) {
                    return List.of(a);
                }
            }
        } catch (UnknownHostException e) {
            // The presenting server's name no longer answers: the pinned address is all that is needed.
        }
        return List.of(new InetSocketAddress(pinned, port));
    }
}
