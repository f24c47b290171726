package dev.smtpdoctor.sendingdomain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The macro expansion examples of RFC 7208 §7.4. */
class SpfMacroTest {

    private static SpfMacro.Context ctx(String ip) throws Exception {
        return new SpfMacro.Context("strong-bad@email.example.com", "email.example.com", InetAddress.getByName(ip),
                "mx.example.org");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            %{s}    | strong-bad@email.example.com
            %{o}    | email.example.com
            %{d}    | email.example.com
            %{d4}   | email.example.com
            %{d3}   | email.example.com
            %{d2}   | example.com
            %{d1}   | com
            %{dr}   | com.example.email
            %{d2r}  | example.email
            %{l}    | strong-bad
            %{l-}   | strong.bad
            %{lr}   | strong-bad
            %{lr-}  | bad.strong
            %{l1r-} | strong
            %{ir}.%{v}._spf.%{d2}             | 3.2.0.192.in-addr._spf.example.com
            %{lr-}.lp._spf.%{d2}              | bad.strong.lp._spf.example.com
            %{lr-}.lp.%{ir}.%{v}._spf.%{d2}   | bad.strong.lp.3.2.0.192.in-addr._spf.example.com
            %{ir}.%{v}.%{l1r-}.lp._spf.%{d2}  | 3.2.0.192.in-addr.strong.lp._spf.example.com
            %{d2}.trusted-domains.example.net | example.com.trusted-domains.example.net
            """)
    void ipv4Examples(String macro, String expansion) throws Exception {
        assertThat(SpfMacro.expand(macro, ctx("192.0.2.3"))).isEqualTo(expansion);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            %{ir}.%{v}._spf.%{d2} | 1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com
            """)
    void ipv6Example(String macro, String expansion) throws Exception {
        assertThat(SpfMacro.expand(macro, ctx("2001:db8::cb01"))).isEqualTo(expansion);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            %%         | %
            a%_b       | a b
            a%-b       | a%20b
            %{S}       | strong-bad%40email.example.com
            %{h}       | mx.example.org
            %{p}       | unknown
            """)
    void escapesUrlEncodingAndTheSimplifiedMacros(String macro, String expansion) throws Exception {
        assertThat(SpfMacro.expand(macro, ctx("192.0.2.3"))).isEqualTo(expansion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{x}", "%{d0}", "%{", "%", "%a", "%{c}", "%{dz}", "%{}"})
    void malformedMacrosAreInvalid(String macro) {
        assertThatThrownBy(() -> SpfMacro.validate(macro, false)).isInstanceOf(SpfSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{c}", "%{r}", "%{t}"})
    void explanationOnlyMacrosAreAllowedInExp(String macro) throws Exception {
        SpfMacro.validate(macro, true);
    }

    @org.junit.jupiter.api.Test
    void anOverlongExpansionLosesLabelsOnTheLeft() throws Exception {
        String spec = "%{l}." + "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60)
                + ".example";
        SpfMacro.Context c = new SpfMacro.Context("x".repeat(60) + "@example.com", "example.com",
                InetAddress.getByName("192.0.2.3"), "unknown");

        String out = SpfMacro.expandDomain(spec, c);

        assertThat(out.length()).isLessThanOrEqualTo(253);
        assertThat(out).startsWith("a".repeat(60)).endsWith(".example");
    }
}
