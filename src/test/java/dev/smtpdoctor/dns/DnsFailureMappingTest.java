package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.model.DnsFailure;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a lookup fails maps to one {@link DnsFailure}, from a {@link DnsResult} or a resolver's exception. */
class DnsFailureMappingTest {

    @Test
    void eachResultKindHasItsFailure() {
        assertThat(new DnsResult.NoSuchDomain<String>("x.test").failure()).contains(DnsFailure.NO_SUCH_HOST);
        assertThat(new DnsResult.NoData<String>("x.test").failure()).contains(DnsFailure.NO_ADDRESS);
        assertThat(new DnsResult.ServerFailure<String>("x.test", "SERVFAIL").failure()).contains(DnsFailure.LOOKUP_FAILED);
        assertThat(new DnsResult.ServerFailure<String>("x.test", "REFUSED").failure()).contains(DnsFailure.LOOKUP_FAILED);
        assertThat(new DnsResult.TimedOut<String>("x.test").failure()).contains(DnsFailure.TIMED_OUT);
        assertThat(new DnsResult.Found<>(List.of("v=spf1 -all"), List.of()).failure()).isEmpty();
    }

    @Test
    void theDnsResolverSaysWhichFailureItWas() {
        assertThat(failureResolving(new DnsResult.NoSuchDomain<>("x.test"))).isEqualTo(DnsFailure.NO_SUCH_HOST);
        assertThat(failureResolving(new DnsResult.NoData<>("x.test"))).isEqualTo(DnsFailure.NO_ADDRESS);
        assertThat(failureResolving(new DnsResult.ServerFailure<>("x.test", "SERVFAIL")))
                .isEqualTo(DnsFailure.LOOKUP_FAILED);
        assertThat(failureResolving(new DnsResult.TimedOut<>("x.test"))).isEqualTo(DnsFailure.TIMED_OUT);
    }

    @Test
    void aLookupThatDidNotFinishIsNeverANameWithoutAddress() {
        DnsResolver r = new DnsResolver(dnsAnswering(new DnsResult.TimedOut<>("x.test")));
        assertThatThrownBy(() -> r.resolve("x.test", 587)).isInstanceOf(DnsResolver.LookupFailedException.class);
        DnsResolver nx = new DnsResolver(dnsAnswering(new DnsResult.NoSuchDomain<>("x.test")));
        assertThatThrownBy(() -> nx.resolve("x.test", 587)).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(DnsResolver.LookupFailedException.class);
    }

    @Test
    void otherResolversExceptionsMapToo() {
        assertThat(Resolver.failureOf(new UnknownHostException("x.test"))).isEqualTo(DnsFailure.NO_SUCH_HOST);
        assertThat(Resolver.failureOf(new DnsResolver.LookupFailedException("x.test: timed out")))
                .isEqualTo(DnsFailure.LOOKUP_FAILED);
        assertThat(Resolver.failureOf(new java.io.IOException("socket"))).isEqualTo(DnsFailure.LOOKUP_FAILED);
    }

    @Test
    void theWordsAreStable() {
        // The JSON `reason` of a dns-failed outcome and the DNS findings' `reason` argument (docs/json.md).
        assertThat(List.of(DnsFailure.values()).stream().map(DnsFailure::word))
                .containsExactly("no such host", "no address", "timed out", "lookup failed", "interrupted");
        assertThat(List.of(DnsFailure.values()).stream().filter(DnsFailure::lookupIncomplete))
                .containsExactly(DnsFailure.TIMED_OUT, DnsFailure.LOOKUP_FAILED, DnsFailure.INTERRUPTED);
    }

    private static DnsFailure failureResolving(DnsResult<InetAddress> answer) {
        try {
            new DnsResolver(dnsAnswering(answer)).resolve("x.test", 587);
        } catch (UnknownHostException e) {
            return Resolver.failureOf(e);
        }
        throw new AssertionError("resolved");
    }

    private static Dns dnsAnswering(DnsResult<InetAddress> answer) {
        return (Dns) Proxy.newProxyInstance(Dns.class.getClassLoader(), new Class<?>[] {Dns.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("addresses")) {
                        return answer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
