package dev.smtpdoctor.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable key of an input line: the first 8 bytes of the SHA-256 of the line normalised (white space at
 * either end stripped, lower case), as 16 hex digits. The same line gets the same key in every run, on every
 * machine and in every shard, which is what {@code --resume} and {@code --shard} rely on.
 */
public final class LineHash {

    private LineHash() {
    }

    public static String of(String line) {
        return HexFormat.of().formatHex(digest(line), 0, 8);
    }

    /** The key as an unsigned number, for the shard: {@link Long#remainderUnsigned} of it. */
    public static long number(String hash) {
        return Long.parseUnsignedLong(hash, 16);
    }

    private static byte[] digest(String line) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    line.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
