package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectAddressTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Sends every connection to port 2525, as a demo or a test server would. */
    private static final Resolver MOVED = new Resolver() {
        @Override
        public List<InetAddress> resolve(String host, int port) {
            return List.of(LOOPBACK);
        }

        @Override
        public InetSocketAddress connectAddress(String host, int port, InetAddress address) {
            return new InetSocketAddress(address, 2525);
        }
    };

    @Test
    void byDefaultTheSocketGoesToTheResolvedAddressAndTheSamePort() {
        Resolver plain = (host, port) -> List.of(LOOPBACK);

        assertThat(plain.connectAddress("mail.example.test", 465, LOOPBACK))
                .isEqualTo(new InetSocketAddress(LOOPBACK, 465));
    }

    @Test
    void overridingResolverKeepsPinnedEndpointsAndDelegatesTheRest() {
        ResolveOverride pin = ResolveOverride.parse("pinned.example.test:587:127.0.0.1");
        OverridingResolver r = new OverridingResolver(List.of(pin), MOVED);

        assertThat(r.connectAddress("pinned.example.test", 587, LOOPBACK))
                .isEqualTo(new InetSocketAddress(LOOPBACK, 587));
        assertThat(r.connectAddress("other.example.test", 587, LOOPBACK))
                .isEqualTo(new InetSocketAddress(LOOPBACK, 2525));
    }
}
