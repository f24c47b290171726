package dev.smtpdoctor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.dns.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --connect-to HOST1:PORT1:HOST2:PORT2, as curl reads it. */
class ConnectToTest {

    private static final Resolver NAMES = (host, port) -> {
        String h = dev.smtpdoctor.model.HostName.normalise(host);
        if (h.equals("mail.example.test") || h.equals("127.0.0.1")) {
            return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        throw new UnknownHostException(host);
    };

    @Test
    void parsesEveryFormAndRefusesNonsense() {
        assertThat(ConnectTo.parse("mail.example.test:587:127.0.0.1:2587")).contains(new ConnectTo(
                Optional.of("mail.example.test"), 587, Optional.of("127.0.0.1"), 2587));
        assertThat(ConnectTo.parse(":465::3465")).contains(new ConnectTo(Optional.empty(), 465, Optional.empty(), 3465));
        assertThat(ConnectTo.parse("::[::1]:")).contains(new ConnectTo(Optional.empty(), 0, Optional.of("::1"), 0));
        assertThat(ConnectTo.parse("a:b:c")).isEmpty();
        assertThat(ConnectTo.parse("h:70000::1")).isEmpty();
        assertThat(ConnectTo.parse("h:1:bad host:1")).isEmpty();
    }

    @Test
    void theFirstMatchingRuleMovesTheConnectionAndNamesStillNeedToExist() throws Exception {
        Resolver r = ConnectTo.resolver(List.of(ConnectTo.parse(":465::3465").orElseThrow(),
                ConnectTo.parse("other.example.test:25:127.0.0.1:2525").orElseThrow()), NAMES);

        assertThat(r.resolve("mail.example.test", 465)).extracting(InetSocketAddress::getPort).containsExactly(3465);
        assertThat(r.resolve("Mail.Example.Test.", 465)).extracting(InetSocketAddress::getPort).containsExactly(3465);
        assertThat(r.resolve("mail.example.test", 587)).extracting(InetSocketAddress::getPort).containsExactly(587);
        assertThat(r.resolve("other.example.test", 25)).extracting(InetSocketAddress::getPort).containsExactly(2525);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.resolve("smtp.example.test", 465))
                .isInstanceOf(UnknownHostException.class);
    }
}
