package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.DnsResult;
import dev.smtpdoctor.testing.InMemoryDns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The audit's DNS cache: the same question asked once, at once or later; bounded in time and size. */
class CachingDnsTest {

    private static final String ZONE = """
            mail.example.test A 127.0.0.1
            example.test MX 10 mail.example.test
            example.test TXT "v=spf1 -all"
            """;

    @Test
    void aRepeatedQuestionIsAskedOnceAndAnsweredAlike() {
        InMemoryDns real = InMemoryDns.zone(ZONE);
        CachingDns dns = new CachingDns(real, Duration.ofMinutes(1), 100);

        for (int i = 0; i < 5; i++) {
            assertThat(dns.addresses("mail.example.test").records()).hasSize(1);
            assertThat(dns.addresses("MAIL.example.test").records()).hasSize(1);
            assertThat(dns.mx("example.test").records()).hasSize(1);
            assertThat(dns.txt("example.test").records()).containsExactly("v=spf1 -all");
            assertThat(dns.addresses("nowhere.test").failure()).isPresent();
        }

        assertThat(real.questions()).as("A and AAAA count apart").hasSize(6);
    }

    @Test
    void questionsAskedAtOnceAreJoined() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryDns real = InMemoryDns.zone(ZONE);
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.smtpdoctor.dns.Dns slow = new dev.smtpdoctor.dns.Dns() {
            @Override
            public DnsResult<java.net.InetAddress> addresses(String name) {
                asked.add(name);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.addresses(name);
            }

            @Override
            public DnsResult<dev.smtpdoctor.dns.MxRecord> mx(String name) {
                return real.mx(name);
            }

            @Override
            public DnsResult<dev.smtpdoctor.dns.SrvRecord> srv(String name) {
                return real.srv(name);
            }

            @Override
            public DnsResult<String> txt(String name) {
                return real.txt(name);
            }

            @Override
            public DnsResult<String> ptr(java.net.InetAddress address) {
                return real.ptr(address);
            }
        };
        CachingDns dns = new CachingDns(slow, Duration.ofMinutes(1), 100);
        List<Future<DnsResult<java.net.InetAddress>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> dns.addresses("mail.example.test")));
            }
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (asked.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(50);
            release.countDown();
            for (Future<DnsResult<java.net.InetAddress>> f : answers) {
                assertThat(f.get().records()).hasSize(1);
            }
        }
        assertThat(asked).hasSize(1);
    }

    @Test
    void answersExpireAndTheCacheStaysBounded() throws Exception {
        InMemoryDns real = InMemoryDns.zone(ZONE);
        CachingDns brief = new CachingDns(real, Duration.ofMillis(1), 100);
        brief.addresses("mail.example.test");
        Thread.sleep(5);
        brief.addresses("mail.example.test");
        assertThat(real.questions()).as("A and AAAA, twice").hasSize(4);

        CachingDns small = new CachingDns(InMemoryDns.zone(ZONE), Duration.ofMinutes(1), 50);
        for (int i = 0; i < 1000; i++) {
            small.addresses("d" + i + ".example.test");
        }
        assertThat(small.size()).isLessThanOrEqualTo(51);
    }
}
