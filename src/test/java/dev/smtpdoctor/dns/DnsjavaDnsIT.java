package dev.smtpdoctor.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdoctor.testing.knot.KnotServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DnsjavaDns} against a real DNS server (Knot) on loopback, serving the test zone example.test. */
class DnsjavaDnsIT {

    private static KnotServer knot;
    private static DnsjavaDns dns;

    @BeforeAll
    static void start() {
        knot = KnotServer.start();
        dns = knot.dns(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (knot != null) {
            knot.close();
        }
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // literals only: never a lookup
    }

    @Test
    void mxRecords() {
        assertThat(dns.mx("example.test")).isEqualTo(new DnsResult.Found<>(
                List.of(new MxRecord(10, "mx1.example.test"), new MxRecord(20, "mx2.example.test")), List.of()));
    }

    @Test
    void nullMx() {
        DnsResult<MxRecord> r = dns.mx("nullmx.example.test.");

        assertThat(r.records()).containsExactly(new MxRecord(0, "."));
        assertThat(r.records().get(0).isNullMx()).isTrue();
    }

    @Test
    void srvRecordsIncludingNotOffered() {
        assertThat(dns.srv("_submissions._tcp.example.test").records())
                .containsExactly(new SrvRecord(0, 1, 465, "mail.example.test"));
        assertThat(dns.srv("_submission._tcp.example.test").records())
                .containsExactly(new SrvRecord(0, 1, 587, "mail.example.test"));
        SrvRecord none = dns.srv("_submissions._tcp.nullmx.example.test").records().get(0);
        assertThat(none.notOffered()).isTrue();
        assertThat(dns.srv("_submission._tcp.nullmx.example.test")).isInstanceOf(DnsResult.NoSuchDomain.class);
    }

    @Test
    void txtRecordsWithTheirStringsJoined() {
        assertThat(dns.txt("example.test").records()).containsExactlyInAnyOrder(
                "v=spf1 mx include:_spf.provider.test -all", "google-site-verification=not-spf");
        String key = dns.txt("default._domainkey.example.test").records().get(0);
        assertThat(key).isEqualTo("v=DKIM1; k=rsa; p=" + "A".repeat(200) + "B".repeat(200));
    }

    /** About 2 kB: more than the EDNS payload of 1232 bytes, so the UDP answer is truncated and TCP follows. */
    @Test
    void aLargeAnswerComesOverTcp() {
        List<String> big = dns.txt("big.example.test").records();

        assertThat(big).hasSize(1);
        assertThat(big.get(0)).hasSize(10 * 199).startsWith("bigtxt00-").contains("bigtxt09-");
    }

    @Test
    void addressesOfBothFamilies() throws Exception {
        assertThat(dns.addresses("mail.example.test").records()).containsExactly(ip("127.0.0.25"), ip("::1"));
        assertThat(dns.ipv4("mail.example.test").records()).containsExactly(ip("127.0.0.25"));
        assertThat(dns.ipv6("mail.example.test").records()).containsExactly(ip("::1"));
        assertThat(dns.ipv6("mx1.example.test")).isInstanceOf(DnsResult.NoData.class);
        assertThat(dns.addresses("mx1.example.test").records()).containsExactly(ip("127.0.0.11"));
    }

    @Test
    void reverseDns() throws Exception {
        assertThat(dns.ptr(ip("127.0.0.25")).records()).containsExactly("mail.example.test");
        assertThat(dns.ptr(ip("127.0.0.27"))).isInstanceOf(DnsResult.NoSuchDomain.class);
    }

    @Test
    void aCnameChainInsideTheZoneIsReported() throws Exception {
        DnsResult<InetAddress> r = dns.ipv4("alias.example.test");

        assertThat(r).isEqualTo(new DnsResult.Found<>(List.of(ip("127.0.0.25")),
                List.of("alias2.example.test", "mail.example.test")));
    }

    @Test
    void aCnameLeavingTheAnswerIsFollowedWithANewQuestion() throws Exception {
        assertThat(dns.ipv4("ext.example.test")).isEqualTo(new DnsResult.Found<>(List.of(ip("127.0.0.30")),
                List.of("host.provider.test")));
        assertThat(dns.txt("selector1._domainkey.example.test").records().get(0)).startsWith("v=DKIM1; k=rsa; p=MIIB");
    }

    @Test
    void cnameLoopsAndDanglingAliases() {
        assertThat(dns.ipv4("loop1.example.test")).isInstanceOf(DnsResult.ServerFailure.class)
                .extracting(r -> ((DnsResult.ServerFailure<?>) r).rcode()).isEqualTo("CNAME_LOOP");
        assertThat(dns.ipv4("dangling.example.test")).isEqualTo(new DnsResult.NoSuchDomain<>("gone.example.test"));
    }

    @Test
    void nxdomainAndNodataAreToldApart() {
        assertThat(dns.ipv4("nope.example.test")).isEqualTo(new DnsResult.NoSuchDomain<>("nope.example.test"));
        assertThat(dns.txt("mail.example.test")).isEqualTo(new DnsResult.NoData<>("mail.example.test"));
        assertThat(dns.mx("mail.example.test")).isEqualTo(new DnsResult.NoData<>("mail.example.test"));
    }

    @Test
    void serverFailureRefusalAndReferral() {
        assertThat(dns.txt("x.broken.test")).isEqualTo(new DnsResult.ServerFailure<>("x.broken.test", "SERVFAIL"));
        assertThat(dns.ipv4("nowhere.invalid")).isEqualTo(new DnsResult.ServerFailure<>("nowhere.invalid", "REFUSED"));
        assertThat(dns.ipv4("x.dead.example.test"))
                .isEqualTo(new DnsResult.ServerFailure<>("x.dead.example.test", "REFERRAL"));
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheLimit() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsjavaDns slow = DnsjavaDns.using(new DnsServer(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    Duration.ofMillis(300));
            long t0 = System.nanoTime();

            DnsResult<MxRecord> r = slow.mx("example.test");

            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r).isEqualTo(new DnsResult.TimedOut<>("example.test"));
            assertThat(ms).isBetween(250L, 2_000L);
        }
    }

    @Test
    void anUnreachableServerIsNoAnswer() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = s.getLocalPort();
        }
        DnsjavaDns nobody = DnsjavaDns.using(new DnsServer(InetAddress.getLoopbackAddress(), closed), Duration.ofMillis(500));

        assertThat(nobody.txt("example.test")).isEqualTo(new DnsResult.TimedOut<>("example.test"));
    }

    @Test
    void namesThatCannotExistAreNotAsked() {
        String label64 = "x".repeat(64);

        assertThat(dns.ipv4(label64 + ".example.test")).isInstanceOf(DnsResult.NoSuchDomain.class);
        assertThat(dns.txt("a..example.test")).isInstanceOf(DnsResult.NoSuchDomain.class);
    }

    @Test
    void manyQuestionsInParallel() {
        List<CompletableFuture<DnsResult<MxRecord>>> all = IntStream.range(0, 64)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> dns.mx(i % 2 == 0 ? "example.test" : "nope.example.test"),
                        r -> Thread.ofVirtual().start(r)))
                .toList();

        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).join()).isInstanceOf(i % 2 == 0 ? DnsResult.Found.class : DnsResult.NoSuchDomain.class);
        }
    }

    @Test
    void theResolverOverDnsForProbes() throws Exception {
        DnsResolver r = new DnsResolver(dns);

        assertThat(r.resolve("mail.example.test", 587)).containsExactly(
                new InetSocketAddress(ip("127.0.0.25"), 587), new InetSocketAddress(ip("::1"), 587));
        assertThat(r.resolve("192.0.2.7", 25)).containsExactly(new InetSocketAddress(ip("192.0.2.7"), 25));
        assertThatThrownBy(() -> r.resolve("nope.example.test", 587)).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(DnsResolver.LookupFailedException.class);
        assertThatThrownBy(() -> r.resolve("x.broken.test", 587)).isInstanceOf(DnsResolver.LookupFailedException.class)
                .hasMessageContaining("SERVFAIL");
    }
}
