package dev.smtpdoctor.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A posted form ({@code application/x-www-form-urlencoded}, the WHATWG URL standard's encoding), read with a
 * size limit. The field named {@value #SECRET} is decoded straight into a char array and never becomes a
 * String, so the caller can wipe it; {@link #wipe()} does. Everything else is kept as text. Not thread-safe.
 */
public final class FormBody implements AutoCloseable {

    /** The one field kept as a char array. */
    public static final String SECRET = "password";
    static final int MAX_FIELDS = 24;
    static final int MAX_NAME_CHARS = 40;

    private final Map<String, String> fields;
    private char[] secret;

    private FormBody(Map<String, String> fields, char[] secret) {
        this.fields = fields;
        this.secret = secret;
    }

    /** Thrown for a body over its limit or not a form; the message is for logs, never shown. */
    public static final class BadFormException extends Exception {
        private final boolean tooLarge;

        BadFormException(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /** Reads at most {@code maxBytes} from {@code in} (one byte more means "too large") and parses them. */
    public static FormBody read(InputStream in, int maxBytes) throws IOException, BadFormException {
        // One array, read into directly and wiped after parsing: no growing buffer leaves copies of the password.
        byte[] buf = new byte[maxBytes + 1];
        int total = 0;
        int n;
        try {
            while (total <= maxBytes && (n = in.read(buf, total, maxBytes + 1 - total)) > 0) {
                total += n;
            }
            if (total > maxBytes) {
                throw new BadFormException("body over " + maxBytes + " bytes", true);
            }
            byte[] body = Arrays.copyOf(buf, total);
            try {
                return parse(body);
            } finally {
                Arrays.fill(body, (byte) 0);
            }
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    /** Parses a form body; the caller wipes {@code body}. */
    public static FormBody parse(byte[] body) throws BadFormException {
        Map<String, String> fields = new LinkedHashMap<>();
        char[] secret = new char[0];
        int start = 0;
        int count = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                if (++count > MAX_FIELDS) {
                    throw new BadFormException("too many fields", false);
                }
                int eq = indexOf(body, (byte) '=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                char[] name = decode(body, start, nameEnd);
                String key = new String(name);
                if (key.length() > MAX_NAME_CHARS) {
                    throw new BadFormException("field name too long", false);
                }
                char[] value = nameEnd < end ? decode(body, nameEnd + 1, end) : new char[0];
                if (key.equals(SECRET)) {
                    Arrays.fill(secret, '\0');
                    secret = value;
                } else {
                    fields.put(key, new String(value));
                    Arrays.fill(value, '\0');
                }
            }
            start = end + 1;
        }
        return new FormBody(fields, secret);
    }

    /** The field's value; empty when it was not sent. Never the secret field. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The field's value, or "" when absent. */
    public String text(String name) {
        return fields.getOrDefault(name, "");
    }

    /** A copy of the secret field (empty when not sent); the caller wipes it. */
    public char[] secret() {
        return secret.clone();
    }

    public void wipe() {
        Arrays.fill(secret, '\0');
        secret = new char[0];
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "FormBody" + fields.keySet();
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return b.length;
    }

    /** Percent-decoding and '+' as space, then UTF-8 (malformed bytes become U+FFFD). */
    private static char[] decode(byte[] b, int from, int to) throws BadFormException {
        byte[] raw = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                raw[n++] = ' ';
            } else if (c == '%' && hex(b, i + 1, to) >= 0) {
                raw[n++] = (byte) hex(b, i + 1, to);
                i += 2;
            } else {
                raw[n++] = c;
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(raw, 0, n));
            char[] out = new char[cb.remaining()];
            cb.get(out);
            Arrays.fill(cb.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new BadFormException("not UTF-8", false);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The byte of two hex digits at {@code i}, or -1 when they are not two hex digits before {@code to}. */
    private static int hex(byte[] b, int i, int to) {
        if (i + 1 >= to) {
            return -1;
        }
        int hi = Character.digit(b[i], 16);
        int lo = Character.digit(b[i + 1], 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
