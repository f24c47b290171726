package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Finding;
import dev.smtpdoctor.model.FindingCode;
import dev.smtpdoctor.dns.Dns;
import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.dns.MxRecord;
import dev.smtpdoctor.dns.SrvRecord;
import dev.smtpdoctor.testing.InMemoryDns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A domain whose MX answer lists 1,200 hosts (security finding 8): the domain check resolves at most
 * {@link MxCheck#MAX_HOSTS} of them, never more than {@link MxCheck#MAX_CONCURRENT_LOOKUPS} at once, says
 * how many it left out, and ends within its deadline. Every address lookup takes 30 ms and is counted.
 */
class MxFanOutTest {

    private static final int RECORDS = 1_200;

    /** Counts address lookups of MX hosts and the most running at once; each takes a little time. */
    static final class CountingDns implements Dns {
        final Dns inner;
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        CountingDns(Dns inner) {
            this.inner = inner;
        }

        private <T> T counted(String name, java.util.function.Supplier<T> ask) {
            if (!name.startsWith("mx")) {
                return ask.get();
            }
            lookups.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
                return ask.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ask.get();
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public DnsResult<InetAddress> addresses(String name) {
            return counted(name, () -> inner.addresses(name));
        }

        @Override
        public DnsResult<InetAddress> ipv4(String name) {
            return counted(name, () -> inner.ipv4(name));
        }

        @Override
        public DnsResult<InetAddress> ipv6(String name) {
            return counted(name, () -> inner.ipv6(name));
        }

        @Override
        public DnsResult<MxRecord> mx(String name) {
            return inner.mx(name);
        }

        @Override
        public DnsResult<SrvRecord> srv(String name) {
            return inner.srv(name);
        }

        @Override
        public DnsResult<String> txt(String name) {
            return inner.txt(name);
        }

        @Override
        public DnsResult<String> ptr(InetAddress address) {
            return inner.ptr(address);
        }
    }

    private static CountingDns zoneWithManyMx(boolean resolvable) {
        StringBuilder z = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            // Preferences descend, so the "best" hosts are the last ones listed.
            z.append("example.jp. MX ").append(RECORDS - i).append(" mx").append(i).append(".example.jp.\n");
            if (resolvable) {
                z.append("mx").append(i).append(".example.jp. A 192.0.2.").append(i % 250 + 1).append('\n');
            }
        }
        z.append("example.jp. TXT \"v=spf1 mx -all\"\n");
        return new CountingDns(InMemoryDns.zone(z.toString()));
    }

    @Test
    void onlyTheTenBestMxHostsAreResolvedAFewAtATimeWithinTheDeadline() throws Exception {
        CountingDns dns = zoneWithManyMx(true);
        long t0 = System.nanoTime();

        DomainReport r = new DomainChecks(dns).check(new DomainRequest("you@example.jp",
                Optional.of(InetAddress.getByName("192.0.2.1")), Optional.of("mx1199.example.jp"), List.of()),
                Duration.ofSeconds(10));

        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).isLessThan(5_000);
        assertThat(r.mx().status()).isEqualTo(MxResult.Status.USABLE);
        assertThat(r.mx().hosts()).hasSize(MxCheck.MAX_HOSTS);
        // By preference: the most preferred (lowest value) are the last records listed.
        assertThat(r.mx().hosts().get(0).exchange()).isEqualTo("mx1199.example.jp");
        assertThat(r.mx().notExamined()).isEqualTo(RECORDS - MxCheck.MAX_HOSTS);
        assertThat(dns.lookups.get()).isLessThanOrEqualTo(MxCheck.MAX_HOSTS * 2); // A and AAAA at most
        assertThat(dns.mostAtOnce.get()).isLessThanOrEqualTo(MxCheck.MAX_CONCURRENT_LOOKUPS);
        // SPF's mx mechanism refuses more than 10 names (RFC 7208 §4.6.4) without resolving any of them.
        assertThat(r.spf()).hasValueSatisfying(s -> {
            assertThat(s.verdict()).isEqualTo(SpfVerdict.PERMERROR);
            assertThat(s.problem()).contains(SpfProblem.TOO_MANY_MX);
        });
        assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.SPF_PERMERROR);
    }

    @Test
    void whenNoneOfTheExaminedHostsResolvesTheFindingSaysMoreWereNotExamined() {
        CountingDns dns = zoneWithManyMx(false);

        DomainReport r = new DomainChecks(dns).check(DomainRequest.of("you@example.jp"), Duration.ofSeconds(10));

        assertThat(r.mx().status()).isEqualTo(MxResult.Status.HOSTS_UNRESOLVABLE);
        assertThat(dns.lookups.get()).isLessThanOrEqualTo(MxCheck.MAX_HOSTS * 2);
        assertThat(dns.mostAtOnce.get()).isLessThanOrEqualTo(MxCheck.MAX_CONCURRENT_LOOKUPS);
        Finding f = r.findings().stream().filter(x -> x.code() == FindingCode.MX_HOSTS_UNRESOLVABLE).findFirst()
                .orElseThrow();
        assertThat(f.args().get("hosts")).endsWith("… (+" + (RECORDS - MxCheck.MAX_HOSTS) + ")")
                .hasSizeLessThan(400);
    }
}
