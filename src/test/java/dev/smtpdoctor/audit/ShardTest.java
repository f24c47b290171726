package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --shard I/N: every line in exactly one shard, the same in every run, shards of about equal size. */
class ShardTest {

    @Test
    void parsesIOverN() {
        assertThat(Shard.parse("0/1")).contains(Shard.ALL);
        assertThat(Shard.parse(" 3 / 8 ")).contains(new Shard(3, 8));
        assertThat(Shard.parse("8/8")).isEmpty();
        assertThat(Shard.parse("0/0")).isEmpty();
        assertThat(Shard.parse("-1/4")).isEmpty();
        assertThat(Shard.parse("1")).isEmpty();
        assertThat(Shard.parse("a/b")).isEmpty();
        assertThat(Shard.parse("1/1000000")).isEmpty();
    }

    /**
     * Pinned (SHA-256 of "example.jp", first 8 bytes, as computed by any SHA-256 tool): a change of the hash
     * would send lines to other shards and break resuming a sharded audit.
     */
    @Test
    void theHashIsStableAcrossVersions() {
        assertThat(LineHash.of("example.jp")).isEqualTo("43f03163ca4e60ff");
        assertThat(LineHash.of("  Example.JP\t")).isEqualTo("43f03163ca4e60ff");
        assertThat(new Shard(3, 4).includes(LineHash.of("example.jp"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 8, 17})
    void everyLineIsInExactlyOneShardAndShardsAreBalanced(int n) {
        int lines = 100_000;
        int[] sizes = new int[n];
        for (int i = 0; i < lines; i++) {
            String hash = LineHash.of("customer-" + i + ".example.jp");
            int in = 0;
            for (int s = 0; s < n; s++) {
                if (new Shard(s, n).includes(hash)) {
                    in++;
                    sizes[s]++;
                }
            }
            assertThat(in).as("shards holding line %d", i).isEqualTo(1);
        }
        double expected = (double) lines / n;
        for (int s = 0; s < n; s++) {
            assertThat(Math.abs(sizes[s] - expected) / expected).as("shard %d/%d: %d lines", s, n, sizes[s])
                    .isLessThan(0.05);
        }
    }

    @Test
    void theSameLineGoesToTheSameShardEveryTime() {
        for (int i = 0; i < 1000; i++) {
            String line = "d" + i + ".example.test";
            Shard s = new Shard(Long.valueOf(Long.remainderUnsigned(LineHash.number(LineHash.of(line)), 5)).intValue(), 5);
            assertThat(s.includes(LineHash.of(line))).isTrue();
            assertThat(s.includes(LineHash.of(line.toUpperCase()))).isTrue();
        }
    }
}
