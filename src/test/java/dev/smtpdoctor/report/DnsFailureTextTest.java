package dev.smtpdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.DnsFailure;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every {@link DnsFailure} has its sentence in both languages (the key is built from the constant's name). */
class DnsFailureTextTest {

    @Test
    void everyFailureHasItsReasonInBothLanguages() {
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
            Messages m = Messages.forLocale(l);
            for (DnsFailure f : DnsFailure.values()) {
                assertThat(m.has("dns.reason." + f.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                        .as("%s in %s", f, l).isTrue();
            }
        }
    }
}
