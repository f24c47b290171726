package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resolver answers socket addresses, so it can move a logical port (465) to a real one, like curl's --connect-to. */
class ConnectAddressTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Sends every connection to port 2525, as a demo or a test server would. */
    private static final Resolver MOVED = (host, port) -> List.of(new InetSocketAddress(LOOPBACK, 2525));

    @Test
    void overridingResolverKeepsPinnedEndpointsOnTheirPortAndDelegatesTheRest() throws Exception {
        ResolveOverride pin = ResolveOverride.parse("pinned.example.test:587:127.0.0.1");
        OverridingResolver r = new OverridingResolver(List.of(pin), MOVED);

        assertThat(r.resolve("pinned.example.test", 587)).containsExactly(new InetSocketAddress(LOOPBACK, 587));
        assertThat(r.resolve("other.example.test", 587)).containsExactly(new InetSocketAddress(LOOPBACK, 2525));
    }
}
