package dev.smtpdoctor.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The zone of the audit tests and benchmark, for any number of customer domains under {@code SUFFIX}: every
 * {@code <label>.SUFFIX} is a mail domain with {@code MX 10 mail.<label>.SUFFIX}, an SPF record allowing
 * 127.0.0.0/8 and a DMARC record ({@code p=reject}); {@code mail.<label>.SUFFIX} has the address
 * {@code 127.0.0.1}. Every other name (the guess {@code smtp.<label>}, autoconfig names, SRV names) does not
 * exist, and the domain itself has no address, so a check probes exactly one host per domain.
 */
public final class AuditZone {

    private AuditZone() {
    }

    public static BiFunction<Name, Integer, Optional<List<Record>>> under(String suffix) {
        String s = "." + suffix.toLowerCase() + ".";
        return (name, type) -> {
            String n = name.toString().toLowerCase();
            if (!n.endsWith(s)) {
                return Optional.empty();
            }
            String[] labels = n.substring(0, n.length() - s.length()).split("\\.");
            try {
                if (labels.length == 1) {
                    return Optional.of(switch (type) {
                        case Type.MX -> List.of(new MXRecord(name, DClass.IN, 60, 10, Name.fromString("mail." + n)));
                        case Type.TXT -> List.of(new TXTRecord(name, DClass.IN, 60, "v=spf1 ip4:127.0.0.0/8 -all"));
                        default -> List.<Record>of();
                    });
                }
                if (labels.length == 2 && labels[0].equals("mail")) {
                    return Optional.of(type == Type.A
                            ? List.of(new ARecord(name, DClass.IN, 60, InetAddress.getByAddress(new byte[] {127, 0, 0, 1})))
                            : List.<Record>of());
                }
                if (labels.length == 2 && labels[0].equals("_dmarc")) {
                    return Optional.of(type == Type.TXT
                            ? List.of(new TXTRecord(name, DClass.IN, 60, "v=DMARC1; p=reject"))
                            : List.<Record>of());
                }
            } catch (TextParseException | UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            return Optional.empty();
        };
    }
}
