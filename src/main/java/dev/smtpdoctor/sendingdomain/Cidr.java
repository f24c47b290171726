package dev.smtpdoctor.sendingdomain;

import java.net.InetAddress;

/** Address-in-network tests for ip4/ip6/a/mx with their prefix lengths (RFC 7208 §5.6). */
final class Cidr {

    private Cidr() {
    }

    /** Whether the first {@code prefix} bits agree; addresses of different families never match. */
    static boolean matches(InetAddress ip, InetAddress network, int prefix) {
        byte[] a = ip.getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }
}
