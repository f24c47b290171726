package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of {@link DnsjavaDns} and {@link Dns} that need no server (the rest: DnsjavaDnsIT against Knot). */
class DnsjavaDnsTest {

    private static final InetAddress V4 = ResolveOverride.literal("192.0.2.1");
    private static final InetAddress V6 = ResolveOverride.literal("2001:db8::1");

    @Test
    void bothFamiliesCombineIpv4First() {
        DnsResult<InetAddress> r = DnsjavaDns.combine("h.test", new DnsResult.Found<>(List.of(V4), List.of("c.test")),
                new DnsResult.Found<>(List.of(V6), List.of("c.test")));

        assertThat(r).isEqualTo(new DnsResult.Found<>(List.of(V4, V6), List.of("c.test")));
    }

    @Test
    void oneFamilyIsEnoughAndAFailureBeatsNodata() {
        DnsResult<InetAddress> found = new DnsResult.Found<>(List.of(V6), List.of());
        DnsResult<InetAddress> nodata = new DnsResult.NoData<>("h.test");
        DnsResult<InetAddress> nx = new DnsResult.NoSuchDomain<>("h.test");
        DnsResult<InetAddress> timeout = new DnsResult.TimedOut<>("h.test");
        DnsResult<InetAddress> servfail = new DnsResult.ServerFailure<>("h.test", "SERVFAIL");

        assertThat(DnsjavaDns.combine("h.test", nodata, found)).isEqualTo(found);
        assertThat(DnsjavaDns.combine("h.test", timeout, found)).isEqualTo(found);
        assertThat(DnsjavaDns.combine("h.test", nodata, timeout)).isEqualTo(timeout);
        assertThat(DnsjavaDns.combine("h.test", servfail, nodata)).isEqualTo(servfail);
        assertThat(DnsjavaDns.combine("h.test", nx, nx)).isEqualTo(nx);
        assertThat(DnsjavaDns.combine("h.test", nodata, nx)).isEqualTo(nodata);
    }

    @Test
    void theDefaultFamilyMethodsFilterAddresses() {
        Dns only = new Dns() {
            @Override
            public DnsResult<InetAddress> addresses(String name) {
                return new DnsResult.Found<>(List.of(V4, V6), List.of("alias.test"));
            }

            @Override
            public DnsResult<MxRecord> mx(String name) {
                return new DnsResult.NoData<>(name);
            }

            @Override
            public DnsResult<SrvRecord> srv(String name) {
                return new DnsResult.NoData<>(name);
            }

            @Override
            public DnsResult<String> txt(String name) {
                return new DnsResult.NoData<>(name);
            }

            @Override
            public DnsResult<String> ptr(InetAddress address) {
                return new DnsResult.NoData<>(address.getHostAddress());
            }
        };

        assertThat(only.ipv4("h.test")).isEqualTo(new DnsResult.Found<>(List.of(V4), List.of("alias.test")));
        assertThat(only.ipv6("h.test")).isEqualTo(new DnsResult.Found<>(List.of(V6), List.of("alias.test")));
    }

    @Test
    void theSystemResolversAreReadWithoutAsking() {
        assertThat(DnsjavaDns.system(Duration.ofSeconds(1)).toString()).contains("system").contains("1000ms");
        assertThat(DnsjavaDns.using(DnsServer.parse("127.0.0.1:5353"), Duration.ofMillis(300)).timeout())
                .isEqualTo(Duration.ofMillis(300));
    }
}
