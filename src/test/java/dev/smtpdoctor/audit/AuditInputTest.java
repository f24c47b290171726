package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Security;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The input, line by line: text and CSV forms, bad, blank and duplicate lines, and streaming. */
class AuditInputTest {

    private static List<Target> read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Target> read(byte[] bytes) throws Exception {
        List<Target> out = new ArrayList<>();
        try (AuditInput in = new AuditInput(new ByteArrayInputStream(bytes))) {
            in.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void textLinesAreDomainsAddressesAndServers() throws Exception {
        List<Target> t = read("example.jp\nyou@Example.JP\nmail.example.jp:587\n[2001:db8::25]:25\n192.0.2.1:465\n"
                + "ＥＸＡＭＰＬＥ.jp\n");

        assertThat(t).extracting(Target::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(t).noneMatch(Target::bad);
        assertThat(t.get(0).domain()).contains("example.jp");
        assertThat(t.get(0).address()).contains("postmaster@example.jp");
        assertThat(t.get(0).server()).isEmpty();
        assertThat(t.get(1).address()).contains("you@example.jp");
        assertThat(t.get(2).server()).contains("mail.example.jp");
        assertThat(t.get(2).port()).hasValue(587);
        assertThat(t.get(2).domain()).isEmpty();
        assertThat(t.get(3).server()).contains("2001:db8::25");
        assertThat(t.get(4).server()).contains("192.0.2.1");
        assertThat(t.get(5).domain()).contains("example.jp");
    }

    @Test
    void blankLinesCommentsAndCrLfGiveNoRecordButKeepTheNumbering() throws Exception {
        List<Target> t = read("\uFEFF# customers\r\n\r\n   \nexample.jp\r\n\t\nexample.org\n# end");

        assertThat(t).extracting(Target::line).containsExactly(4L, 6L);
        assertThat(t).extracting(Target::text).containsExactly("example.jp", "example.org");
    }

    @Test
    void malformedLinesAreBadLinesNamingWhy() throws Exception {
        List<Target> t = read("not a domain\nmail.example.jp:0\nmail.example.jp:99999\nhost:port\nlocalhost\n"
                + "@example.jp\nx@\n\u001b[31mred.example\n");

        assertThat(t).allMatch(Target::bad);
        assertThat(t).extracting(x -> x.problem().orElseThrow()).containsExactly(
                Target.Problem.NOT_A_DOMAIN_OR_HOST, Target.Problem.BAD_PORT, Target.Problem.BAD_PORT,
                Target.Problem.BAD_PORT, Target.Problem.NOT_A_DOMAIN_OR_HOST, Target.Problem.NOT_A_DOMAIN_OR_HOST,
                Target.Problem.NOT_A_DOMAIN_OR_HOST, Target.Problem.NOT_A_DOMAIN_OR_HOST);
        assertThat(t.get(7).text()).doesNotContain("\u001b");
    }

    @Test
    void tooLongAndNonUtf8LinesAreBadAndTheNextLineIsRead() throws Exception {
        byte[] longLine = ("a".repeat(5000) + ".example\n").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "b\u00e9.example\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] ok = "example.jp\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[longLine.length + latin1.length + ok.length];
        System.arraycopy(longLine, 0, all, 0, longLine.length);
        System.arraycopy(latin1, 0, all, longLine.length, latin1.length);
        System.arraycopy(ok, 0, all, longLine.length + latin1.length, ok.length);

        List<Target> t = read(all);

        assertThat(t).extracting(x -> x.problem().orElse(null))
                .containsExactly(Target.Problem.TOO_LONG, Target.Problem.NOT_UTF8, null);
        assertThat(t.get(0).text()).hasSizeLessThanOrEqualTo(AuditInput.MAX_LINE);
        assertThat(t.get(2).domain()).contains("example.jp");
    }

    @Test
    void duplicatesAreSeparateLinesWithTheSameHash() throws Exception {
        List<Target> t = read("example.jp\nExample.JP \nexample.org\n");

        assertThat(t).hasSize(3);
        assertThat(t.get(0).hash()).isEqualTo(t.get(1).hash()).isNotEqualTo(t.get(2).hash());
        assertThat(t.get(0).line()).isNotEqualTo(t.get(1).line());
    }

    @Test
    void csvWithAnySubsetOfTheColumnsInAnyOrder() throws Exception {
        List<Target> t = read("customer,security,server,port,domain\n"
                + "ACME,tls,mail.example.jp,587,example.jp\n"
                + "\"Foo, Inc.\",,\"smtp.example.org\",,\n"
                + "Bar,ssl,,,example.net\n"
                + "Baz,tls,,,\n"
                + "Qux,tls,mail.example.jp,587,example.jp,extra\n"
                + "Quux,quantum,mail.example.jp,587,\n"
                + "Corge,,mail.example.jp,seven,\n");

        assertThat(t).extracting(Target::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        Target acme = t.get(0);
        assertThat(acme.domain()).contains("example.jp");
        assertThat(acme.server()).contains("mail.example.jp");
        assertThat(acme.port()).hasValue(587);
        assertThat(acme.security()).contains(Security.TLS);
        assertThat(acme.address()).contains("postmaster@example.jp");
        assertThat(t.get(1).server()).contains("smtp.example.org");
        assertThat(t.get(1).domain()).isEmpty();
        assertThat(t.get(2).security()).contains(Security.SSL);
        assertThat(t.subList(3, 7)).extracting(x -> x.problem().orElseThrow()).containsExactly(
                Target.Problem.NOTHING_TO_CHECK, Target.Problem.TOO_MANY_FIELDS, Target.Problem.BAD_SECURITY,
                Target.Problem.BAD_PORT);
    }

    @Test
    void aCsvHeaderOfOneColumnWorksToo() throws Exception {
        List<Target> t = read("# exported\ndomain\nexample.jp\n");

        assertThat(t).singleElement().satisfies(x -> assertThat(x.domain()).contains("example.jp"));
    }

    /**
     * 100,000 lines, generated as they are read: the reader hands out the first target having read only the
     * start of the input, and holds one line at a time (the generator would be drained otherwise).
     */
    @Test
    void aHundredThousandLinesAreStreamed() throws Exception {
        GeneratedInput gen = new GeneratedInput(100_000);
        long count = 0;
        long bad = 0;
        try (AuditInput in = new AuditInput(gen)) {
            Target first = in.next();
            assertThat(first.domain()).contains("d0.example.test");
            assertThat(gen.served()).as("bytes read for the first target").isLessThan(128 * 1024);
            count = 1;
            while (in.hasNext()) {
                Target t = in.next();
                count++;
                if (t.bad()) {
                    bad++;
                }
            }
            assertThat(in.linesRead()).isEqualTo(100_000);
        }
        assertThat(count).isEqualTo(100_000);
        assertThat(bad).isEqualTo(100_000 / 1000);
    }

    /** {@code d<i>.example.test}, every thousandth line malformed; made as it is read. */
    static final class GeneratedInput extends InputStream {
        private final int lines;
        private int next;
        private byte[] current = new byte[0];
        private int pos;
        private long served;

        GeneratedInput(int lines) {
            this.lines = lines;
        }

        long served() {
            return served;
        }

        @Override
        public int read() {
            if (pos == current.length) {
                if (next == lines) {
                    return -1;
                }
                String line = next % 1000 == 999 ? "bad line " + next : "d" + next + ".example.test";
                current = (line + "\n").getBytes(StandardCharsets.US_ASCII);
                pos = 0;
                next++;
            }
            served++;
            return current[pos++];
        }
    }

    @Test
    void theTextParserKeepsTheLineNumberAndHash() {
        Target t = LineParser.TEXT.parse(42, "example.jp", LineHash.of("example.jp"));

        assertThat(t.line()).isEqualTo(42);
        assertThat(t.hash()).hasSize(16).isEqualTo(LineHash.of(" EXAMPLE.JP "));
        assertThat(t.mainHost()).isEqualTo(Optional.of("mail.example.jp"));
    }
}
