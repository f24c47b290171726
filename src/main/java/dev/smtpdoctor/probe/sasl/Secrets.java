package dev.smtpdoctor.probe.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Byte handling for credentials that avoids leaving copies in Strings: the SASL exchanges build their
 * lines with it, and {@code probe.SecretMask} builds the forms of a secret a server may echo. Every array
 * returned is the caller's to wipe.
 */
public final class Secrets {

    /** What listeners and transcripts see in place of a line that carries credentials. */
    public static final String REDACTED = "[redacted]";

    private Secrets() {
    }

    public static byte[] utf8(char[] chars) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = Arrays.copyOfRange(bb.array(), bb.position(), bb.limit());
        Arrays.fill(bb.array(), (byte) 0);
        return out;
    }

    public static byte[] base64(byte[] data) {
        return Base64.getEncoder().encode(data);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** RFC 4616's PLAIN message with an empty authorization identity: {@code NUL username NUL password}. */
    public static byte[] plainBlob(String username, byte[] password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] blob = new byte[user.length + password.length + 2];
        System.arraycopy(user, 0, blob, 1, user.length);
        System.arraycopy(password, 0, blob, user.length + 2, password.length);
        return blob;
    }

    /** RFC 2195: {@code username SP hex(HMAC-MD5(password, challenge))}. */
    public static byte[] cramMd5(String username, byte[] password, byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacMD5"));
            String digest = HexFormat.of().formatHex(mac.doFinal(challenge));
            return (username + " " + digest).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }
}
