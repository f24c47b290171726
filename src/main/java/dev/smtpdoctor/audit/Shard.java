package dev.smtpdoctor.audit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard I/N}: this run checks the lines whose {@link LineHash} is I modulo N. Every line belongs to
 * exactly one shard, the same one in every run; SHA-256 spreads lines evenly, duplicates go to the same shard.
 *
 * @param index from 0 to {@code count - 1}
 * @param count 1 to {@value #MAX_COUNT}
 */
public record Shard(int index, int count) {

    public static final int MAX_COUNT = 100_000;
    public static final Shard ALL = new Shard(0, 1);
    private static final Pattern FORM = Pattern.compile("^\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*$");

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    /** {@code I/N}; empty when not of that form or out of range. */
    public static Optional<Shard> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return n >= 1 && n <= MAX_COUNT && i < n ? Optional.of(new Shard(i, n)) : Optional.empty();
    }

    public boolean includes(String hash) {
        return count == 1 || Long.remainderUnsigned(LineHash.number(hash), count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
