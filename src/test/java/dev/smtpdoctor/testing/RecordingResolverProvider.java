package dev.smtpdoctor.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (installed through META-INF/services): records every name the JDK
 * is asked to look up, then delegates to the built-in resolver, so a test can prove that some code
 * never asks DNS. Names ending in {@link #CANARY_SUFFIX} fail at once, without any network traffic,
 * so a test can check that the recorder is really in place. Thread-safe.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

    public static final String CANARY_SUFFIX = ".recorder-canary.invalid";

    private static final Queue<String> LOOKUPS = new ConcurrentLinkedQueue<>();

    /** Every host name (and reverse-looked-up address) asked for so far in this JVM. */
    public static List<String> lookups() {
        return List.copyOf(LOOKUPS);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKUPS.add(host);
                if (host.endsWith(CANARY_SUFFIX)) {
                    throw new UnknownHostException(host);
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                LOOKUPS.add(InetAddress.getByAddress(addr).getHostAddress());
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "smtp-doctor recording resolver (tests)";
    }
}
